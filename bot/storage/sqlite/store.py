"""The state store and the analytics on one SQLite file."""

from __future__ import annotations

import logging
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

from bot.storage.analytics import MISS_MEMORY, Analytics, Miss, day_of
from bot.storage.contract import UPDATE_MEMORY, StateStore
from bot.storage.sqlite.database import SqliteDatabase

log = logging.getLogger(__name__)

PRUNE_EVERY = 512  # processed-update marks are pruned when an update id is a multiple of this


class SqliteStore(StateStore):
    """Owns the file's connection: closing the store closes the database."""

    def __init__(self, path: Path) -> None:
        self.database = SqliteDatabase(path)

    def analytics(self, miss_memory: timedelta = MISS_MEMORY) -> SqliteAnalytics:
        """The misses and events in the same file, over this store's connection."""
        return SqliteAnalytics(self.database, miss_memory)

    async def get(self, user_id: int) -> str | None:
        row = self.database.execute(
            "SELECT state FROM people WHERE user_id = ?", (user_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    async def save(self, user_id: int, state: str, update_id: int | None = None) -> None:
        self.database.count_write()
        with self.database.transaction():
            self.database.execute(
                "INSERT INTO people (user_id, state, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, "
                "updated = excluded.updated",
                (user_id, state, time.time()),
            )
            self._mark(update_id)

    async def delete(self, user_id: int, update_id: int | None = None) -> bool:
        self.database.count_write()
        with self.database.transaction():
            deleted = self.database.execute("DELETE FROM people WHERE user_id = ?", (user_id,))
            self._mark(update_id)
        if deleted.rowcount > 0:
            self.database.empty_log()  # the log still holds the pages as they were before
        return deleted.rowcount > 0

    async def count_people(self) -> int:
        return int(self.database.execute("SELECT COUNT(*) FROM people").fetchone()[0])

    async def seen_update(self, update_id: int) -> bool:
        found = self.database.execute("SELECT 1 FROM updates WHERE update_id = ?", (update_id,))
        return found.fetchone() is not None

    async def mark_update(self, update_id: int) -> None:
        """A mark the disk has no room for is dropped with a log line: the update changed
        nothing, so applying it again, should Telegram deliver it again, changes nothing
        either, while failing here would cost the person their answer (a full disk)."""
        try:
            self._mark(update_id)
        except sqlite3.OperationalError as exc:
            log.warning(
                "update %s not marked processed, the store cannot write: %s", update_id, exc
            )

    def _mark(self, update_id: int | None) -> None:
        if update_id is None:
            return
        now = time.time()
        self.database.count_write()
        self.database.execute(
            "INSERT OR IGNORE INTO updates (update_id, at) VALUES (?, ?)", (update_id, now)
        )
        if update_id % PRUNE_EVERY == 0:  # now and then, not on every update
            horizon = now - UPDATE_MEMORY.total_seconds()
            self.database.execute("DELETE FROM updates WHERE at < ?", (horizon,))

    async def close(self) -> None:
        await self.database.close()


class SqliteAnalytics(Analytics):
    """Borrows the store's database; the store closes it."""

    def __init__(self, database: SqliteDatabase, miss_memory: timedelta = MISS_MEMORY) -> None:
        super().__init__(miss_memory)
        self.database = database

    async def _count_miss(self, text: str, kind: str, at: datetime) -> None:
        self.database.count_write()
        self.database.execute(
            "INSERT INTO misses (text, kind, at) VALUES (?, ?, ?)",
            (text, kind, day_of(at).timestamp()),
        )

    async def forget_old_misses(self, now: datetime) -> None:
        # `misses_at` makes this a short range delete, cheap enough to run on every miss.
        horizon = (now - self.miss_memory).timestamp()
        self.database.execute("DELETE FROM misses WHERE at < ?", (horizon,))

    async def top_misses(self, limit: int) -> list[Miss]:
        rows = self.database.execute(
            "SELECT text, COUNT(*) AS n FROM misses GROUP BY text ORDER BY n DESC, text LIMIT ?",
            (limit,),
        ).fetchall()
        return [Miss(str(text), int(n)) for text, n in rows]

    async def record_event(self, kind: str, detail: str, at: datetime) -> None:
        self.database.count_write()
        self.database.execute(
            "INSERT INTO events (kind, detail, at) VALUES (?, ?, ?)", (kind, detail, at.timestamp())
        )

    async def count_events(self, since: datetime) -> dict[tuple[str, str], int]:
        rows = self.database.execute(
            "SELECT kind, detail, COUNT(*) FROM events WHERE at >= ? GROUP BY kind, detail",
            (since.timestamp(),),
        ).fetchall()
        return {(str(kind), str(detail)): int(n) for kind, detail, n in rows}

    async def close(self) -> None:
        return None  # the store owns the connection
