"""Nothing about a person is left behind: the whole store, read after a session and again
after /forget, on SQLite and on Redis.

Every SQLite table (and the raw bytes of the file and its write-ahead log) and every Redis
key under the bot's prefix is read as text. After the session the person's state is there
(which shows the reading sees it), their question is there only scrubbed, and no usage event
names them; after /forget nothing holds their user id or anything they typed.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.app import BotData, build_engine, load_data
from bot.conversation.engine import Engine
from bot.conversation.events import Event, Reply
from bot.storage.factory import Storage, redis_storage, sqlite_storage
from bot.storage.redis.store import RedisStore
from tests.harness.buttons import label_matches
from tests.harness.redis_server import SHARED

USER = 7306512894  # digits no update id, time or count in the store happens to contain
# An unanswered question full of identifiers, and the pieces none of which may be kept.
CONFESSION = (
    "I'm Jane, jane.doe@example.com, +44 20 7946 0958, @janedoe, I work at Acme Corp: "
    "can a zorblax quuxer like me get into flurbing?"
)
IDENTIFIERS = ["jane.doe@example.com", "7946 0958", "@janedoe", "Acme"]

ReadStore = Callable[[], Awaitable[str]]


@pytest.fixture(scope="module")
def data() -> BotData:
    return load_data()


def read_sqlite(path: Path) -> ReadStore:
    """Every row of every table, and the file's and the log's bytes, as one text."""

    async def read() -> str:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = [
                row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            rows = [
                f"{table}: {db.execute(f'SELECT * FROM {table}').fetchall()}" for table in tables
            ]
        finally:
            db.close()
        files = [p.read_bytes().decode("latin-1") for p in path.parent.glob(f"{path.name}*")]
        return "\n".join([*rows, *files])

    return read


def read_redis(url: str, prefix: str) -> ReadStore:
    """Every key under the prefix, with its whole value, as one text."""

    async def read() -> str:
        client = Redis.from_url(url, decode_responses=True)
        lines = []
        async for key in client.scan_iter(match=f"{prefix}:*"):
            lines.append(f"{key} = {await redis_value(client, key)}")
        await client.aclose()
        return "\n".join(lines)

    return read


async def redis_value(client: Redis, key: str) -> object:
    kind = await client.type(key)
    readers: dict[str, Callable[[], Awaitable[object]]] = {
        "string": lambda: client.get(key),
        "set": lambda: client.smembers(key),
        "zset": lambda: client.zrange(key, 0, -1, withscores=True),
        "hash": lambda: client.hgetall(key),
        "list": lambda: client.lrange(key, 0, -1),
    }
    return await readers[kind]()


@pytest.fixture(params=["sqlite", "redis"])
async def store(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[tuple[Storage, ReadStore]]:
    if request.param == "sqlite":
        path = tmp_path / "bot.sqlite3"
        storage = sqlite_storage(path)
        reader = read_sqlite(path)
    else:
        prefix = f"privacy:{tmp_path.name}"
        storage = redis_storage(RedisStore(SHARED.url(), key_prefix=prefix))
        reader = read_redis(SHARED.url(), prefix)
    yield storage, reader
    await storage.close()


class Person:
    """Talks to the engine as the Telegram adapter would: each event with an update id."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.updates = itertools.count(500_001)
        self.replies: list[Reply] = []

    async def types(self, text: str) -> None:
        await self._send(Event.typed(USER, text, update_id=next(self.updates)))

    async def presses(self, label: str) -> None:
        payload = next(
            button.payload
            for reply in reversed(self.replies)
            for row in reply.buttons
            for button in row
            if label_matches(button.label, label)
        )
        await self._send(Event.pressed(USER, payload, update_id=next(self.updates)))

    async def _send(self, event: Event) -> None:
        self.replies += await self.engine.handle(event)


async def test_after_forget_nothing_about_the_person_remains(
    store: tuple[Storage, ReadStore], data: BotData
) -> None:
    storage, read = store
    person = Person(build_engine(storage, data, charts=False))
    await person.types("/start")
    await person.types(CONFESSION)
    await person.types("/quiz")
    for _ in range(3):
        await person.presses("Love it")

    after_session = await read()
    assert str(USER) in after_session  # the state is there, and the reading sees it
    assert "[email]" in after_session  # the question, scrubbed
    for identifier in IDENTIFIERS:
        assert identifier not in after_session

    state = await storage.state.get(USER)
    assert state is not None
    await person.types("/forget")
    await person.presses("Yes, delete it all")

    after_forget = await read()
    assert str(USER) not in after_forget
    assert state not in after_forget  # not even in a freed page of the file or its log
    for identifier in IDENTIFIERS:
        assert identifier not in after_forget
    assert "[email]" in after_forget  # the scrubbed question stays: nothing links it to them


async def test_someone_who_only_asks_questions_leaves_no_trace_of_who_they_are(
    store: tuple[Storage, ReadStore], data: BotData
) -> None:
    storage, read = store
    person = Person(build_engine(storage, data, charts=False))
    for text in ("/start", "what does a data scientist do", CONFESSION, "/roles", "/help"):
        await person.types(text)
    kept = await read()
    assert str(USER) not in kept
    assert "[email]" in kept  # the unanswered question is kept, scrubbed
    for identifier in IDENTIFIERS:
        assert identifier not in kept
    assert await storage.state.count_people() == 0
