"""Where conversation state lives: a small interface, an in-memory twin and SQLite.

The store keeps, per person, one JSON document (the engine's `UserState`) keyed by the
Telegram user id, nothing else about them. Unanswered questions and usage events are kept
without any user id. Every implementation passes the same contract tests
(tests/test_store.py); a Redis implementation can join them without touching the engine.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Iterator
from contextlib import (
    AbstractAsyncContextManager,
    asynccontextmanager,
    closing,
    contextmanager,
)
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.problems import ExpectedError

MISS_TEXT_LIMIT = 200  # a recorded question is cut to this many characters
# How long a processed update id is remembered. Telegram gives up redelivering an update after
# about a day; remembering it for two covers that with room to spare.
UPDATE_MEMORY = timedelta(days=2)
CHECKPOINT_EVERY = 500  # SQLite writes between two background checkpoints


class StoreError(ExpectedError, sqlite3.DatabaseError):
    """A store that cannot be used as it is (e.g. written by a newer version): exit 2."""


@dataclass(frozen=True)
class Miss:
    text: str
    count: int


class KeyedLocks:
    """One asyncio lock per key, dropped as soon as nobody holds or waits for it, so the
    table never grows with the number of people who ever wrote."""

    def __init__(self) -> None:
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: int) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


class StateStore(ABC):
    """get / save / delete / close, plus the anonymous records the admin tools read."""

    def __init__(self) -> None:
        self.locks = KeyedLocks()

    def lock(self, user_id: int) -> AbstractAsyncContextManager[None]:
        """Hold while reading, handling and saving one event of `user_id`."""
        return self.locks.hold(user_id)

    @abstractmethod
    async def get(self, user_id: int) -> str | None: ...

    @abstractmethod
    async def save(self, user_id: int, state: str, update_id: int | None = None) -> None:
        """Store the state; with `update_id`, mark that update processed in the same
        transaction, so a redelivered copy is recognised exactly when its effect is stored."""

    @abstractmethod
    async def delete(self, user_id: int, update_id: int | None = None) -> bool:
        """Forget everything about `user_id` (and mark `update_id` processed, atomically);
        True when there was something to forget."""

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    async def record_miss(self, text: str, kind: str, at: datetime) -> None: ...

    @abstractmethod
    async def top_misses(self, limit: int) -> list[Miss]: ...

    @abstractmethod
    async def record_event(self, kind: str, detail: str, at: datetime) -> None: ...

    @abstractmethod
    async def count_events(self, since: datetime) -> dict[tuple[str, str], int]: ...

    @abstractmethod
    async def count_people(self) -> int: ...

    @abstractmethod
    async def seen_update(self, update_id: int) -> bool:
        """True when an update with this id was processed (within UPDATE_MEMORY)."""

    @abstractmethod
    async def mark_update(self, update_id: int) -> None:
        """Mark an update processed that changed no state (a question, a role card)."""


class MemoryStore(StateStore):
    """For tests and experiments: everything is lost when the process ends."""

    def __init__(self) -> None:
        super().__init__()
        self._states: dict[int, str] = {}
        self._misses: list[tuple[str, str, datetime]] = []
        self._events: list[tuple[str, str, datetime]] = []
        self._updates: dict[int, float] = {}  # id -> time; insertion order = arrival order

    async def get(self, user_id: int) -> str | None:
        return self._states.get(user_id)

    async def save(self, user_id: int, state: str, update_id: int | None = None) -> None:
        self._states[user_id] = state
        if update_id is not None:
            await self.mark_update(update_id)

    async def delete(self, user_id: int, update_id: int | None = None) -> bool:
        if update_id is not None:
            await self.mark_update(update_id)
        return self._states.pop(user_id, None) is not None

    async def close(self) -> None:
        return None

    async def record_miss(self, text: str, kind: str, at: datetime) -> None:
        self._misses.append((text[:MISS_TEXT_LIMIT], kind, at))

    async def top_misses(self, limit: int) -> list[Miss]:
        counts: dict[str, int] = {}
        for text, _, _ in self._misses:
            counts[text] = counts.get(text, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [Miss(text, count) for text, count in ranked[:limit]]

    async def record_event(self, kind: str, detail: str, at: datetime) -> None:
        self._events.append((kind, detail, at))

    async def count_events(self, since: datetime) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = {}
        for kind, detail, at in self._events:
            if at >= since:
                counts[(kind, detail)] = counts.get((kind, detail), 0) + 1
        return counts

    async def count_people(self) -> int:
        return len(self._states)

    async def seen_update(self, update_id: int) -> bool:
        return update_id in self._updates

    async def mark_update(self, update_id: int) -> None:
        now = time.time()
        horizon = now - UPDATE_MEMORY.total_seconds()
        while self._updates and next(iter(self._updates.values())) < horizon:
            del self._updates[next(iter(self._updates))]
        self._updates[update_id] = now


# Ordered migrations: the database's `PRAGMA user_version` says how many have run. Never
# edit one that has shipped; add a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE people (
        user_id INTEGER PRIMARY KEY,
        state TEXT NOT NULL,
        updated REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE misses (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX events_at ON events (at);
    """,
    """
    CREATE TABLE updates (
        update_id INTEGER PRIMARY KEY,
        at REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX updates_at ON updates (at);
    """,
)


