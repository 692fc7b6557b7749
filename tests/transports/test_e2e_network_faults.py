"""A slow and broken network to Telegram is not an error to apologise for.

Thirty people take the quiz at once against the real `career-bot run` (long polling), whose
calls to the fake Bot API go through a flaky network: a tenth of them, at random, are
answered late, never answered (the call applied, the bot's read timing out), or reset before
or after they reached the Bot API. Nobody may be apologised to, no button left spinning, no
message sent twice in a row, no "error while handling an update" logged, and everyone must
end with exactly the answers they gave. A reply lost on the way (a send reset before it
arrived, which the bot must not repeat blindly) is asked for again by the person (/quiz),
as in the other end-to-end tests.
"""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, BotProcess
from tests.harness.flaky_network import FlakyNetwork
from tests.harness.quiz_taker import QuizTaker, bot_data, random_interest_labels, stored_answers

pytestmark = pytest.mark.e2e

PEOPLE = 30
FAULT_RATE = 0.1
SEED = 17
WITHIN = 600  # seconds: only a bound on a hang
# Seconds of silence before a person asks again: a loaded machine draws thirty charts slowly,
# and asking too soon only adds to its load.
PATIENCE = 30.0
SENDS = frozenset({"sendMessage", "sendPhoto"})


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(TEST_TOKEN) as api:
        yield api


def stored_states(db: Path) -> dict[int, dict[str, Any]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT user_id, state FROM people").fetchall()
    return {user: json.loads(state) for user, state in rows}


def repeated_sends(fake: FakeBotApi) -> list[str]:
    """Messages the bot sent twice in a row in a chat, with nothing the person wrote between
    (a person's message takes a message id in the chat, so the ids would not follow)."""
    last: dict[int, tuple[int, str]] = {}
    repeats = []
    for call in fake.calls:
        if call.method not in SENDS or call.status != 200 or call.response is None:
            continue
        sent = call.response["result"]
        chat, shown = (
            sent["chat"]["id"],
            json.dumps([sent.get("text"), sent.get("caption"), sent.get("reply_markup")]),
        )
        before = last.get(chat)
        if before == (sent["message_id"] - 1, shown):
            repeats.append(f"chat {chat}, message {sent['message_id']}: {shown[:80]}")
        last[chat] = (sent["message_id"], shown)
    return repeats


async def test_a_slow_and_broken_network_costs_no_answer_and_no_apology(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    network = FlakyNetwork(fake.base_url, rate=FAULT_RATE, seed=SEED)
    base_url = await network.start()
    db = tmp_path / "bot.sqlite3"
    bot = BotProcess(fake, db, "--base-url", base_url)  # the last --base-url counts
    rng = random.Random(SEED)
    people = {5000 + n: random_interest_labels(rng) for n in range(PEOPLE)}
    takers = {user: QuizTaker(fake, user, patience=PATIENCE) for user in people}
    try:
        await bot.start()
        async with asyncio.timeout(WITHIN):
            await asyncio.gather(*(takers[user].take(labels) for user, labels in people.items()))
    finally:
        status = await bot.stop()
        await network.stop()
    log = "".join(path.read_text(errors="replace") for path in bot.logs)
    apology = bot_data().kb.text("error_apology")
    presses = sum(len(taker.presses) for taker in takers.values())

    assert sum(network.injected.values()) >= 30, f"faults were injected: {network.injected}"
    apologies = [m for user in people for m in fake.messages(user) if m.plain_text == apology]
    assert apologies == [], "trouble on the way to Telegram is nothing to apologise for"
    assert presses - len(fake.answered_callbacks()) == 0, "every button stopped spinning"
    assert repeated_sends(fake) == [], "a send of unknown fate is never made again"
    assert log.count("error while handling an update") == 0, log[-3000:]
    states = stored_states(db)
    for user, labels in people.items():
        assert states[user]["answers"] == stored_answers(labels), f"person {user}'s answers"
    assert status == 0
