"""End to end: the real `career-bot run` as a subprocess against an in-suite fake Telegram
Bot API over real HTTP on 127.0.0.1 (tests/fakes/bot_api.py): long polling and webhooks,
restarts after SIGKILL, many people at once, and Telegram's errors."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import load_data
from bot.conversation.context import TurnContext
from bot.matching.matcher import FaqMatcher
from tests.harness.bot_api import FakeBotApi, SentMessage

pytestmark = pytest.mark.e2e

TOKEN = "7654321:" + "e2eTokenForTests_" + "x" * 18  # 7 digits: never mistaken for a real one
DATA = load_data()
CONTEXT = TurnContext(DATA.kb, DATA.quiz, FaqMatcher(DATA.kb), DATA.recommender, False)
LOGS: list[Path] = []
# What each quiz button means, read from the quiz and its labels (not retyped here).
LABEL_VALUES = {
    DATA.kb.text(option.label): option.value
    for options in DATA.quiz.option_sets.values()
    for option in options
}


class BotProcess:
    """`python -m bot run` pointed at the fake, its log kept for the token check."""

    def __init__(self, fake: FakeBotApi, db: Path, *args: str, env: dict[str, str] | None = None):
        self.fake, self.db, self.args, self.env = fake, db, args, env or {}
        self.process: subprocess.Popen[bytes] | None = None

    async def start(self) -> None:
        log = self.db.with_suffix(f".{len(LOGS)}.log")
        LOGS.append(log)
        before = len(self.fake.calls_of("setMyCommands"))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--base-url", self.fake.base_url, *self.args],
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
            env={
                **os.environ,
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "CAREER_BOT_DB": str(self.db),
                "PYTHONUNBUFFERED": "1",
                **self.env,
            },
        )
        await self.fake.wait_until(
            lambda: len(self.fake.calls_of("setMyCommands")) > before,
            timeout=30,
        )

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self._exit(10)

    async def stop(self) -> int:
        """SIGTERM, then wait without blocking the event loop: the fake server runs on it,
        and the bot finishes its in-flight updates against it before it exits."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return await self._exit(30)

    async def _exit(self, timeout: float) -> int:
        assert self.process is not None
        for _ in range(int(timeout / 0.05)):
            if self.process.poll() is not None:
                return self.process.returncode
            await asyncio.sleep(0.05)
        raise AssertionError(f"the bot did not exit within {timeout} s")


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi(TOKEN)
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def bot(fake: FakeBotApi, tmp_path: Path) -> AsyncIterator[BotProcess]:
    process = BotProcess(fake, tmp_path / "bot.sqlite3")
    await process.start()
    yield process
    assert await process.stop() == 0, "a graceful stop on SIGTERM"


def latest_with(fake: FakeBotApi, chat: int, label: str) -> tuple[SentMessage, str]:
    for message in reversed(fake.messages(chat)):
        for button in message.buttons():
            if button["text"] == label or button["text"].endswith(f" {label}"):
                return message, button["callback_data"]
    shown = [
        (m.message_id, m.edits, (m.plain_text or "")[:60], [b["text"] for b in m.buttons()])
        for m in fake.messages(chat)
    ]
    raise AssertionError(f"no button {label!r} in chat {chat}; messages: {shown}")


async def press(fake: FakeBotApi, chat: int, label: str) -> None:
    """Press a button and wait until the bot has dealt with it (the callback is answered and
    the replies are out)."""
    message, data = latest_with(fake, chat, label)
    calls = len(fake.calls)
    fake.press(chat, message.message_id, data)
    await fake.wait_until(lambda: _settled(fake, chat, calls), timeout=30)


async def say(fake: FakeBotApi, chat: int, text: str) -> None:
    calls = len(fake.calls)
    fake.send_text(chat, text)
    await fake.wait_until(lambda: _settled(fake, chat, calls), timeout=30)


def _settled(fake: FakeBotApi, chat: int, since: int) -> bool:
    """True once the bot answered `chat` with a message (sent or edited) after call `since`."""
    done = ("sendMessage", "editMessageText", "sendPhoto")
    return any(
        c.method in done and c.status == 200 and str(c.params.get("chat_id")) == str(chat)
        for c in fake.calls[since:]
    )


def stored(db: Path, user: int) -> dict[str, Any]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        row = conn.execute("SELECT state FROM people WHERE user_id = ?", (user,)).fetchone()
    return json.loads(row[0]) if row else {}


INTERESTS = ["Love it", "Love it", "Love it", "Dislike", "Neutral", "Both", "Dislike"]


async def test_a_whole_quiz_by_buttons_ends_with_a_photo(fake: FakeBotApi, bot: BotProcess) -> None:
    await say(fake, 11, "/quiz")
    for label in [*INTERESTS, "Show my result"]:
        await press(fake, 11, label)
    await fake.wait_until(lambda: any(m.is_photo for m in fake.messages(11)), timeout=20)
    texts = [m.plain_text or "" for m in fake.messages(11)]
    assert any("Best match: Machine learning engineer" in t for t in texts)
    assert "upload_photo" in [c.params.get("action") for c in fake.calls_of("sendChatAction")]
    presses = {c.params["callback_query_id"] for c in fake.calls_of("answerCallbackQuery")}
    assert len(presses) == len(INTERESTS) + 1, "every button press was answered"
    quiz = [m for m in fake.messages(11) if "Interests done" in (m.plain_text or "")]
    assert len(quiz) == 1, "the quiz is one message stepping forward"
    assert quiz[0].edits == len(INTERESTS)


