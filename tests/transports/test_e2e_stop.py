"""A stop in time: SIGTERM while group traffic waits on Telegram's group limits (20 messages
a minute per group), by long polling and as a webhook. The real `career-bot run` exits
within 10 s, a common orchestrator grace period, because replies waiting for their turn are
abandoned: an unsent reply is not lost work. What is stored is: people's quiz answers, given
while the groups wait, are all there once the bot is back and Telegram has delivered again
whatever the stop left unconfirmed.

The 10 s is a bound on the exit (the test fails when the bot is still running then), not a
measured speed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, BotProcess, webhook_args
from tests.harness.buttons import button_data
from tests.harness.ports import free_port
from tests.harness.quiz_taker import stored_answers

pytestmark = pytest.mark.e2e

GROUPS = [-1001, -1002, -1003]
PER_GROUP = 26  # beyond the 20 a minute Telegram allows a group: the rest wait their turn
PEOPLE = [5001, 5002, 5003, 5004, 5005, 5006]
STOP_WITHIN = 10.0  # seconds: an orchestrator's grace period
WITHIN = 60  # seconds: only a bound on a hang


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(TEST_TOKEN) as api:
        api.webhook_concurrency = 16  # Telegram posts to a webhook on several connections
        yield api


def stored_answers_of(db: Path) -> dict[int, dict[str, str]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT user_id, state FROM people").fetchall()
    return {user: json.loads(state).get("answers", {}) for user, state in rows}


def group_replies(fake: FakeBotApi) -> int:
    return sum(len(fake.messages(group)) for group in GROUPS)


def bot_for(mode: str, fake: FakeBotApi, db: Path) -> BotProcess:
    if mode == "polling":
        return BotProcess(fake, db)
    port = free_port()
    return BotProcess(fake, db, *webhook_args(f"http://127.0.0.1:{port}/hook", port))


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_sigterm_after_group_traffic_stops_in_time_and_loses_nothing_stored(
    mode: str, fake: FakeBotApi, tmp_path: Path
) -> None:
    bot = bot_for(mode, fake, tmp_path / "bot.sqlite3")
    await bot.start()
    quizzes = {}
    for user in PEOPLE:
        fake.send_text(user, "/quiz")
    for user in PEOPLE:
        quizzes[user] = await fake.next_message(user, timeout=WITHIN)
    for n in range(PER_GROUP):
        for group in GROUPS:
            fake.send_text(PEOPLE[n % len(PEOPLE)], "/help", chat_id=group, chat_type="group")
    allowed_at_once = 20 * len(GROUPS)
    await fake.wait_until(
        lambda: group_replies(fake) >= allowed_at_once, WITHIN, what="the groups' limits reached"
    )
    for user, quiz in quizzes.items():  # presses while the groups' replies wait their turn
        data = button_data(quiz, "Love it")
        assert data is not None
        fake.press(user, quiz.message_id, data)
    assert await bot.stop(within=STOP_WITHIN) == 0
    assert group_replies(fake) < PER_GROUP * len(GROUPS), "replies were still waiting"
    assert "cut short" not in bot.logs[-1].read_text(), "the waits were abandoned, not timed out"

    await bot.start()  # Telegram delivers again what the stop left unconfirmed
    await fake.wait_until(lambda: not fake.pending_updates, WITHIN, what="every update taken")
    assert await bot.stop() == 0
    answers = stored_answers_of(bot.db)
    for user in PEOPLE:
        assert answers.get(user) == stored_answers(["Love it"]), f"person {user}"