class SqliteStore(StateStore):
    """The default store: one file, WAL mode, one connection.

    Calls are synchronous on purpose: a keyed read or write on a local file takes tens of
    microseconds, less than handing it to a thread would cost. `synchronous=NORMAL` with WAL
    keeps every committed transaction when the process is killed (only a power cut can lose
    the last ones), which is the failure this bot must survive.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        refuse_newer_schema(self._db)  # before anything changes the file
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        migrate_database(self._db)
        # Checkpoints (copying the WAL back into the database file) run on a thread of their
        # own with their own connection, not inside a person's save: in a file of a million
        # people an inline checkpoint is what made the slowest saves slow.
        # SQLite's own checkpoint stays as a backstop, far behind the background one.
        self._db.execute("PRAGMA wal_autocheckpoint=20000")
        self._writes = 0
        self._checkpoint: asyncio.Future[None] | None = None

    async def get(self, user_id: int) -> str | None:
        row = self._db.execute("SELECT state FROM people WHERE user_id = ?", (user_id,)).fetchone()
        return None if row is None else str(row[0])

    async def save(self, user_id: int, state: str, update_id: int | None = None) -> None:
        self._count_write()
        with self._transaction():
            self._db.execute(
                "INSERT INTO people (user_id, state, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, "
                "updated = excluded.updated",
                (user_id, state, time.time()),
            )
            self._mark(update_id)

    async def delete(self, user_id: int, update_id: int | None = None) -> bool:
        self._count_write()
        with self._transaction():
            deleted = self._db.execute("DELETE FROM people WHERE user_id = ?", (user_id,))
            self._mark(update_id)
        return deleted.rowcount > 0

    def _count_write(self) -> None:
        self._writes += 1
        idle = self._checkpoint is None or self._checkpoint.done()
        if self._writes % CHECKPOINT_EVERY == 0 and idle:
            self._checkpoint = asyncio.get_running_loop().run_in_executor(None, self._copy_back)

    def _copy_back(self) -> None:
        """A passive checkpoint: it never blocks the writer, and catches up next time."""
        with closing(sqlite3.connect(self.path, timeout=5)) as db:
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _mark(self, update_id: int | None) -> None:
        if update_id is None:
            return
        now = time.time()
        self._count_write()
        self._db.execute(
            "INSERT OR IGNORE INTO updates (update_id, at) VALUES (?, ?)", (update_id, now)
        )
        if update_id % 512 == 0:  # prune now and then, not on every update
            horizon = now - UPDATE_MEMORY.total_seconds()
            self._db.execute("DELETE FROM updates WHERE at < ?", (horizon,))

    async def seen_update(self, update_id: int) -> bool:
        found = self._db.execute("SELECT 1 FROM updates WHERE update_id = ?", (update_id,))
        return found.fetchone() is not None

    async def mark_update(self, update_id: int) -> None:
        self._mark(update_id)

    async def close(self) -> None:
        if self._checkpoint is not None:
            await self._checkpoint
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()

    async def record_miss(self, text: str, kind: str, at: datetime) -> None:
        self._count_write()
        self._db.execute(
            "INSERT INTO misses (text, kind, at) VALUES (?, ?, ?)",
            (text[:MISS_TEXT_LIMIT], kind, at.timestamp()),
        )

    async def top_misses(self, limit: int) -> list[Miss]:
        rows = self._db.execute(
            "SELECT text, COUNT(*) AS n FROM misses GROUP BY text ORDER BY n DESC, text LIMIT ?",
            (limit,),
        ).fetchall()
        return [Miss(str(text), int(n)) for text, n in rows]

    async def record_event(self, kind: str, detail: str, at: datetime) -> None:
        self._count_write()
        self._db.execute(
            "INSERT INTO events (kind, detail, at) VALUES (?, ?, ?)", (kind, detail, at.timestamp())
        )

    async def count_events(self, since: datetime) -> dict[tuple[str, str], int]:
        rows = self._db.execute(
            "SELECT kind, detail, COUNT(*) FROM events WHERE at >= ? GROUP BY kind, detail",
            (since.timestamp(),),
        ).fetchall()
        return {(str(kind), str(detail)): int(n) for kind, detail, n in rows}

    async def count_people(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM people").fetchone()[0])


def refuse_newer_schema(db: sqlite3.Connection) -> None:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        db.close()
        raise StoreError(
            f"database schema {version} is newer than this program ({len(MIGRATIONS)})"
        )


def migrate_database(db: sqlite3.Connection) -> None:
    """Run the migrations this database has not seen yet, each in its own transaction."""
    refuse_newer_schema(db)
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        db.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")
