"""Crashes under load, by long polling: many people press quiz buttons at once against the
real `career-bot run` while it is killed with SIGKILL at random moments and started again.
Telegram hears that an update is done only once it is stored, so every press is applied,
and the processed-update marks apply a press delivered again only once.

A "random moment" is a random number of the bot's calls for people (callback answers, edits,
sends) after the previous kill, so kills land while updates are queued, in flight, half
replied or just redelivered, without the test timing anything."""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, BotProcess
from tests.harness.buttons import button_data
from tests.harness.chat import Chat
from tests.harness.quiz_taker import QuizTaker, random_interest_labels, stored_answers

pytestmark = pytest.mark.e2e

PEOPLE = 12
KILLS = 22
MOST_CALLS_BETWEEN_KILLS = 12  # few enough that the quizzes outlast every kill
# The calls that do something for a person; fetching updates is not counted, as a bot with
# updates in flight fetches often.
WORK = frozenset(
    {"answerCallbackQuery", "editMessageText", "sendMessage", "sendPhoto", "sendChatAction"}
)
WITHIN = 300  # seconds: only a bound on a hang


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(TEST_TOKEN) as api:
        yield api


def read_store(db: Path) -> tuple[dict[int, dict[str, Any]], set[int]]:
    """Everyone's stored state, and the update ids marked processed."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        people = conn.execute("SELECT user_id, state FROM people").fetchall()
        marks = conn.execute("SELECT update_id FROM updates").fetchall()
    return {user: json.loads(state) for user, state in people}, {mark for (mark,) in marks}


def work_done(fake: FakeBotApi) -> int:
    """How many calls the bot has made for people: answers, edits, sends."""
    return sum(1 for call in fake.calls if call.method in WORK)


def reached(fake: FakeBotApi, work: int, quizzes: asyncio.Future[Any]) -> Callable[[], bool]:
    """Whether the bot has made `work` calls for people in all, or everyone is done."""
    return lambda: work_done(fake) >= work or quizzes.done()


async def kill_at_random_moments(
    bot: BotProcess, fake: FakeBotApi, rng: random.Random, quizzes: asyncio.Future[Any]
) -> int:
    """SIGKILL and restart the bot after a random number of calls for people each time (none:
    at once after the start), `KILLS` times or until everyone is done; returns how many
    kills there were."""
    kills = 0
    while kills < KILLS and not quizzes.done():
        moment = work_done(fake) + rng.randint(0, MOST_CALLS_BETWEEN_KILLS)
        await fake.wait_until(reached(fake, moment, quizzes), WITHIN, what="bot activity")
        if quizzes.done():
            break
        await bot.kill()
        kills += 1
        await bot.start()
    return kills


async def test_killed_at_random_moments_every_press_is_applied_exactly_once(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    bot = BotProcess(fake, tmp_path / "bot.sqlite3")
    await bot.start()
    rng = random.Random(17)
    people = {4000 + n: random_interest_labels(rng) for n in range(PEOPLE)}
    takers = {user: QuizTaker(fake, user) for user in people}
    quizzes = asyncio.gather(
        *(takers[user].take(labels) for user, labels in people.items()), return_exceptions=True
    )
    try:
        kills = await kill_at_random_moments(bot, fake, rng, quizzes)
        outcomes = dict(zip(people, await asyncio.wait_for(quizzes, WITHIN), strict=True))
    finally:
        quizzes.cancel()
        assert await bot.stop() == 0, "a graceful stop on SIGTERM"
    assert kills == KILLS, "the quizzes outlasted every kill"
    states, applied = read_store(bot.db)
    for user, labels in people.items():
        assert set(takers[user].presses) <= applied, f"person {user}: every press applied"
        answers = states.get(user, {}).get("answers")
        assert answers == stored_answers(labels), f"person {user}: exactly their answers"
        assert outcomes[user] is None, f"person {user} saw their result"


async def test_a_stop_does_not_wait_out_a_flood_limit_and_loses_nothing(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    """SIGTERM while a press's reply waits out a 429: the stop does not wait for Telegram's
    limit (an orchestrator's grace period is short), yet nothing is lost: the press is stored,
    it is not confirmed (its reply never went out), so Telegram delivers it again, and the
    restarted bot applies nothing twice and shows the person where they are."""
    bot = BotProcess(fake, tmp_path / "bot.sqlite3")
    await bot.start()
    chat = Chat(fake, 4100)
    [quiz] = await chat.say("/quiz")
    fake.fail_next(1, 429, method="editMessageText", retry_after=30)
    data = button_data(quiz, "Love it")
    assert data is not None
    press = fake.press(4100, quiz.message_id, data)
    await fake.wait_until(
        lambda: any(call.status == 429 for call in fake.calls_of("editMessageText")),
        what="the press's reply waits out a 429",
    )
    assert await bot.stop() == 0, "SIGTERM while the reply waits: a graceful stop"
    states, applied = read_store(bot.db)
    assert press in applied, "the press was stored before its reply"
    assert press in [u["update_id"] for u in fake.pending_updates], "and not confirmed"

    await bot.start()
    [step] = await chat.replies(1)
    assert "Question 2 of 16" in (step.plain_text or ""), "the redelivery shows the next step"
    await fake.wait_until(
        lambda: press not in [u["update_id"] for u in fake.pending_updates],
        what="the redelivered press confirmed",
    )
    assert await bot.stop() == 0
    states, _ = read_store(bot.db)
    assert len(states[4100]["answers"]) == 1, "applied once"
