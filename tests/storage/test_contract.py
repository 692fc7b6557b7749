"""The three storage contracts, each run against every implementation: memory, SQLite, Redis.

`TestStateStore` speaks only `StateStore`, `TestEventIsolation` only `EventIsolation`,
`TestAnalytics` only `Analytics`; a new implementation joins all three by adding one entry to
`STORAGES`. What only one implementation promises is in test_sqlite.py and test_redis.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage.analytics import MISS_MEMORY, MISS_TEXT_LIMIT, Analytics, Miss
from bot.storage.contract import StateStore
from bot.storage.factory import Storage, memory_storage, redis_storage, sqlite_storage
from bot.storage.isolation import EventIsolation
from bot.storage.redis.store import RedisStore
from tests.harness.redis_server import SHARED

# How to open each storage in an empty folder; every storage in here passes every contract.
# Each is given how long it keeps unanswered questions.
STORAGES: dict[str, Callable[[Path, timedelta], Storage]] = {
    "memory": lambda _folder, misses: memory_storage(misses),
    "sqlite": lambda folder, misses: sqlite_storage(folder / "state.db", misses),
    # The session's redis-server (or a skip without one); the folder's name is unique to the
    # test, so each test has keys of its own.
    "redis": lambda folder, misses: redis_storage(
        RedisStore(SHARED.url(), key_prefix=f"test:{folder.name}"), misses
    ),
}
NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
# Seconds: a guard that only elapses when a test is about to fail. Generous, because 500
# Redis locks on a busy machine take a while and a guard must never be a speed test.
WAIT = 10.0


@pytest.fixture(params=list(STORAGES))
def open_storage(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., Storage]:
    """Opens a storage of one kind (keeping misses for MISS_MEMORY unless told); for those
    with a file, every call opens the same file."""
    build = STORAGES[request.param]
    return lambda miss_memory=MISS_MEMORY: build(tmp_path, miss_memory)


@pytest.fixture
async def storage(open_storage: Callable[..., Storage]) -> AsyncIterator[Storage]:
    opened = open_storage()
    yield opened
    await opened.close()


@pytest.fixture
def store(storage: Storage) -> StateStore:
    return storage.state


@pytest.fixture
def isolation(storage: Storage) -> EventIsolation:
    return storage.isolation


@pytest.fixture
def analytics(storage: Storage) -> Analytics:
    return storage.analytics


async def let_others_run() -> None:
    """Give every ready task a few turns of the event loop (no wall-clock wait)."""
    for _ in range(10):
        await asyncio.sleep(0)


class TestStateStore:
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

    # processed updates ----------------------------------------------------------------

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

    # closing --------------------------------------------------------------------------

    async def test_close_works_after_use(self, open_storage: Callable[..., Storage]) -> None:
        storage = open_storage()
        await storage.state.save(1, "state")
        await storage.analytics.record_miss("what is mlops", "faq", NOON)
        async with storage.isolation.lock(1):
            pass
        await storage.close()


class TestEventIsolation:
    async def test_the_lock_serialises_two_tasks_of_the_same_user(
        self, isolation: EventIsolation
    ) -> None:
        order: list[str] = []
        first_inside = asyncio.Event()

        async def first() -> None:
            async with isolation.lock(7):
                order.append("first in")
                first_inside.set()
                await let_others_run()  # the second task gets every chance to barge in
                order.append("first out")

        async def second() -> None:
            await first_inside.wait()
            async with isolation.lock(7):
                order.append("second in")

        await asyncio.wait_for(asyncio.gather(first(), second()), WAIT)
        assert order == ["first in", "first out", "second in"]

    async def test_the_lock_does_not_block_a_different_user(
        self, isolation: EventIsolation
    ) -> None:
        async with isolation.lock(1), asyncio.timeout(WAIT), isolation.lock(2):
            assert len(isolation) == 2

    async def test_the_lock_table_is_empty_again_after_use(self, isolation: EventIsolation) -> None:
        async with isolation.lock(1):
            assert len(isolation) == 1
        assert len(isolation) == 0

    async def test_the_lock_table_is_empty_again_after_an_exception(
        self, isolation: EventIsolation
    ) -> None:
        with pytest.raises(RuntimeError, match="boom"):
            async with isolation.lock(1):
                raise RuntimeError("boom")
        assert len(isolation) == 0
        async with asyncio.timeout(WAIT), isolation.lock(1):  # and the lock is free again
            pass

    async def test_the_lock_table_is_empty_again_after_waiters(
        self, isolation: EventIsolation
    ) -> None:
        holding = asyncio.Event()

        async def hold() -> None:
            async with isolation.lock(1):
                holding.set()
                await let_others_run()  # the others queue up, one gives up
                await let_others_run()

        async def wait_then_pass() -> None:
            await holding.wait()
            async with isolation.lock(1):
                pass

        holder = asyncio.create_task(hold())
        waiters = [asyncio.create_task(wait_then_pass()) for _ in range(3)]
        gives_up = asyncio.create_task(wait_then_pass())
        await holding.wait()
        await let_others_run()
        gives_up.cancel()
        await asyncio.wait_for(asyncio.gather(holder, *waiters), WAIT)
        assert gives_up.cancelled()
        assert len(isolation) == 0

    async def test_the_lock_table_does_not_grow_with_the_number_of_users(
        self, isolation: EventIsolation
    ) -> None:
        for user in range(1000):
            async with isolation.lock(user):
                pass

        async def briefly(user: int) -> None:
            async with isolation.lock(user):
                await asyncio.sleep(0)

        await asyncio.wait_for(asyncio.gather(*(briefly(u) for u in range(1000, 1500))), WAIT)
        assert len(isolation) == 0


class TestAnalytics:
    async def test_top_misses_rank_by_count_then_text_within_the_limit(
        self, analytics: Analytics
    ) -> None:
        for text in ("b", "b", "a", "a", "c", "c", "c", "d"):
            await analytics.record_miss(text, "faq", NOON)
        assert await analytics.top_misses(3) == [Miss("c", 3), Miss("a", 2), Miss("b", 2)]
        assert await analytics.top_misses(10) == [
            Miss("c", 3),
            Miss("a", 2),
            Miss("b", 2),
            Miss("d", 1),
        ]

    async def test_no_misses_yet_is_an_empty_list(self, analytics: Analytics) -> None:
        assert await analytics.top_misses(5) == []

    async def test_a_long_miss_is_cut_before_it_is_counted(self, analytics: Analytics) -> None:
        cut = "x" * MISS_TEXT_LIMIT
        await analytics.record_miss(cut, "faq", NOON)
        await analytics.record_miss(cut + "y", "faq", NOON)
        await analytics.record_miss(cut + "z" * 500, "role", NOON)
        assert await analytics.top_misses(5) == [Miss(cut, 3)]

    async def test_identifiers_are_scrubbed_before_a_miss_is_kept(
        self, analytics: Analytics
    ) -> None:
        await analytics.record_miss("I'm jo@example.com, +44 20 7946 0958, @jo_x", "faq", NOON)
        assert await analytics.top_misses(5) == [Miss("I'm [email], [phone], [handle]", 1)]

    async def test_a_miss_is_scrubbed_before_it_is_cut(self, analytics: Analytics) -> None:
        # Cut first, the address would lose its end and no pattern would know it.
        head = "x " * ((MISS_TEXT_LIMIT - 10) // 2)
        await analytics.record_miss(f"{head}jo.longname@example.com", "faq", NOON)
        assert await analytics.top_misses(1) == [Miss(f"{head}[email]", 1)]

    async def test_a_miss_is_forgotten_when_a_miss_memory_later_one_is_recorded(
        self, analytics: Analytics
    ) -> None:
        await analytics.record_miss("what is mlops", "faq", NOON)
        await analytics.record_miss("what is rag", "faq", NOON + MISS_MEMORY - timedelta(days=2))
        assert len(await analytics.top_misses(5)) == 2
        await analytics.record_miss("what is rag", "faq", NOON + MISS_MEMORY + timedelta(days=1))
        assert await analytics.top_misses(5) == [Miss("what is rag", 2)]

    async def test_forgetting_old_misses_keeps_those_within_the_miss_memory(
        self, analytics: Analytics
    ) -> None:
        await analytics.record_miss("what is mlops", "faq", NOON)
        await analytics.forget_old_misses(NOON + MISS_MEMORY - timedelta(days=1))
        assert await analytics.top_misses(5) == [Miss("what is mlops", 1)]
        await analytics.forget_old_misses(NOON + MISS_MEMORY + timedelta(days=1))
        assert await analytics.top_misses(5) == []

    async def test_the_miss_memory_is_the_one_the_storage_was_opened_with(
        self, open_storage: Callable[..., Storage]
    ) -> None:
        storage = open_storage(timedelta(days=7))
        await storage.analytics.record_miss("what is mlops", "faq", NOON)
        await storage.analytics.forget_old_misses(NOON + timedelta(days=8))
        assert await storage.analytics.top_misses(5) == []
        await storage.close()

    async def test_count_events_counts_by_kind_and_detail_from_the_cut_off_on(
        self, analytics: Analytics
    ) -> None:
        await analytics.record_event("quiz", "started", NOON - timedelta(seconds=1))
        await analytics.record_event("quiz", "started", NOON)
        await analytics.record_event("quiz", "started", NOON + timedelta(hours=1))
        await analytics.record_event("quiz", "finished", NOON + timedelta(hours=2))
        await analytics.record_event("faq", "salary", NOON - timedelta(days=1))
        assert await analytics.count_events(NOON) == {
            ("quiz", "started"): 2,
            ("quiz", "finished"): 1,
        }
        assert await analytics.count_events(NOON + timedelta(days=1)) == {}

    async def test_any_kind_and_detail_is_counted_apart(self, analytics: Analytics) -> None:
        for kind, detail in [("faq", "salary: ml ✓"), ("faq", "salary"), ("faq:salary", "")]:
            await analytics.record_event(kind, detail, NOON)
        assert await analytics.count_events(NOON) == {
            ("faq", "salary: ml ✓"): 1,
            ("faq", "salary"): 1,
            ("faq:salary", ""): 1,
        }

    async def test_analytics_leave_the_people_alone(self, storage: Storage) -> None:
        await storage.analytics.record_miss("what is mlops", "faq", NOON)
        await storage.analytics.record_event("quiz", "started", NOON)
        assert await storage.state.count_people() == 0
        assert await storage.state.get(1) is None
