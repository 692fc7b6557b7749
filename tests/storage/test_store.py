"""The state stores: one contract every store passes, plus what only SQLite promises.

`TestStoreContract` speaks only the `StateStore` interface; a new store (Redis) joins it by
adding one entry to `STORES`. `TestSqliteStore` covers the file: where it lives, its journal
mode and its migrations.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import bot.storage.base
from bot.storage.base import MIGRATIONS, MISS_TEXT_LIMIT, MemoryStore, Miss, SqliteStore, StateStore
from bot.storage.redis import RedisStore
from tests.harness.redis_server import SHARED

# How to build each store in an empty folder; every store in here passes the contract.
STORES: dict[str, Callable[[Path], StateStore]] = {
    "memory": lambda _folder: MemoryStore(),
    "sqlite": lambda folder: SqliteStore(folder / "state.db"),
    # The session's redis-server (or a skip without one); the folder's name is unique to the
    # test, so each test has keys of its own.
    "redis": lambda folder: RedisStore(SHARED.url(), key_prefix=f"test:{folder.name}"),
}
NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
WAIT = 1.0  # seconds: a guard that only elapses when a test is about to fail


@pytest.fixture(params=list(STORES))
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], StateStore]:
    """Opens a store of one kind; for stores with a file, every call opens the same file."""
    build = STORES[request.param]
    return lambda: build(tmp_path)


@pytest.fixture
async def store(make_store: Callable[[], StateStore]) -> AsyncIterator[StateStore]:
    opened = make_store()
    yield opened
    await opened.close()


async def let_others_run() -> None:
    """Give every ready task a few turns of the event loop (no wall-clock wait)."""
    for _ in range(10):
        await asyncio.sleep(0)


class TestStoreContract:
    # state per person -----------------------------------------------------------------

    async def test_an_unknown_user_has_no_state(self, store: StateStore) -> None:
        assert await store.get(1) is None

    async def test_a_saved_state_is_returned_unchanged(self, store: StateStore) -> None:
        state = '{"step": "task_modeling", "answers": {"code": "both"}, "note": "café ✓"}'
        await store.save(1, state)
        assert await store.get(1) == state

    async def test_saving_again_overwrites(self, store: StateStore) -> None:
        await store.save(1, "first")
        await store.save(1, "second")
        assert await store.get(1) == "second"

    async def test_delete_forgets_and_says_whether_there_was_something(
        self, store: StateStore
    ) -> None:
        await store.save(1, "state")
        assert await store.delete(1) is True
        assert await store.get(1) is None
        assert await store.delete(1) is False

    async def test_delete_touches_only_that_user(self, store: StateStore) -> None:
        await store.save(1, "one")
        await store.save(2, "two")
        await store.delete(1)
        assert await store.get(2) == "two"

    async def test_count_people_counts_each_stored_person_once(self, store: StateStore) -> None:
        assert await store.count_people() == 0
        await store.save(1, "a")
        await store.save(2, "b")
        await store.save(1, "a again")
        assert await store.count_people() == 2
        await store.delete(2)
        assert await store.count_people() == 1

    # anonymous records ----------------------------------------------------------------

    async def test_top_misses_rank_by_count_then_text_within_the_limit(
        self, store: StateStore
    ) -> None:
        for text in ("b", "b", "a", "a", "c", "c", "c", "d"):
            await store.record_miss(text, "faq", NOON)
        assert await store.top_misses(3) == [Miss("c", 3), Miss("a", 2), Miss("b", 2)]
        assert await store.top_misses(10) == [
            Miss("c", 3),
            Miss("a", 2),
            Miss("b", 2),
            Miss("d", 1),
        ]

    async def test_a_long_miss_is_cut_before_it_is_counted(self, store: StateStore) -> None:
        cut = "x" * MISS_TEXT_LIMIT
        await store.record_miss(cut, "faq", NOON)
        await store.record_miss(cut + "y", "faq", NOON)
        await store.record_miss(cut + "z" * 500, "role", NOON)
        assert await store.top_misses(5) == [Miss(cut, 3)]

    async def test_count_events_counts_by_kind_and_detail_from_the_cut_off_on(
        self, store: StateStore
    ) -> None:
        await store.record_event("quiz", "started", NOON - timedelta(seconds=1))
        await store.record_event("quiz", "started", NOON)
        await store.record_event("quiz", "started", NOON + timedelta(hours=1))
        await store.record_event("quiz", "finished", NOON + timedelta(hours=2))
        await store.record_event("faq", "salary", NOON - timedelta(days=1))
        assert await store.count_events(NOON) == {("quiz", "started"): 2, ("quiz", "finished"): 1}
        assert await store.count_events(NOON + timedelta(days=1)) == {}

    # the per-user lock ----------------------------------------------------------------

    async def test_the_lock_serialises_two_tasks_of_the_same_user(self, store: StateStore) -> None:
        order: list[str] = []
        first_inside = asyncio.Event()

        async def first() -> None:
            async with store.lock(7):
                order.append("first in")
                first_inside.set()
                await let_others_run()  # the second task gets every chance to barge in
                order.append("first out")

        async def second() -> None:
            await first_inside.wait()
            async with store.lock(7):
                order.append("second in")

        await asyncio.wait_for(asyncio.gather(first(), second()), WAIT)
        assert order == ["first in", "first out", "second in"]

    async def test_the_lock_does_not_block_a_different_user(self, store: StateStore) -> None:
        async with store.lock(1), asyncio.timeout(WAIT), store.lock(2):
            assert len(store.locks) == 2

    async def test_the_lock_table_is_empty_again_after_use(self, store: StateStore) -> None:
        async with store.lock(1):
            assert len(store.locks) == 1
        assert len(store.locks) == 0

    async def test_the_lock_table_is_empty_again_after_an_exception(
        self, store: StateStore
    ) -> None:
        with pytest.raises(RuntimeError, match="boom"):
            async with store.lock(1):
                raise RuntimeError("boom")
        assert len(store.locks) == 0
        async with asyncio.timeout(WAIT), store.lock(1):  # and the lock is free again
            pass

    async def test_the_lock_table_is_empty_again_after_waiters(self, store: StateStore) -> None:
        holding = asyncio.Event()

        async def hold() -> None:
            async with store.lock(1):
                holding.set()
                await let_others_run()  # the others queue up, one gives up
                await let_others_run()

        async def wait_then_pass() -> None:
            await holding.wait()
            async with store.lock(1):
                pass

        holder = asyncio.create_task(hold())
        waiters = [asyncio.create_task(wait_then_pass()) for _ in range(3)]
        gives_up = asyncio.create_task(wait_then_pass())
        await holding.wait()
        await let_others_run()
        gives_up.cancel()
        await asyncio.wait_for(asyncio.gather(holder, *waiters), WAIT)
        assert gives_up.cancelled()
        assert len(store.locks) == 0

    async def test_the_lock_table_does_not_grow_with_the_number_of_users(
        self, store: StateStore
    ) -> None:
        for user in range(1000):
            async with store.lock(user):
                pass

        async def briefly(user: int) -> None:
            async with store.lock(user):
                await asyncio.sleep(0)

        await asyncio.wait_for(asyncio.gather(*(briefly(u) for u in range(1000, 1500))), WAIT)
        assert len(store.locks) == 0

    # closing --------------------------------------------------------------------------

    async def test_close_works_after_use(self, make_store: Callable[[], StateStore]) -> None:
        store = make_store()
        await store.save(1, "state")
        await store.close()

    async def test_an_update_saved_with_the_state_is_seen_afterwards(
        self, store: StateStore
    ) -> None:
        assert await store.seen_update(7) is False
        await store.save(1, "answered", update_id=7)
        assert await store.seen_update(7) is True
        assert await store.seen_update(8) is False

    async def test_an_update_that_changed_no_state_can_be_marked(self, store: StateStore) -> None:
        await store.mark_update(9)
        assert await store.seen_update(9) is True
        assert await store.count_people() == 0

    async def test_a_delete_marks_its_update_too(self, store: StateStore) -> None:
        await store.save(1, "answered")
        assert await store.delete(1, update_id=10) is True
        assert await store.seen_update(10) is True


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
            bot.storage.base,
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
        assert await store.top_misses(5) == [Miss("migration 2", 1), Miss("migration 3", 1)]
        await store.close()

    async def test_an_older_database_gets_only_the_new_migrations(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "state.db"
        old = SqliteStore(path)
        await old.save(1, "kept")
        await old.close()
        monkeypatch.setattr(
            bot.storage.base,
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
        await first.record_miss("what is mlops", "faq", NOON)
        await first.close()
        again = SqliteStore(path)  # a second run of migration 1 would fail: tables exist
        assert await again.get(1) == "kept"
        assert await again.top_misses(1) == [Miss("what is mlops", 1)]
        await again.close()
        assert pragma(path, "user_version") == len(MIGRATIONS)

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
            bot.storage.base,
            "MIGRATIONS",
            (*MIGRATIONS, "CREATE TABLE half_done (id INTEGER); INSERT INTO nowhere VALUES (1);"),
        )
        with pytest.raises(sqlite3.OperationalError, match="nowhere"):
            SqliteStore(path)
        assert pragma(path, "user_version") == len(MIGRATIONS)
        assert "half_done" not in schema(path)

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
