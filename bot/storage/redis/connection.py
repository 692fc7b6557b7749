"""Connections to Redis: a bounded pool that rides out short outages, and the checks made
once when a store connects."""

from __future__ import annotations

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.storage.contract import StoreError
from bot.storage.redis.keys import SCHEMA_VERSION, RedisKeys

# Reconnecting: waits of 0.2, 0.4, 0.8, 1.6 and 2 s ride out about five seconds of outage (a
# restart, a failover within one host), well inside the lock's lease (lock.py).
RETRIES = 5
BACKOFF = ExponentialBackoff(cap=2.0, base=0.1)
CONNECT_TIMEOUT = 2.0  # seconds per attempt: an unreachable host fails the attempt, not hangs
COMMAND_TIMEOUT = 5.0
# Bounded, so a burst of updates queues for connections instead of opening hundreds.
MAX_CONNECTIONS = 32
POOL_WAIT = 10.0


def open_client(url: str, retries: int) -> Redis:
    """A client on a pool of its own; raises ValueError for a URL redis-py cannot read.
    Nothing is sent until the first command."""
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=MAX_CONNECTIONS,
        timeout=POOL_WAIT,
        decode_responses=True,
        retry=Retry(BACKOFF, retries),
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
        socket_connect_timeout=CONNECT_TIMEOUT,
        socket_timeout=COMMAND_TIMEOUT,
    )
    return Redis(connection_pool=pool)


async def check_layout(redis: Redis, keys: RedisKeys) -> None:
    """Refuse data written by a newer program, as SqliteStore refuses a newer file: an
    older instance would not see the newer keys and would start everyone afresh."""
    await redis.set(keys.layout, SCHEMA_VERSION, nx=True)
    found = int(await redis.get(keys.layout) or SCHEMA_VERSION)
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"the Redis data under {keys.prefix!r} has layout {found}, newer than this "
            f"program ({SCHEMA_VERSION})"
        )


def decoded(value: str | bytes) -> str:
    """Replies are decoded (`decode_responses`); the client's types do not know that."""
    return value.decode() if isinstance(value, bytes) else value
