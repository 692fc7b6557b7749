"""`StateStore` on Redis, shared by every instance that uses the same URL and prefix."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from redis.exceptions import RedisError

from bot.problems import InputError
from bot.redaction import safe_url, scrub_url_secrets
from bot.storage.analytics import MISS_MEMORY
from bot.storage.contract import UPDATE_MEMORY, StateStore, StoreError
from bot.storage.redis.analytics import RedisAnalytics
from bot.storage.redis.connection import RETRIES, check_layout, decoded, open_client
from bot.storage.redis.keys import DEFAULT_PREFIX, RedisKeys
from bot.storage.redis.lock import LOCK_TIMEOUT, RedisIsolation


class RedisStore(StateStore):
    """Owns the connections; its isolation and analytics borrow them (as aiogram's
    `RedisStorage.create_isolation`).

    Construct it inside the event loop that will use it (its connections belong to that
    loop), preferably through `connect`, which checks that Redis answers.
    """

    def __init__(
        self, url: str, *, key_prefix: str = DEFAULT_PREFIX, retries: int = RETRIES
    ) -> None:
        self.keys = RedisKeys(key_prefix)
        self.redis = open_client(url, retries)

    @classmethod
    async def connect(
        cls, url: str, *, key_prefix: str = DEFAULT_PREFIX, retries: int = RETRIES
    ) -> RedisStore:
        """A store that has answered PING: at start-up, an unreachable Redis is an InputError
        (exit 2) naming the URL without its password, not a traceback at the first message."""
        try:
            store = cls(url, key_prefix=key_prefix, retries=retries)
        except ValueError:  # redis-py's reason may quote a piece of the URL: leave it out
            raise InputError(
                f"not a usable Redis URL: {safe_url(url)} "
                "(expected redis://[[user]:password@]host[:port][/db])"
            ) from None
        try:
            await store._check(url)
        except (InputError, StoreError):
            await store.close()
            raise
        return store

    async def _check(self, url: str) -> None:
        """Redis answers, and holds no data of a newer layout than this program's."""
        try:
            await self.redis.ping()
            await check_layout(self.redis, self.keys)
        except RedisError as exc:
            reason = scrub_url_secrets(str(exc) or type(exc).__name__, url)
            raise InputError(f"cannot use Redis at {safe_url(url)}: {reason}") from None

    def isolation(
        self, *, lock_timeout: float = LOCK_TIMEOUT, lock_wait: float | None = None
    ) -> RedisIsolation:
        """The per-person lock across every instance on this Redis and prefix."""
        return RedisIsolation(self.redis, self.keys, lock_timeout=lock_timeout, lock_wait=lock_wait)

    def analytics(self, miss_memory: timedelta = MISS_MEMORY) -> RedisAnalytics:
        return RedisAnalytics(self.redis, self.keys, miss_memory)

    async def get(self, user_id: int) -> str | None:
        state = await self.redis.get(self.keys.state(user_id))
        return None if state is None else decoded(state)

    async def save(self, user_id: int, state: str, update_id: int | None = None) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self.keys.state(user_id), state)
            pipe.sadd(self.keys.people, user_id)
            self._queue_mark(pipe, update_id)
            await pipe.execute()

    async def delete(self, user_id: int, update_id: int | None = None) -> bool:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(self.keys.state(user_id))
            pipe.srem(self.keys.people, user_id)
            self._queue_mark(pipe, update_id)
            deleted, *_ = await pipe.execute()
        return int(deleted) > 0

    async def count_people(self) -> int:
        return int(await self.redis.scard(self.keys.people))

    def _queue_mark(self, pipe: Any, update_id: int | None) -> None:
        """Mark an update processed inside the caller's MULTI/EXEC: with the state or not at
        all. Redis expires the mark on its own clock, UPDATE_MEMORY after it was made."""
        if update_id is not None:
            pipe.set(self.keys.update(update_id), 1, ex=UPDATE_MEMORY)

    async def seen_update(self, update_id: int) -> bool:
        return bool(await self.redis.exists(self.keys.update(update_id)))

    async def mark_update(self, update_id: int) -> None:
        await self.redis.set(self.keys.update(update_id), 1, ex=UPDATE_MEMORY)

    async def close(self) -> None:
        await self.redis.connection_pool.disconnect()