async def test_a_question_mid_quiz_is_answered_and_the_step_asked_again(
    fake: FakeBotApi, bot: BotProcess
) -> None:
    await say(fake, 12, "/quiz")
    await press(fake, 12, "Love it")
    await say(fake, 12, "what does an MLE do?")
    last = fake.messages(12)[-1].plain_text or ""
    assert "back to the quiz" in last
    assert "Question 2 of 15" in last
    assert any("Machine learning engineer" in (m.plain_text or "") for m in fake.messages(12))


async def test_killed_mid_quiz_and_restarted_the_person_continues_where_they_were(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    process = BotProcess(fake, tmp_path / "bot.sqlite3")
    await process.start()
    await say(fake, 13, "/quiz")
    answered = []
    for label in INTERESTS[:4]:
        await press(fake, 13, label)
        answered.append(label)
        await process.kill()
        await process.start()
    assert len(stored(process.db, 13)["answers"]) == 4, "nothing lost across four SIGKILLs"
    await press(fake, 13, INTERESTS[4])
    assert "Question 6 of 15" in (fake.messages(13)[-1].plain_text or "")
    assert await process.stop() == 0


def answers_for(rng: random.Random) -> list[str]:
    interest = ["Dislike", "Not really", "Neutral", "Like it", "Love it"]
    picks = [rng.choice(interest) for _ in range(5)]
    return [*picks, rng.choice(["Prototyping", "Production", "Both"]), rng.choice(interest)]


def expected_top(labels: list[str]) -> str:
    answers = dict(zip(DATA.quiz.questions[:7], (LABEL_VALUES[x] for x in labels), strict=True))
    return CONTEXT.recommend(answers).ranking[0].name


async def test_fifty_people_at_once_each_get_the_result_of_their_own_answers(
    fake: FakeBotApi, bot: BotProcess
) -> None:
    rng = random.Random(50)
    people = {2000 + i: answers_for(rng) for i in range(50)}

    async def take_quiz(user: int, labels: list[str]) -> None:
        await say(fake, user, "/quiz")
        for label in [*labels, "Show my result"]:
            await press(fake, user, label)

    await asyncio.gather(*(take_quiz(u, labels) for u, labels in people.items()))
    await fake.wait_until(
        lambda: all(any(m.is_photo for m in fake.messages(u)) for u in people), timeout=120
    )
    for user, labels in people.items():
        texts = [m.plain_text or "" for m in fake.messages(user)]
        assert any(f"Best match: {expected_top(labels)} (" in t for t in texts), user


async def test_after_bursts_of_429_and_500_every_reply_arrives_once_and_in_order(
    fake: FakeBotApi, bot: BotProcess
) -> None:
    questions = ["do i need a phd", "what is mlops", "python or r", "how do i build a portfolio"]
    expected = [CONTEXT.matcher.match(q).id for q in questions]
    fake.fail_next(2, 429, method="sendMessage", retry_after=1)
    fake.fail_next(3, 500, method="sendMessage")
    for question in questions:
        fake.send_text(14, question)
    await fake.wait_until(lambda: len(fake.messages(14)) >= len(questions), timeout=60)
    await asyncio.sleep(0.5)  # nothing more may arrive
    got = [m.plain_text or "" for m in fake.messages(14)]
    assert len(got) == len(questions), "exactly once"
    for text, answer_id in zip(got, expected, strict=True):
        assert answer_id is not None
        assert text.startswith(CONTEXT.matcher.book.text(answer_id)[:40]), "in order"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_webhook_mode_checks_its_secret(fake: FakeBotApi, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    process = BotProcess(
        fake,
        tmp_path / "bot.sqlite3",
        "--webhook-url",
        url,
        "--listen",
        "127.0.0.1",
        "--port",
        str(port),
        env={"TELEGRAM_WEBHOOK_SECRET": "right-secret"},
    )
    await process.start()
    assert fake.webhook_url == url
    assert fake.webhook_secret == "right-secret"
    await say(fake, 15, "/quiz")
    await press(fake, 15, "Love it")
    before = stored(process.db, 15)
    forged = {
        "update_id": 999999,
        "message": {
            "message_id": 1,
            "date": 0,
            "text": "/forget",
            "from": {"id": 15, "is_bot": False, "first_name": "X"},
            "chat": {"id": 15, "type": "private"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 7}],
        },
    }
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with session.post(url, json=forged, headers=headers) as response:
                assert response.status == 403
    await asyncio.sleep(0.3)
    assert stored(process.db, 15) == before, "a refused request changes nothing"
    assert "forget" not in json.dumps([m.plain_text for m in fake.messages(15)]).lower()
    assert await process.stop() == 0


@pytest.fixture(scope="module", autouse=True)
def _logs_never_contain_the_token() -> Iterator[None]:
    """After every scenario of this module: the bot's logs (INFO level) hold no token."""
    yield
    assert LOGS, "the scenarios ran"
    for log in LOGS:
        text = log.read_text(errors="replace")
        assert TOKEN not in text, log
        assert TOKEN.split(":")[1] not in text, log
