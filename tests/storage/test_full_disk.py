"""A full disk: answering a question needs no write that can fail it, and the bot recovers
once space is free.

The disk is filled at the store layer: `FullDisk` stands in for the SQLite connection and,
while full, fails every statement that writes as SQLite does ("database or disk is full",
the transaction rolled back by SQLite itself). Everything else is the real store, the real
analytics and the real engine.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_engine, load_data
from bot.conversation.engine import Engine
from bot.conversation.events import Event
from bot.storage.analytics import Miss
from bot.storage.bookkeeping import QuietAnalytics
from bot.storage.factory import Storage, open_storage
from bot.storage.memory import MemoryAnalytics
from bot.storage.sqlite.store import SqliteStore

DATA = load_data()
USER = 41
NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
QUESTION = "what does a machine learning engineer do"
NONSENSE = "qwzx vbnm plokij?"  # a question nothing answers: the fallback, recorded as a miss


class FullDisk:
    """A SQLite connection on a disk that can fill up."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db, self.full = db, False

    def execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        if self.full and sql.lstrip().upper().startswith(WRITES):
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")  # SQLite gives up the transaction by itself
            raise sqlite3.OperationalError("database or disk is full")
        return self.db.execute(sql, parameters)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.db, name)


@dataclass
class Bot:
    engine: Engine
    storage: Storage
    disk: FullDisk


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Bot]:
    storage = await open_storage(None, tmp_path / "bot.sqlite3")
    assert isinstance(storage.state, SqliteStore)
    database = storage.state.database
    disk = FullDisk(database._db)
    database._db = disk  # type: ignore[assignment]
    yield Bot(build_engine(storage, DATA, charts=False), storage, disk)
    disk.full = False
    await storage.close()


def texts(replies: list[Any]) -> str:
    return "\n".join(reply.text for reply in replies)


async def test_a_question_is_answered_while_the_disk_is_full(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.disk.full = True
    replies = await bot.engine.handle(Event.typed(USER, QUESTION, update_id=1, private=True))
    fallback = await bot.engine.handle(Event.typed(USER, NONSENSE, update_id=2, private=True))
    assert "machine learning" in texts(replies).lower()
    assert fallback, "the question the bot cannot answer is answered all the same"
    apology = DATA.kb.text("error_apology")
    assert apology not in texts(replies) + texts(fallback)
    assert "not recorded, the store cannot write now" in caplog.text  # one line, no traceback
    assert not any(record.exc_info for record in caplog.records)


async def test_the_bot_recovers_once_space_is_free(bot: Bot) -> None:
    bot.disk.full = True
    start = Event.typed(USER, "/quiz", update_id=10, private=True)
    with pytest.raises(sqlite3.OperationalError, match="disk is full"):
        await bot.engine.handle(start)  # a quiz that cannot be stored is not started...
    assert await bot.storage.state.get(USER) is None
    assert not await bot.storage.state.seen_update(10)  # ...and Telegram may deliver it again
    bot.disk.full = False
    replies = await bot.engine.handle(start)
    assert "Question 1 of 16" in texts(replies)
    assert await bot.storage.state.get(USER) is not None
    assert await bot.storage.state.seen_update(10)
    await bot.engine.handle(Event.typed(USER, NONSENSE, update_id=11, private=True))
    assert await bot.storage.analytics.top_misses(5) == [Miss(NONSENSE, 1)]


class BrokenAnalytics(MemoryAnalytics):
    async def record_event(self, kind: str, detail: str, at: datetime) -> None:
        raise ValueError(f"a bug, not a full disk: {kind} {detail} {at}")


async def test_only_outages_are_dropped_quietly_a_bug_is_raised() -> None:
    quiet = QuietAnalytics(BrokenAnalytics())
    with pytest.raises(ValueError, match="a bug"):
        await quiet.record_event("quiz", "started", NOON)


async def test_a_dropped_write_is_one_warning_line(caplog: pytest.LogCaptureFixture) -> None:
    class FullAnalytics(MemoryAnalytics):
        async def _count_miss(self, *_: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

    caplog.set_level(logging.WARNING)
    await QuietAnalytics(FullAnalytics()).record_miss("what is mlops", "faq", NOON)
    assert [r.getMessage() for r in caplog.records] == [
        "an unanswered question not recorded, the store cannot write now: database or disk is full"
    ]
