"""The per-person lock across instances: in-process first, then in Redis, with a lease."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis
from redis.asyncio.lock import Lock
from redis.exceptions import LockError, LockNotOwnedError, RedisError

from bot.storage.isolation import EventIsolation, KeyedLocks
from bot.storage.redis.keys import RedisKeys

log = logging.getLogger(__name__)

# The per-person lock, held only while one event is read, decided and saved (milliseconds;
# sending the replies happens after). The lease only matters when an instance dies holding
# it: then the person's next message waits at most this long. Ten seconds leaves room for the
# five seconds of reconnect retries (connection.py) and keeps a dead instance's cost short.
LOCK_TIMEOUT = 10.0  # seconds
# A waiter outlasts a dead holder's lease by this much rather than fail the person's message.
LOCK_WAIT_MARGIN = 5.0
LOCK_POLL = 0.02  # seconds between attempts while another instance holds the person


class RetrySafeLock(Lock):
    """redis-py's lock, made safe to retry: when a SET that took the lock lost its reply to a
    dropped connection, the retry finds our own token there. Without this the instance would
    wait out its own lease for nothing."""

    async def do_acquire(self, token: str | bytes) -> bool:
        if await super().do_acquire(token):
            return True
        stored = await self.redis.get(self.name)
        return stored is not None and _as_bytes(stored) == _as_bytes(token)


def _as_bytes(value: str | bytes) -> bytes:
    return value.encode() if isinstance(value, str) else value


class RedisIsolation(EventIsolation):
    """Borrows the store's client (`RedisStore.isolation()`); the store closes it."""

    def __init__(
        self,
        redis: Redis,
        keys: RedisKeys,
        *,
        lock_timeout: float = LOCK_TIMEOUT,
        lock_wait: float | None = None,
    ) -> None:
        self.redis = redis
        self.keys = keys
        self.lock_timeout = lock_timeout
        self.lock_wait = lock_timeout + LOCK_WAIT_MARGIN if lock_wait is None else lock_wait
        self.local = KeyedLocks()

    @asynccontextmanager
    async def lock(self, key: int) -> AsyncIterator[None]:
        # The in-process lock first: this instance's tasks for one person queue in memory,
        # so only one of them at a time polls Redis.
        async with self.local.lock(key), self._hold_in_redis(key):
            yield

    def __len__(self) -> int:
        return len(self.local)

    async def close(self) -> None:
        return None  # the store owns the connections

    @asynccontextmanager
    async def _hold_in_redis(self, user_id: int) -> AsyncIterator[None]:
        """Hold the person across instances. A task cancelled while its SET is in flight may
        leave the lock taken with nobody to release it: the lease ends it."""
        lock = RetrySafeLock(
            self.redis,
            self.keys.lock(user_id),
            timeout=self.lock_timeout,
            sleep=LOCK_POLL,
            blocking_timeout=self.lock_wait,
            thread_local=False,  # one Lock object per hold; tasks share the thread
        )
        if not await lock.acquire():
            raise LockError(f"a person stayed locked for {self.lock_wait:g} s")
        try:
            yield
        finally:
            await _release(lock)


async def _release(lock: Lock) -> None:
    """Let go of a person's lock. By now the event's work is saved, so a failure here is
    logged, not raised: the lease ends by itself."""
    try:
        await lock.release()
    except LockNotOwnedError:
        log.warning(
            "a person's lock expired before it was released: the event took longer than "
            "the %g s lease, so another instance may have handled the next one meanwhile",
            lock.timeout,
        )
    except RedisError as exc:
        log.warning("could not release a person's lock (%s); it expires by itself", exc)
