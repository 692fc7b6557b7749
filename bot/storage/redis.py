"""The shared store: several bot instances on one Redis, each person's events in order.

Key layout, under a prefix (`career-bot` unless told otherwise):

    <prefix>:v1:state:<user_id>    string  the person's UserState JSON
    <prefix>:v1:people             set     user ids that have a state (count_people)
    <prefix>:v1:misses             zset    question text (cut) -> times asked
    <prefix>:v1:event-kinds        set     ["kind","detail"] pairs ever recorded
    <prefix>:v1:events:<pair>      zset    one member per event, scored by its time
    <prefix>:lock:<user_id>        string  the per-person lock (a token, with a TTL)
    <prefix>:update:<update_id>    string  a processed Telegram update (with a TTL), written
                                   in the same transaction as the state it changed
    <prefix>:layout                string  the newest layout version that wrote here

Data keys carry the layout version, so a future layout can live next to this one while it is
migrated. The lock and update keys do not: instances of two versions running side by side
during a rolling upgrade must still exclude each other and share claimed updates.

Every write that touches two keys is one MULTI/EXEC transaction, so a dropped connection
leaves either all of it or none. Dropped connections are retried with exponential backoff;
when Redis stays away longer than that, the error reaches the engine's caller (the person
gets the apology). Writes that a retry may repeat are made idempotent where it matters:
claiming an update and taking a lock recognise their own token.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.lock import Lock
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import LockError, LockNotOwnedError, RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.problems import InputError
from bot.storage.base import MISS_TEXT_LIMIT, UPDATE_MEMORY, Miss, StateStore, StoreError

log = logging.getLogger(__name__)

DEFAULT_PREFIX = "career-bot"
# The version of this store's key layout and value formats. Not `STATE_SCHEMA`: the state
# JSON carries its own schema and is migrated when read, so a new state schema must not hide
# every stored state behind new keys. Bump this (with a migration) when a key changes meaning.
SCHEMA_VERSION = 1

# The per-person lock, held only while one event is read, decided and saved (milliseconds;
# sending the replies happens after). The lease only matters when an instance dies holding
# it: then the person's next message waits at most this long. Ten seconds leaves room for the
# five seconds of reconnect retries below and keeps a dead instance's cost short.
LOCK_TIMEOUT = 10.0  # seconds
# A waiter outlasts a dead holder's lease by this much rather than fail the person's message.
LOCK_WAIT_MARGIN = 5.0
LOCK_POLL = 0.02  # seconds between attempts while another instance holds the person

# Reconnecting: waits of 0.2, 0.4, 0.8, 1.6 and 2 s ride out about five seconds of outage (a
# restart, a failover within one host), well inside the lock's lease.
RETRIES = 5
BACKOFF = ExponentialBackoff(cap=2.0, base=0.1)
CONNECT_TIMEOUT = 2.0  # seconds per attempt: an unreachable host fails the attempt, not hangs
COMMAND_TIMEOUT = 5.0
# Bounded, so a burst of updates queues for connections instead of opening hundreds.
MAX_CONNECTIONS = 32
POOL_WAIT = 10.0

# Events older than this are dropped; the admin statistics read the last seven days.
EVENT_MEMORY = timedelta(days=30)

# Everything up to the last "@" is user information, whatever it holds: a password with "#"
# or "?" in it (which a URL parser would read as a fragment or a query) is hidden all the same.
_USERINFO = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>.*)@")
_QUERY_PASSWORD = re.compile(r"(?P<name>[?&]password=)[^&#]*", re.IGNORECASE)


def safe_url(url: str) -> str:
    """`url` with its password replaced by `***`, fit for messages and logs.

    `redis://user:secret@host` keeps the user name; userinfo without a colon
    (`redis://secret@host`) is hidden whole, because people write passwords that way too;
    a `password=` query parameter is hidden as well.
    """
    match = _USERINFO.match(url)
    if match is not None:
        user, colon, _ = match["userinfo"].partition(":")
        hidden = f"{user}:***" if colon else "***"
        url = f"{match['scheme']}{hidden}@{url[match.end() :]}"
    return _QUERY_PASSWORD.sub(r"\g<name>***", url)


def _secrets_in(url: str) -> list[str]:
    """The parts of `url` that `safe_url` hides, to scrub them from error messages."""
    found = [m.group(0).split("=", 1)[1] for m in _QUERY_PASSWORD.finditer(url)]
    match = _USERINFO.match(url)
    if match is not None:
        user, colon, password = match["userinfo"].partition(":")
        found.append(password if colon else user)
    # Shorter ones would blot out ordinary words of the message ("default user").
    return [secret for secret in found if len(secret) >= 4]


class RetrySafeLock(Lock):
    """redis-py's lock, made safe to retry: when a SET that took the lock lost its reply to a
    dropped connection, the retry finds our own token there. Without this the instance would
    wait out its own lease (30 s) for nothing."""

    async def do_acquire(self, token: str | bytes) -> bool:
        if await super().do_acquire(token):
            return True
        stored = await self.redis.get(self.name)
        return stored is not None and _as_bytes(stored) == _as_bytes(token)


def _as_bytes(value: str | bytes) -> bytes:
    return value.encode() if isinstance(value, str) else value


def _scored(rows: Sequence[Any]) -> list[tuple[str, float]]:
    """(member, score) pairs from a WITHSCORES reply, in Redis's order."""
    return [(_text(member), float(score)) for member, score in rows]


