"""Which store a run uses: SQLite by default, Redis when `CAREER_BOT_STORE` names one.

    CAREER_BOT_STORE unset or empty        SqliteStore at CAREER_BOT_DB (one instance)
    CAREER_BOT_STORE=redis://host:6379/0   RedisStore (several instances may share it)
    CAREER_BOT_STORE=rediss://...          the same over TLS

Any other value is refused rather than quietly falling back to SQLite: instances that were
meant to share one Redis would each keep their own people and apply updates twice.
"""

from __future__ import annotations

from pathlib import Path

from bot.problems import InputError
from bot.storage.base import SqliteStore, StateStore

REDIS_SCHEMES = ("redis://", "rediss://")


async def open_store(store_url: str | None, db_path: Path) -> StateStore:
    """Open the store `store_url` (the value of CAREER_BOT_STORE) names, else SQLite.

    A Redis store has answered PING before this returns; an unreachable one raises
    InputError (exit 2) naming the URL without its password. Call it, use the store and
    close it in the same event loop: a Redis store's connections belong to that loop.
    """
    url = (store_url or "").strip()
    if not url:
        return SqliteStore(db_path)
    # Imported here: runs on SQLite never load the Redis client.
    from bot.storage.redis import RedisStore, safe_url

    if not url.lower().startswith(REDIS_SCHEMES):
        raise InputError(
            f"CAREER_BOT_STORE must be a redis:// or rediss:// URL, or unset for SQLite "
            f"(got {safe_url(url)!r})"
        )
    return await RedisStore.connect(url)
