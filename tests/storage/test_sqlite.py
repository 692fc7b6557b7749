"""What only the SQLite store promises: where its file lives, its journal mode, its
migrations, and a file written before opens after. The contracts every storage keeps are in
test_contract.py.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

import bot.storage.sqlite.database
from bot.storage.analytics import Miss
from bot.storage.sqlite.database import MIGRATIONS
from bot.storage.sqlite.store import SqliteStore

NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
SHIPPED_FILE = f"""
    CREATE TABLE people (user_id INTEGER PRIMARY KEY, state TEXT NOT NULL, updated REAL NOT NULL)
        WITHOUT ROWID;
    CREATE TABLE misses (id INTEGER PRIMARY KEY, text TEXT NOT NULL, kind TEXT NOT NULL,
        at REAL NOT NULL);
    CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, detail TEXT NOT NULL,
        at REAL NOT NULL);
    CREATE INDEX events_at ON events (at);
    CREATE TABLE updates (update_id INTEGER PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID;
    CREATE INDEX updates_at ON updates (at);
    INSERT INTO people VALUES (7, '{{"step": "code"}}', 0);
    INSERT INTO misses (text, kind, at) VALUES ('what is mlops', 'faq', {NOON.timestamp()});
    INSERT INTO misses (text, kind, at) VALUES ('mail jo@example.com', 'faq', {NOON.timestamp()});
    INSERT INTO events (kind, detail, at) VALUES ('quiz', 'started', {NOON.timestamp()});
    INSERT INTO updates VALUES (99, 0);
    PRAGMA user_version = 2;
"""


class TestSqliteStore:
    async def test_the_file_and_its_folders_are_created(self, tmp_path: Path) -> None:
        path = tmp_path / "var" / "career-bot" / "state.db"
        store = SqliteStore(path)
        assert path.is_file()
        await store.close()

    async def test_the_journal_is_in_wal_mode(self, tmp_path: Path) -> None:
        store = SqliteStore(tmp_path / "state.db")
        assert pragma(tmp_path / "state.db", "journal_mode") == "wal"
        await store.close()

    async def test_a_new_database_is_at_the_latest_schema(self, tmp_path: Path) -> None:
        store = SqliteStore(tmp_path / "state.db")
        assert pragma(tmp_path / "state.db", "user_version") == len(MIGRATIONS)
        await store.close()

    async def test_an_empty_file_is_migrated_into_every_table(self, tmp_path: Path) -> None:
        path = tmp_path / "state.db"
        path.touch()
        store = SqliteStore(path)
        await store.close()
        assert schema(path) >= {"people", "misses", "events", "events_at"}
        assert pragma(path, "user_version") == len(MIGRATIONS)

    async def test_migrations_run_in_order_each_once(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # Each added migration depends on the one before; each leaves one mark in `misses`.
        monkeypatch.setattr(
            bot.storage.sqlite.database,
            "MIGRATIONS",
            (
                *MIGRATIONS,
                "CREATE TABLE notes (id INTEGER PRIMARY KEY);"
                "INSERT INTO misses (text, kind, at) VALUES ('migration 2', 'test', 0);",
                "ALTER TABLE notes ADD COLUMN body TEXT;"
                "INSERT INTO misses (text, kind, at) VALUES ('migration 3', 'test', 0);",
            ),
        )
        path = tmp_path / "state.db"
        for _ in range(3):
            store = SqliteStore(path)
            await store.close()
        assert pragma(path, "user_version") == len(MIGRATIONS) + 2
        assert columns(path, "notes") == ["id", "body"]
        store = SqliteStore(path)
        assert await store.analytics().top_misses(5) == [
            Miss("migration 2", 1),
            Miss("migration 3", 1),
        ]
        await store.close()

    async def test_an_older_database_gets_only_the_new_migrations(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "state.db"
        old = SqliteStore(path)
        await old.save(1, "kept")
        await old.close()
        monkeypatch.setattr(
            bot.storage.sqlite.database,
            "MIGRATIONS",
            (*MIGRATIONS, "CREATE TABLE notes (id INTEGER PRIMARY KEY);"),
        )
        new = SqliteStore(path)
        assert await new.get(1) == "kept"
        await new.close()
        assert pragma(path, "user_version") == len(MIGRATIONS) + 1
        assert "notes" in schema(path)

    async def test_reopening_keeps_the_data_and_migrates_nothing_again(
        self, tmp_path: Path
    ) -> None:
        path = tmp_path / "state.db"
        first = SqliteStore(path)
        await first.save(1, "kept")
        await first.analytics().record_miss("what is mlops", "faq", NOON)
        await first.close()
        again = SqliteStore(path)  # a second run of migration 1 would fail: tables exist
        assert await again.get(1) == "kept"
        assert await again.analytics().top_misses(1) == [Miss("what is mlops", 1)]
        await again.close()
        assert pragma(path, "user_version") == len(MIGRATIONS)

    async def test_a_miss_keeps_its_day_not_its_time(self, tmp_path: Path) -> None:
        # To the second, a miss could be matched with the state saved in the same moment.
        path = tmp_path / "state.db"
        store = SqliteStore(path)
        await store.analytics().record_miss("what is mlops", "faq", NOON)
        await store.close()
        db = sqlite3.connect(path)
        (kept,) = db.execute("SELECT at FROM misses").fetchone()
        db.close()
        assert kept == datetime(2025, 3, 1, tzinfo=UTC).timestamp()

    def test_a_database_from_a_newer_program_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "state.db"
        newer = len(MIGRATIONS) + 1
        db = sqlite3.connect(path)
        db.execute(f"PRAGMA user_version = {newer}")
        db.close()
        message = rf"database schema {newer} is newer than this program \({len(MIGRATIONS)}\)"
        with pytest.raises(sqlite3.DatabaseError, match=message):
            SqliteStore(path)
        assert pragma(path, "user_version") == newer

    async def test_a_failed_migration_leaves_the_previous_version(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "state.db"
        await SqliteStore(path).close()
        monkeypatch.setattr(
            bot.storage.sqlite.database,
            "MIGRATIONS",
            (*MIGRATIONS, "CREATE TABLE half_done (id INTEGER); INSERT INTO nowhere VALUES (1);"),
        )
        with pytest.raises(sqlite3.OperationalError, match="nowhere"):
            SqliteStore(path)
        assert pragma(path, "user_version") == len(MIGRATIONS)
        assert "half_done" not in schema(path)

    async def test_a_file_of_the_shipped_schema_opens_with_everything_in_it(
        self, tmp_path: Path
    ) -> None:
        # Written by hand as the shipped migrations left it: a store written before opens after.
        path = shipped_file(tmp_path)
        store = SqliteStore(path)
        analytics = store.analytics()
        assert await store.get(7) == '{"step": "code"}'
        assert await store.seen_update(99) is True
        assert await analytics.top_misses(5) == [Miss("mail [email]", 1), Miss("what is mlops", 1)]
        assert await analytics.count_events(NOON) == {("quiz", "started"): 1}
        await store.close()
        assert pragma(path, "user_version") == len(MIGRATIONS)

    async def test_misses_kept_word_for_word_by_an_older_program_are_scrubbed_on_opening(
        self, tmp_path: Path
    ) -> None:
        kept = await misses_column_after_opening(shipped_file(tmp_path), "text")
        assert sorted(kept) == ["mail [email]", "what is mlops"]

    async def test_misses_kept_to_the_second_by_an_older_program_keep_their_day(
        self, tmp_path: Path
    ) -> None:
        kept = await misses_column_after_opening(shipped_file(tmp_path), "at")
        assert set(kept) == {datetime(2025, 3, 1, tzinfo=UTC).timestamp()}

    async def test_a_second_store_on_the_same_file_sees_the_data(self, tmp_path: Path) -> None:
        path = tmp_path / "state.db"
        running = SqliteStore(path)
        await running.save(1, "from the first")
        other = SqliteStore(path)
        assert await other.get(1) == "from the first"
        await other.save(2, "from the second")
        assert await running.get(2) == "from the second"
        await other.close()
        await running.close()
        restarted = SqliteStore(path)  # a process restart
        assert await restarted.get(1) == "from the first"
        assert await restarted.count_people() == 2
        await restarted.close()


def pragma(path: Path, name: str) -> object:
    """Read a PRAGMA through a connection of our own, not the store's."""
    db = sqlite3.connect(path)
    try:
        return db.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        db.close()


def schema(path: Path) -> set[str]:
    """The names of the tables and indexes in the file."""
    db = sqlite3.connect(path)
    try:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    finally:
        db.close()


def columns(path: Path, table: str) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
    finally:
        db.close()


async def misses_column_after_opening(path: Path, column: str) -> list[object]:
    """One column of every kept miss, once a store has opened (and migrated) the file."""
    await SqliteStore(path).close()
    db = sqlite3.connect(path)
    values = [row[0] for row in db.execute(f"SELECT {column} FROM misses")]
    db.close()
    return values


def shipped_file(folder: Path) -> Path:
    """A store file as the shipped migrations left it, written by hand with SHIPPED_FILE."""
    path = folder / "state.db"
    db = sqlite3.connect(path)
    db.executescript(SHIPPED_FILE)
    db.close()
    return path