def _text(value: str | bytes) -> str:
    """Replies are decoded (`decode_responses`); the client's types do not know that."""
    return value.decode() if isinstance(value, bytes) else value


class RedisStore(StateStore):
    """`StateStore` on Redis, shared by every instance that uses the same URL and prefix.

    Construct it inside the event loop that will use it (its connections belong to that
    loop), preferably through `connect`, which checks that Redis answers.
    """

    def __init__(
        self,
        url: str,
        *,
        key_prefix: str = DEFAULT_PREFIX,
        lock_timeout: float = LOCK_TIMEOUT,
        lock_wait: float | None = None,
        retries: int = RETRIES,
    ) -> None:
        super().__init__()
        self.url = url
        self.prefix = key_prefix
        self.lock_timeout = lock_timeout
        self.lock_wait = lock_timeout + LOCK_WAIT_MARGIN if lock_wait is None else lock_wait
        self._data = f"{key_prefix}:v{SCHEMA_VERSION}"
        self._pool = BlockingConnectionPool.from_url(
            url,
            max_connections=MAX_CONNECTIONS,
            timeout=POOL_WAIT,
            decode_responses=True,
            retry=Retry(BACKOFF, retries),
            retry_on_error=[RedisConnectionError, RedisTimeoutError],
            socket_connect_timeout=CONNECT_TIMEOUT,
            socket_timeout=COMMAND_TIMEOUT,
        )
        self._redis = Redis(connection_pool=self._pool)

    @classmethod
    async def connect(
        cls,
        url: str,
        *,
        key_prefix: str = DEFAULT_PREFIX,
        lock_timeout: float = LOCK_TIMEOUT,
        lock_wait: float | None = None,
        retries: int = RETRIES,
    ) -> RedisStore:
        """A store that has answered PING: at start-up, an unreachable Redis is an InputError
        (exit 2) naming the URL without its password, not a traceback at the first message."""
        try:
            store = cls(
                url,
                key_prefix=key_prefix,
                lock_timeout=lock_timeout,
                lock_wait=lock_wait,
                retries=retries,
            )
        except ValueError:  # redis-py's reason may quote a piece of the URL: leave it out
            raise InputError(
                f"not a usable Redis URL: {safe_url(url)} "
                "(expected redis://[[user]:password@]host[:port][/db])"
            ) from None
        try:
            await store._redis.ping()
            await store._check_layout()
        except RedisError as exc:
            await store.close()
            reason = str(exc) or type(exc).__name__
            for secret in _secrets_in(url):
                reason = reason.replace(secret, "***")
            raise InputError(f"cannot use Redis at {safe_url(url)}: {reason}") from None
        except StoreError:
            await store.close()
            raise
        return store

    async def _check_layout(self) -> None:
        """Refuse data written by a newer program, as SqliteStore refuses a newer file: an
        older instance would not see the newer keys and would start everyone afresh."""
        key = f"{self.prefix}:layout"
        await self._redis.set(key, SCHEMA_VERSION, nx=True)
        found = int(await self._redis.get(key) or SCHEMA_VERSION)
        if found > SCHEMA_VERSION:
            raise StoreError(
                f"the Redis data under {self.prefix!r} has layout {found}, newer than this "
                f"program ({SCHEMA_VERSION})"
            )

    # keys -------------------------------------------------------------------------------

    def _state_key(self, user_id: int) -> str:
        return f"{self._data}:state:{user_id}"

    def _events_key(self, pair: str) -> str:
        return f"{self._data}:events:{pair}"

    @property
    def _people_key(self) -> str:
        return f"{self._data}:people"

    @property
    def _misses_key(self) -> str:
        return f"{self._data}:misses"

    @property
    def _event_kinds_key(self) -> str:
        return f"{self._data}:event-kinds"

    # the per-person lock ------------------------------------------------------------------

    def lock(self, user_id: int) -> AbstractAsyncContextManager[None]:
        return self._hold(user_id)

    @asynccontextmanager
    async def _hold(self, user_id: int) -> AsyncIterator[None]:
        # The in-process lock first: this instance's tasks for one person queue in memory,
        # so only one of them at a time polls Redis.
        async with self.locks.hold(user_id), self._hold_in_redis(user_id):
            yield

    @asynccontextmanager
    async def _hold_in_redis(self, user_id: int) -> AsyncIterator[None]:
        """Hold the person across instances. A task cancelled while its SET is in flight may
        leave the lock taken with nobody to release it: the lease ends it."""
        lock = RetrySafeLock(
            self._redis,
            f"{self.prefix}:lock:{user_id}",
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

    # state per person -------------------------------------------------------------------

    async def get(self, user_id: int) -> str | None:
        state = await self._redis.get(self._state_key(user_id))
        return None if state is None else _text(state)

    async def save(self, user_id: int, state: str, update_id: int | None = None) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(self._state_key(user_id), state)
            pipe.sadd(self._people_key, user_id)
            self._queue_mark(pipe, update_id)
            await pipe.execute()

    async def delete(self, user_id: int, update_id: int | None = None) -> bool:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(self._state_key(user_id))
            pipe.srem(self._people_key, user_id)
            self._queue_mark(pipe, update_id)
            deleted, *_ = await pipe.execute()
        return int(deleted) > 0

    async def count_people(self) -> int:
        return int(await self._redis.scard(self._people_key))

    async def close(self) -> None:
        await self._pool.disconnect()

    # anonymous records ------------------------------------------------------------------

    async def record_miss(self, text: str, kind: str, at: datetime) -> None:
        del kind, at  # only the counts are read (top_misses), so only they are kept
        await self._redis.zincrby(self._misses_key, 1, text[:MISS_TEXT_LIMIT])

    async def top_misses(self, limit: int) -> list[Miss]:
        """Most asked first, ties by text. A descending range in Redis orders ties by text
        backwards, so: the counts above the limit-th one, then its ties in text order."""
        if limit <= 0:
            return []
        key = self._misses_key
        cut = _scored(await self._redis.zrevrange(key, limit - 1, limit - 1, withscores=True))
        if not cut:  # fewer texts than the limit: all of them
            ranked = _scored(await self._redis.zrange(key, 0, -1, withscores=True))
        else:
            floor = cut[0][1]
            above = await self._redis.zrangebyscore(key, f"({floor}", "+inf", withscores=True)
            ties = await self._redis.zrangebyscore(
                key, floor, floor, start=0, num=limit - len(above), withscores=True
            )
            ranked = _scored([*above, *ties])
        misses = [Miss(text, int(count)) for text, count in ranked]
        return sorted(misses, key=lambda miss: -miss.count)[:limit]  # stable: ties stay sorted

    async def record_event(self, kind: str, detail: str, at: datetime) -> None:
        pair = json.dumps([kind, detail], ensure_ascii=False, separators=(",", ":"))
        key = self._events_key(pair)
        # A random member, made before the call: a retried ZADD adds the same one again.
        member = secrets.token_hex(8)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {member: at.timestamp()})
            pipe.zremrangebyscore(key, "-inf", f"({(at - EVENT_MEMORY).timestamp()}")
            pipe.expire(key, EVENT_MEMORY)
            pipe.sadd(self._event_kinds_key, pair)
            await pipe.execute()

    async def count_events(self, since: datetime) -> dict[tuple[str, str], int]:
        pairs = sorted(_text(pair) for pair in await self._redis.smembers(self._event_kinds_key))
        async with self._redis.pipeline(transaction=False) as pipe:
            for pair in pairs:
                pipe.zcount(self._events_key(pair), since.timestamp(), "+inf")
            counts = await pipe.execute()
        found: dict[tuple[str, str], int] = {}
        for pair, count in zip(pairs, counts, strict=True):
            if count:  # a pair whose events all expired counts nothing
                kind, detail = json.loads(pair)
                found[(str(kind), str(detail))] = int(count)
        return found

    # processed updates ------------------------------------------------------------------

    def _update_key(self, update_id: int) -> str:
        # Not versioned: instances of two versions must agree on what was processed.
        return f"{self.prefix}:update:{update_id}"

    def _queue_mark(self, pipe: Any, update_id: int | None) -> None:
        """Mark an update processed inside the caller's MULTI/EXEC: with the state or not at
        all. Redis expires the mark on its own clock, UPDATE_MEMORY after it was made."""
        if update_id is not None:
            pipe.set(self._update_key(update_id), 1, ex=UPDATE_MEMORY)

    async def seen_update(self, update_id: int) -> bool:
        return bool(await self._redis.exists(self._update_key(update_id)))

    async def mark_update(self, update_id: int) -> None:
        await self._redis.set(self._update_key(update_id), 1, ex=UPDATE_MEMORY)


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
