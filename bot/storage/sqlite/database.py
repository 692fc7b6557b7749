"""The SQLite file: one connection, WAL mode, versioned schema, background checkpoints.

The state store and the analytics share one `SqliteDatabase`: one connection (so one writer
in the process) and one count of writes between checkpoints.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from bot.storage.analytics import kept_text
from bot.storage.contract import StoreError

CHECKPOINT_EVERY = 500  # SQLite writes between two background checkpoints

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
    # Misses are kept for a bounded time (purged by `at`) and scrubbed: the ones stored word
    # for word before are scrubbed here, by the Python function `kept_text` (see migrate).
    """
    CREATE INDEX misses_at ON misses (at);
    UPDATE misses SET text = kept_text(text);
    """,
    # A miss keeps its UTC day, not its second (analytics.day_of): the misses kept before
    # too. Their text is left as it was scrubbed: rescrubbing with changed patterns could
    # only take words out, for good.
    """
    UPDATE misses SET at = CAST(at / 86400 AS INTEGER) * 86400;
    """,
)


class SqliteDatabase:
    """Calls are synchronous on purpose: a keyed read or write on a local file takes tens of
    microseconds, less than handing it to a thread would cost. `synchronous=NORMAL` with WAL
    keeps every committed transaction when the process is killed (only a power cut can lose
    the last ones), which is the failure this bot must survive.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        refuse_newer_schema(self._db)  # before anything changes the file
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        # Deleted and replaced rows are overwritten with zeros, not left in freed pages: what
        # /forget deletes is gone from the file, not merely unlinked.
        self._db.execute("PRAGMA secure_delete=ON")
        migrate_database(self._db)
        check_usable(self._db)  # at the start, not at the first person's message
        # Checkpoints (copying the WAL back into the database file) run on a thread of their
        # own with their own connection, not inside a person's save: in a file of a million
        # people an inline checkpoint is what made the slowest saves slow.
        # SQLite's own checkpoint stays as a backstop, far behind the background one.
        self._db.execute("PRAGMA wal_autocheckpoint=20000")
        self._writes = 0
        self._checkpoint: asyncio.Future[None] | None = None

    def execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        return self._db.execute(sql, parameters)

    def count_write(self) -> None:
        """Call once per write: every CHECKPOINT_EVERY writes, a checkpoint starts."""
        self._writes += 1
        idle = self._checkpoint is None or self._checkpoint.done()
        if self._writes % CHECKPOINT_EVERY == 0 and idle:
            self._checkpoint = asyncio.get_running_loop().run_in_executor(None, self._copy_back)

    def _copy_back(self) -> None:
        """A passive checkpoint: it never blocks the writer, and catches up next time."""
        with closing(sqlite3.connect(self.path, timeout=5)) as db:
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def empty_log(self) -> None:
        """Copy the log back and truncate it, so no older copy of a page stays in it (after
        /forget: rare, so the wait for readers does not matter)."""
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            # After some errors (a full disk, for one) SQLite has rolled back already; a
            # second ROLLBACK would fail and hide the first error.
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    async def close(self) -> None:
        if self._checkpoint is not None:
            await self._checkpoint
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()


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
    db.create_function("kept_text", 1, kept_text, deterministic=True)
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        db.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")


def check_usable(db: sqlite3.Connection) -> None:
    """Read every table's first page and try a write (rolled back), so that a damaged file
    (SQLITE_CORRUPT) or one the bot may not write (SQLITE_READONLY) is refused when the bot
    starts. Cheap whatever the size: no table is scanned, so damage deeper in the file is
    still found only when it is read."""
    try:
        for table in ("people", "misses", "events", "updates"):
            db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchall()
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(f"PRAGMA user_version = {version}")
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
    except sqlite3.DatabaseError:
        db.close()
        raise
