"""What only the Redis store promises: several instances share people, locks and updates;
keys carry the layout version; a missing Redis is a clear error; an outage heals.

Each `Storage` opened here stands for one bot instance (its own connections and in-process
locks). The contracts every storage keeps are in test_contract.py.
"""

from __future__ import annotations

import asyncio
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis
from redis.asyncio.connection import AbstractConnection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import LockError

from bot.conversation.engine import STATS_WINDOW
from bot.problems import ExpectedError, InputError
from bot.storage.analytics import MISS_MEMORY, Miss
from bot.storage.contract import UPDATE_MEMORY, StoreError
from bot.storage.factory import Storage, redis_storage
from bot.storage.redis.analytics import EVENT_MEMORY
from bot.storage.redis.connection import BACKOFF, RETRIES
from bot.storage.redis.keys import SCHEMA_VERSION
from bot.storage.redis.lock import LOCK_TIMEOUT
from bot.storage.redis.store import RedisStore
from tests.harness.ports import free_port
from tests.harness.redis_server import RedisServer, find_redis_server

# The session's server, as a fixture of this module (pytest finds fixtures by name).
from tests.harness.redis_server import redis_url as redis_url  # noqa: PLC0414

NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
WAIT = 2.0  # seconds: a guard that only elapses when a test is about to fail

OpenInstance = Callable[..., Storage]


@pytest.fixture
def prefix() -> str:
    return f"test:{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def open_instance(redis_url: str, prefix: str) -> AsyncIterator[OpenInstance]:
    """Opens one more bot instance's storage on the shared server and key prefix; options
    (`lock_timeout`, `lock_wait`) go to its isolation."""
    opened: list[Storage] = []

    def open_one(**lock_options: float) -> Storage:
        store = RedisStore(redis_url, key_prefix=prefix)
        instance = Storage(store, store.isolation(**lock_options), store.analytics())
        opened.append(instance)
        return instance

    yield open_one
    for instance in opened:
        await instance.close()


@pytest.fixture
async def raw(redis_url: str) -> AsyncIterator[Redis]:
    """A plain client, to look at what the store wrote."""
    client = Redis.from_url(redis_url, decode_responses=True)
    yield client
    await client.aclose()


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A server of this test's own, free to be killed and restarted."""
    server = RedisServer(find_redis_server(), tmp_path)
    server.start()
    yield server
    server.stop()


class TestSharedBetweenInstances:
    async def test_one_instance_reads_what_another_saved(self, open_instance: OpenInstance) -> None:
        first, second = open_instance(), open_instance()
        await first.state.save(1, "from the first")
        await second.state.save(2, "from the second")
        assert await second.state.get(1) == "from the first"
        assert await first.state.count_people() == 2
        assert await second.state.delete(1) is True
        assert await first.state.get(1) is None

    async def test_a_processed_update_is_seen_by_every_instance(
        self, open_instance: OpenInstance
    ) -> None:
        first, second = open_instance(), open_instance()
        assert await second.state.seen_update(42) is False
        await first.state.save(1, "answered", update_id=42)
        assert await second.state.seen_update(42) is True
        await second.state.mark_update(43)
        assert await first.state.seen_update(43) is True
        assert await first.state.seen_update(44) is False

    async def test_a_processed_update_is_remembered_for_update_memory(
        self, open_instance: OpenInstance, raw: Redis, prefix: str
    ) -> None:
        await open_instance().state.save(1, "answered", update_id=42)
        remembered = await raw.ttl(f"{prefix}:update:42")
        assert UPDATE_MEMORY.total_seconds() - 60 < remembered <= UPDATE_MEMORY.total_seconds()


