"""End to end: the real `career-bot run` as a subprocess against an in-suite fake Telegram
Bot API over real HTTP on 127.0.0.1 (tests/harness/bot_api.py): long polling and webhooks,
restarts after SIGKILL, many people at once, and Telegram's errors.

Each step waits for exactly the replies it expects (`Chat`, built on `next_message`); where a
test shows that nothing more came, one more update's reply must come next (a barrier)."""

from __future__ import annotations

import asyncio
import functools
import json
import random
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.matching.matcher import FaqMatcher
from tests.harness.bot_api import SECRET_HEADER, FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, BotProcess, webhook_args
from tests.harness.chat import Chat
from tests.harness.ports import free_port
from tests.harness.quiz_taker import (
    SHOW_RESULT,
    bot_data,
    expected_best_match,
    random_interest_labels,
)

pytestmark = pytest.mark.e2e

LOGS: list[Path] = []  # every bot process's log in this module, for the token check
INTERESTS = ["Love it", "Love it", "Love it", "Dislike", "Neutral", "Both", "Dislike"]


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi(TEST_TOKEN)
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def bot(fake: FakeBotApi, tmp_path: Path) -> AsyncIterator[BotProcess]:
    process = BotProcess(fake, tmp_path / "bot.sqlite3", logs=LOGS)
    await process.start()
    yield process
    assert await process.stop() == 0, "a graceful stop on SIGTERM"


def stored(db: Path, user: int) -> dict[str, Any]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        row = conn.execute("SELECT state FROM people WHERE user_id = ?", (user,)).fetchone()
    return json.loads(row[0]) if row else {}


@functools.cache
def faq_matcher() -> FaqMatcher:
    return FaqMatcher(bot_data().kb)


def faq_answer(question: str) -> str:
    """The opening of the FAQ answer the bot gives to `question`."""
    answer_id = faq_matcher().match(question).id
    assert answer_id is not None, question
    return faq_matcher().book.text(answer_id)[:40]


async def test_a_whole_quiz_by_buttons_ends_with_a_photo(fake: FakeBotApi, bot: BotProcess) -> None:
    chat = Chat(fake, 11)
    await chat.say("/quiz")
    for label in INTERESTS:
        [step] = await chat.press(label)
        assert step.is_edit, "the quiz message steps forward"
    result, chart = await chat.press(SHOW_RESULT, replies=2)
    assert "Best match: Machine learning engineer" in (result.plain_text or "")
    assert chart.is_photo
    assert "upload_photo" in [c.params.get("action") for c in fake.calls_of("sendChatAction")]
    presses = {c.params["callback_query_id"] for c in fake.calls_of("answerCallbackQuery")}
    assert len(presses) == len(INTERESTS) + 1, "every button press was answered"
    quiz = [m for m in fake.messages(11) if "Interests done" in (m.plain_text or "")]
    assert len(quiz) == 1, "the quiz is one message stepping forward"
    assert quiz[0].edits == len(INTERESTS)


async def test_a_question_mid_quiz_is_answered_and_the_step_asked_again(
    fake: FakeBotApi, bot: BotProcess
) -> None:
    chat = Chat(fake, 12)
    await chat.say("/quiz")
    await chat.press("Love it")
    answer, step = await chat.say("what does an MLE do?", replies=2)
    assert "Machine learning engineer" in (answer.plain_text or "")
    assert "back to the quiz" in (step.plain_text or "")
    assert "Question 2 of 16" in (step.plain_text or "")


async def test_killed_mid_quiz_and_restarted_the_person_continues_where_they_were(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    process = BotProcess(fake, tmp_path / "bot.sqlite3", logs=LOGS)
    await process.start()
    chat = Chat(fake, 13)
    await chat.say("/quiz")
    for label in INTERESTS[:4]:
        await chat.press(label)
        await process.kill()
        await process.start()
    assert len(stored(process.db, 13)["answers"]) == 4, "nothing lost across four SIGKILLs"
    [step] = await chat.press(INTERESTS[4])
    assert "Question 6 of 16" in (step.plain_text or "")
    assert await process.stop() == 0


async def test_fifty_people_at_once_each_get_the_result_of_their_own_answers(
    fake: FakeBotApi, bot: BotProcess
) -> None:
    rng = random.Random(50)
    people = {2000 + i: random_interest_labels(rng) for i in range(50)}

    async def take_quiz(user: int, labels: list[str]) -> str:
        chat = Chat(fake, user, timeout=120)
        await chat.say("/quiz")
        for label in labels:
            await chat.press(label)
        result, chart = await chat.press(SHOW_RESULT, replies=2)
        assert chart.is_photo
        return result.plain_text or ""

    results = await asyncio.gather(*(take_quiz(u, labels) for u, labels in people.items()))
    for (user, labels), text in zip(people.items(), results, strict=True):
        assert f"Best match: {expected_best_match(labels)} (" in text, user


async def test_after_bursts_of_429_and_500_every_reply_arrives_once_and_in_order(
    fake: FakeBotApi, bot: BotProcess
) -> None:
    questions = ["do i need a phd", "what is mlops", "python or r", "how do i build a portfolio"]
    fake.fail_next(2, 429, method="sendMessage", retry_after=1)
    fake.fail_next(3, 500, method="sendMessage")
    for question in questions:
        fake.send_text(14, question)
    chat = Chat(fake, 14, timeout=60)
    for question in questions:
        [answer] = await chat.replies(1)
        assert (answer.plain_text or "").startswith(faq_answer(question)), "in order"
    [barrier] = await chat.say(questions[0])
    assert (barrier.plain_text or "").startswith(faq_answer(questions[0])), "exactly once"


async def test_webhook_mode_checks_its_secret(fake: FakeBotApi, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    env = {"TELEGRAM_WEBHOOK_SECRET": "right-secret"}
    db = tmp_path / "bot.sqlite3"
    process = BotProcess(fake, db, *webhook_args(url, port), env=env, logs=LOGS)
    await process.start()
    assert fake.webhook_url == url
    assert fake.webhook_secret == "right-secret"
    chat = Chat(fake, 15)
    await chat.say("/quiz")
    await chat.press("Love it")
    before = stored(db, 15)
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {SECRET_HEADER: "wrong"}):
            async with session.post(url, json=forged_forget(15), headers=headers) as response:
                assert response.status == 403
    assert stored(db, 15) == before, "a refused request changes nothing"
    _faq, step = await chat.say("what is mlops", replies=2)  # a barrier: the next replies
    assert "Question 2 of 16" in (step.plain_text or ""), "the quiz was not forgotten"
    assert "forget" not in json.dumps([m.plain_text for m in fake.messages(15)]).lower()
    assert await process.stop() == 0


def forged_forget(user: int) -> dict[str, Any]:
    """A /forget update as Telegram would send it, posted by someone else."""
    return {
        "update_id": 999999,
        "message": {
            "message_id": 1,
            "date": 0,
            "text": "/forget",
            "from": {"id": user, "is_bot": False, "first_name": "X"},
            "chat": {"id": user, "type": "private"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 7}],
        },
    }


@pytest.fixture(scope="module", autouse=True)
def _logs_never_contain_the_token() -> Iterator[None]:
    """After every scenario of this module: the bot's logs (INFO level) hold no token."""
    yield
    assert LOGS, "the scenarios ran"
    for log in LOGS:
        text = log.read_text(errors="replace")
        assert TEST_TOKEN not in text, log
        assert TEST_TOKEN.split(":")[1] not in text, log
