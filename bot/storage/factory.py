"""Which storage a run uses: SQLite by default, Redis when `CAREER_BOT_STORE` names one.

    CAREER_BOT_STORE unset or empty        SQLite at CAREER_BOT_DB (one instance)
    CAREER_BOT_STORE=redis://host:6379/0   Redis (several instances may share it)
    CAREER_BOT_STORE=rediss://...          the same over TLS

Any other value is refused rather than quietly falling back to SQLite: instances that were
meant to share one Redis would each keep their own people and apply updates twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.problems import InputError
from bot.redaction import safe_url
from bot.storage.analytics import MISS_MEMORY, Analytics
from bot.storage.bookkeeping import QuietAnalytics
from bot.storage.contract import StateStore
from bot.storage.isolation import EventIsolation, KeyedLocks
from bot.storage.memory import MemoryAnalytics, MemoryStore
from bot.storage.sqlite.store import SqliteStore

if TYPE_CHECKING:
    from bot.storage.redis.store import RedisStore

REDIS_SCHEMES = ("redis://", "rediss://")


@dataclass(frozen=True)
class Storage:
    """The three parts the engine uses, opened together and closed together."""

    state: StateStore
    isolation: EventIsolation
    analytics: Analytics

    async def close(self) -> None:
        # The state store last: the others may borrow its connection.
        await self.analytics.close()
        await self.isolation.close()
        await self.state.close()


def memory_storage(miss_memory: timedelta = MISS_MEMORY) -> Storage:
    return Storage(MemoryStore(), KeyedLocks(), MemoryAnalytics(miss_memory))


def sqlite_storage(path: Path, miss_memory: timedelta = MISS_MEMORY) -> Storage:
    store = SqliteStore(path)
    # One instance per file, so locks within the process isolate every event. A full disk
    # must not cost a person their answer: bookkeeping writes fail quietly.
    return Storage(store, KeyedLocks(), QuietAnalytics(store.analytics(miss_memory)))


async def open_storage(
    store_url: str | None, db_path: Path, miss_memory: timedelta = MISS_MEMORY
) -> Storage:
    """Open the storage `store_url` (the value of CAREER_BOT_STORE) names, else SQLite,
    keeping unanswered questions for `miss_memory`: older ones are forgotten right away, so
    a bot that was stopped for months keeps nothing past its time.

    A Redis store has answered PING before this returns; an unreachable one raises
    InputError (exit 2) naming the URL without its password. Call it, use the storage and
    close it in the same event loop: Redis connections belong to that loop.
    """
    storage = await _open(store_url, db_path, miss_memory)
    await storage.analytics.forget_old_misses(datetime.now(UTC))
    return storage


async def _open(store_url: str | None, db_path: Path, miss_memory: timedelta) -> Storage:
    url = (store_url or "").strip()
    if not url:
        return sqlite_storage(db_path, miss_memory)
    if not url.lower().startswith(REDIS_SCHEMES):
        raise InputError(
            f"CAREER_BOT_STORE must be a redis:// or rediss:// URL, or unset for SQLite "
            f"(got {safe_url(url)!r})"
        )
    # Imported here: runs on SQLite never load the Redis client.
    from bot.storage.redis.store import RedisStore

    return redis_storage(await RedisStore.connect(url), miss_memory)


def redis_storage(store: RedisStore, miss_memory: timedelta = MISS_MEMORY) -> Storage:
    """The lock and the analytics on `store`'s connections, shared by every instance."""
    return Storage(store, store.isolation(), QuietAnalytics(store.analytics(miss_memory)))