class TestThePersonLockAcrossInstances:
    async def test_the_same_person_waits_for_another_instance(
        self, open_instance: OpenInstance
    ) -> None:
        first, second = open_instance(), open_instance()
        order: list[str] = []
        first_inside = asyncio.Event()

        async def on_first() -> None:
            async with first.isolation.lock(7):
                order.append("first in")
                first_inside.set()
                await asyncio.sleep(0.2)  # the second instance polls Redis all along
                order.append("first out")

        async def on_second() -> None:
            await first_inside.wait()
            async with second.isolation.lock(7):
                order.append("second in")

        await asyncio.wait_for(asyncio.gather(on_first(), on_second()), WAIT)
        assert order == ["first in", "first out", "second in"]

    async def test_different_people_never_wait_on_each_other(
        self, open_instance: OpenInstance
    ) -> None:
        first, second = open_instance(), open_instance()
        async with first.isolation.lock(1), asyncio.timeout(WAIT), second.isolation.lock(2):
            pass

    async def test_a_lock_held_by_a_dead_instance_expires_after_its_timeout(
        self, redis_url: str, prefix: str, open_instance: OpenInstance
    ) -> None:
        lease = 1.5
        holder = await start_instance_holding(redis_url, prefix, person=7, lease=lease)
        holder.kill()  # SIGKILL: the lock is never released
        await holder.wait()
        loop = asyncio.get_running_loop()
        started = loop.time()
        async with asyncio.timeout(lease + WAIT), open_instance().isolation.lock(7):
            waited = loop.time() - started
        assert lease / 3 < waited < lease + 0.5  # it waited, and no longer than the lease

    async def test_a_waiter_gives_up_after_its_wait_with_a_lock_error(
        self, open_instance: OpenInstance
    ) -> None:
        holder, waiter = open_instance(), open_instance(lock_wait=0.2)
        async with holder.isolation.lock(7):
            with pytest.raises(LockError, match=r"stayed locked for 0\.2 s"):
                async with asyncio.timeout(WAIT), waiter.isolation.lock(7):
                    pass

    async def test_a_lock_taken_by_a_retried_command_is_still_ours(
        self, open_instance: OpenInstance, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        instance = open_instance(lock_timeout=30.0)
        await instance.state.count_people()  # a warm connection: the next reply is the lock's
        lose_next_reply(monkeypatch)
        # The lock's SET lands, its reply is lost, the retry finds the lock taken: by us.
        async with asyncio.timeout(WAIT), instance.isolation.lock(7):
            pass


class TestRetriedWrites:
    async def test_a_save_whose_reply_was_lost_is_stored_once_with_its_update(
        self, open_instance: OpenInstance, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        store = open_instance().state
        await store.count_people()
        lose_next_reply(monkeypatch)
        await store.save(1, "answered", update_id=42)
        assert await store.get(1) == "answered"
        assert await store.seen_update(42) is True
        assert await store.count_people() == 1

    async def test_an_event_whose_reply_was_lost_is_counted_once(
        self, open_instance: OpenInstance, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        instance = open_instance()
        await instance.state.count_people()
        lose_next_reply(monkeypatch)
        await instance.analytics.record_event("quiz_started", "", NOON)
        assert await instance.analytics.count_events(NOON) == {("quiz_started", ""): 1}


class TestKeys:
    async def test_every_key_sits_under_the_prefix_and_data_keys_carry_the_layout(
        self, redis_url: str
    ) -> None:
        url = redis_url.rsplit("/", 1)[0] + "/15"  # the default prefix, in a database of its own
        raw = Redis.from_url(url, decode_responses=True)
        await raw.flushdb()
        storage = redis_storage(await RedisStore.connect(url))
        await storage.state.save(1, "state")
        await storage.analytics.record_miss("what is mlops", "faq", NOON)
        await storage.analytics.record_event("quiz_started", "", NOON)
        await storage.state.mark_update(5)
        async with storage.isolation.lock(1):
            keys = {key async for key in raw.scan_iter()}
        await storage.close()
        await raw.aclose()
        assert keys == {
            "career-bot:v1:state:1",
            "career-bot:v1:people",
            "career-bot:v1:misses:2025-03-01",
            "career-bot:v1:miss-days",
            "career-bot:v1:event-kinds",
            'career-bot:v1:events:["quiz_started",""]',
            "career-bot:lock:1",
            "career-bot:update:5",
            "career-bot:layout",
        }

    async def test_events_are_kept_for_event_memory_after_the_last_one(
        self, open_instance: OpenInstance, raw: Redis, prefix: str
    ) -> None:
        await open_instance().analytics.record_event("quiz_started", "", NOON)
        remembered = await raw.ttl(f'{prefix}:v1:events:["quiz_started",""]')
        assert EVENT_MEMORY.total_seconds() - 60 < remembered <= EVENT_MEMORY.total_seconds()
        assert EVENT_MEMORY > STATS_WINDOW  # the admin statistics never miss an event

    async def test_a_day_of_misses_expires_on_redis_clock_within_the_miss_memory(
        self, open_instance: OpenInstance, raw: Redis, prefix: str
    ) -> None:
        # Asked at noon: the day's key goes when its first possible ask (midnight) is
        # MISS_MEMORY old, so even a bot that never records again forgets in time.
        await open_instance().analytics.record_miss("what is mlops", "faq", NOON)
        left = await raw.ttl(f"{prefix}:v1:misses:2025-03-01")
        expected = (MISS_MEMORY - timedelta(hours=12)).total_seconds()
        assert expected - 60 < left <= expected

    async def test_misses_an_older_program_kept_word_for_word_are_scrubbed_into_today(
        self, open_instance: OpenInstance, raw: Redis, prefix: str
    ) -> None:
        await raw.zadd(f"{prefix}:v1:misses", {"mail jo@example.com": 3, "what is rag": 1})
        analytics = open_instance().analytics
        await analytics.forget_old_misses(NOON)  # what open_storage does at start
        assert await raw.exists(f"{prefix}:v1:misses") == 0
        assert await analytics.top_misses(5) == [Miss("mail [email]", 3), Miss("what is rag", 1)]
        assert await raw.ttl(f"{prefix}:v1:misses:2025-03-01") > 0


class TestConnecting:
    async def test_connect_returns_a_store_that_works(self, redis_url: str, prefix: str) -> None:
        store = await RedisStore.connect(redis_url, key_prefix=prefix)
        await store.save(1, "state")
        assert await store.get(1) == "state"
        await store.close()

    async def test_an_unreachable_redis_is_an_input_error_without_the_password(self) -> None:
        port = free_port()  # nobody listens there
        with pytest.raises(InputError) as raised:
            await RedisStore.connect(f"redis://:s3cret-pw@127.0.0.1:{port}/0", retries=0)
        message = str(raised.value)
        assert f"cannot use Redis at redis://:***@127.0.0.1:{port}/0" in message
        assert "s3cret-pw" not in message
        assert isinstance(raised.value, ExpectedError)  # the command line exits with 2

    async def test_a_wrong_password_is_an_input_error_without_the_password(
        self, redis_url: str
    ) -> None:
        url = redis_url.replace("redis://", "redis://admin:s3cret-pw@")
        with pytest.raises(InputError, match=r"redis://admin:\*\*\*@127\.0\.0\.1") as raised:
            await RedisStore.connect(url, retries=0)
        assert "s3cret-pw" not in str(raised.value)

    async def test_a_malformed_url_is_an_input_error_that_quotes_no_piece_of_it(self) -> None:
        # redis-py would say "Port could not be cast to integer value as 'pa'".
        with pytest.raises(
            InputError, match=r"not a usable Redis URL: redis://:\*\*\*@h"
        ) as raised:
            await RedisStore.connect("redis://:pa/ss@h:6379/0")
        assert "'pa'" not in str(raised.value)

    async def test_data_written_by_a_newer_layout_is_refused(
        self, redis_url: str, raw: Redis, prefix: str
    ) -> None:
        await raw.set(f"{prefix}:layout", SCHEMA_VERSION + 1)
        with pytest.raises(StoreError, match=rf"has layout {SCHEMA_VERSION + 1}, newer than"):
            await RedisStore.connect(redis_url, key_prefix=prefix)


class TestOutages:
    async def test_after_a_restart_the_store_works_again(self, own_server: RedisServer) -> None:
        store = await RedisStore.connect(own_server.url())
        await store.save(1, "before")
        own_server.kill()
        own_server.start()  # empty: nothing was saved to disk
        await store.save(2, "after")
        assert await store.get(2) == "after"
        assert await store.count_people() == 1
        await store.close()

    async def test_a_short_outage_during_a_call_is_waited_out(
        self, own_server: RedisServer
    ) -> None:
        store = await RedisStore.connect(own_server.url())
        own_server.kill()
        restart = asyncio.create_task(asyncio.to_thread(restart_after, own_server, 0.5))
        await store.save(1, "during the outage")  # retried with backoff until Redis is back
        await restart
        assert await store.get(1) == "during the outage"
        await store.close()

    async def test_an_outage_longer_than_the_retries_reaches_the_caller(
        self, own_server: RedisServer
    ) -> None:
        store = await RedisStore.connect(own_server.url(), retries=2)
        own_server.kill()
        with pytest.raises(RedisConnectionError):
            await store.save(1, "lost")
        await store.close()

    async def test_close_gives_back_every_connection(
        self, redis_url: str, raw: Redis, prefix: str
    ) -> None:
        before = await client_count(raw)
        store = RedisStore(redis_url, key_prefix=prefix)
        await asyncio.gather(*(store.get(user) for user in range(20)))
        assert await client_count(raw) > before
        await store.close()
        async with asyncio.timeout(WAIT):
            while await client_count(raw) > before:  # the server notices within a moment
                await asyncio.sleep(0.01)


# helpers ------------------------------------------------------------------------------

HOLD_A_PERSON = """
import asyncio, sys
from bot.storage.redis.store import RedisStore

async def main() -> None:
    url, prefix, person, lease = sys.argv[1:]
    store = RedisStore(url, key_prefix=prefix)
    async with store.isolation(lock_timeout=float(lease)).lock(int(person)):
        print("holding", flush=True)
        await asyncio.sleep(60)

asyncio.run(main())
"""


async def start_instance_holding(
    url: str, prefix: str, *, person: int, lease: float
) -> asyncio.subprocess.Process:
    """Another process (another bot instance) that takes a person's lock and keeps it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        HOLD_A_PERSON,
        *(url, prefix, str(person), str(lease)),
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    async with asyncio.timeout(10):
        assert await process.stdout.readline() == b"holding\n"
    return process


def lose_next_reply(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next command runs on the server, but its reply is lost with the connection, as
    when the network drops at the worst moment; redis-py then sends the command again."""
    original = AbstractConnection.read_response
    lost = False

    async def read_response(self: AbstractConnection, *args: Any, **kwargs: Any) -> Any:
        nonlocal lost
        reply = await original(self, *args, **kwargs)
        if not lost:
            lost = True
            raise RedisConnectionError("the reply was lost (simulated)")
        return reply

    monkeypatch.setattr(AbstractConnection, "read_response", read_response)


def restart_after(server: RedisServer, seconds: float) -> None:
    time.sleep(seconds)
    server.start()


async def client_count(raw: Redis) -> int:
    """Connections the server has, not counting the one asking."""
    return len(await raw.client_list()) - 1


def test_the_durations_the_readme_promises_are_the_ones_in_use() -> None:
    """README, "Scaling out" and "What is kept about people": a 10 s lease on a person's lock,
    update ids kept two days, usage events 30 days on Redis, unanswered questions 90 days by
    default, a Redis outage retried for about 5 s."""
    assert LOCK_TIMEOUT == 10.0
    assert timedelta(days=2) == UPDATE_MEMORY
    assert timedelta(days=30) == EVENT_MEMORY
    assert timedelta(days=90) == MISS_MEMORY
    waited = sum(BACKOFF.compute(failures) for failures in range(1, RETRIES + 1))
    assert 3.0 <= waited <= 8.0
