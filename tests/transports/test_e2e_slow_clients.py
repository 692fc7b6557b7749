"""Slowloris against the real `career-bot run --webhook-url`: hundreds of clients open a
connection and never finish their headers. The bot drops them after its header timeout,
refuses those beyond its connection cap, and keeps taking Telegram's updates; its log says
so in a few lines, however many clients there were.

The timeout is configured tiny and the cap low (CAREER_BOT_WEBHOOK_TIMEOUT and
CAREER_BOT_WEBHOOK_CONNECTIONS), so the test waits only on what the bot does: a connection
closed, a reply sent.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, BotProcess, webhook_args
from tests.harness.chat import Chat
from tests.harness.ports import free_port
from tests.harness.quiz_taker import stored_answers

pytestmark = pytest.mark.e2e

CAP = 40
TIMEOUT = 2.0  # seconds a client has for its headers (the cap is reached well before)
WITHIN = 60  # seconds: only a bound on a hang
PARTIAL = b"POST /telegram/hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10"
LOG_BYTES = 8_000  # a handful of lines; the reported attack wrote 174 MB


def slow_clients() -> int:
    """A few hundred, within the descriptor limit that this process and the bot share."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 300
    return max(CAP * 2, min(300, (soft - 200) // 2))


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(TEST_TOKEN) as api:
        yield api


async def hang_on(port: int) -> asyncio.StreamReader:
    """A client that starts a request and never ends its headers; its reader."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(PARTIAL)
    await writer.drain()
    return reader


async def dropped(reader: asyncio.StreamReader) -> bool:
    """Whether the bot closed the connection without answering."""
    try:
        return await asyncio.wait_for(reader.read(), WITHIN) == b""
    except ConnectionResetError:
        return True


def stored_answers_of(db: Path, user: int) -> dict[str, str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        row = conn.execute("SELECT state FROM people WHERE user_id = ?", (user,)).fetchone()
    return dict(json.loads(row[0]).get("answers", {})) if row else {}


async def test_slow_clients_cannot_stop_the_webhook(fake: FakeBotApi, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    env = {
        "CAREER_BOT_WEBHOOK_CONNECTIONS": str(CAP),
        "CAREER_BOT_WEBHOOK_TIMEOUT": str(TIMEOUT),
    }
    db = tmp_path / "bot.sqlite3"
    process = BotProcess(fake, db, *webhook_args(url, port), env=env)
    await process.start()
    readers = await asyncio.gather(*(hang_on(port) for _ in range(slow_clients())))
    chat = Chat(fake, 41)
    [step] = await chat.say("/quiz")  # Telegram's update, posted while they hang on
    assert "Question 1 of 16" in (step.plain_text or "")
    assert all(await asyncio.gather(*(dropped(reader) for reader in readers)))
    [step] = await chat.press("Love it")
    assert "Question 2 of 16" in (step.plain_text or "")
    assert stored_answers_of(db, 41) == stored_answers(["Love it"])
    assert await process.stop() == 0
    log = process.logs[-1].read_text()
    assert "refused" in log, "the cap was reached"
    assert len(log.encode()) < LOG_BYTES, log
