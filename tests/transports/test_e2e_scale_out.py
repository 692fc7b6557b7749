"""Scale-out end to end: three `career-bot run` instances in webhook mode share one real
Redis behind a round-robin proxy. Fifty people take the quiz at once, a share of the updates
arrive twice (at two instances, at the same moment), and one instance is killed with SIGKILL
halfway. Everyone must end with exactly the answers they gave and the result one instance
would give: nothing lost, nothing applied twice. And every press gets a visible reply (a new
message or an edit) without the person having to ask where they are.

The kill lands, for one person pinned to the doomed instance, after their press is stored
and before its reply reaches Telegram (the fake holds that reply): the press delivered again
to another instance is recognised as applied and shows where the person is."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, start_webhook_instances
from tests.harness.ports import free_port
from tests.harness.proxy import RoundRobinProxy
from tests.harness.quiz_taker import (
    SHOW_RESULT,
    QuizTaker,
    expected_best_match,
    random_interest_labels,
    stored_answers,
)
from tests.harness.redis_server import redis_url as redis_url  # noqa: PLC0414 (a fixture, re-exported)

pytestmark = pytest.mark.e2e

SECRET = "scale-out-secret"
PEOPLE = 50
KILL_AT_STEP = 4  # halfway through the seven interest questions
PINNED = 3000  # the person whose press is in flight when their instance dies
# Seconds a person waits for any reply to a press before asking where they are: a bound
# that only a missing reply reaches (a reply waits at most for a dead instance's lock, 10 s,
# and the machine's load), so it never fails a sound run. Nothing is timed below it.
REPLY_WITHIN = 60.0


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi(TEST_TOKEN)
    api.webhook_concurrency = 8  # Telegram's max_connections: chats are delivered in parallel
    await api.start()
    yield api
    await api.stop()


async def test_three_instances_on_one_redis_lose_nothing_and_apply_nothing_twice(
    fake: FakeBotApi, redis_url: str, tmp_path: Path
) -> None:
    raw = Redis.from_url(redis_url)
    await raw.flushdb()
    ports = [free_port() for _ in range(3)]
    proxy = RoundRobinProxy(ports)
    url = await proxy.start()
    instances = await start_webhook_instances(
        fake, tmp_path, url, ports, redis_url=redis_url, secret=SECRET
    )
    registered = [(c.params["url"], c.params["secret_token"]) for c in fake.calls_of("setWebhook")]
    assert registered == [(url, SECRET)] * 3, "each instance registers the same URL and secret"
    rng = random.Random(9)
    people = {PINNED + i: random_interest_labels(rng) for i in range(PEOPLE)}
    takers = {user: QuizTaker(fake, user, patience=REPLY_WITHIN) for user in people}
    proxy.pin(PINNED, ports[1])

    async def take_quiz(user: int, labels: list[str]) -> None:
        person = takers[user]
        fake.send_text(user, "/quiz")
        for step, label in enumerate([*labels, SHOW_RESULT]):
            await person.answer(step, label)
            if step == KILL_AT_STEP and user == PINNED:
                await kill_between_store_and_reply(user)
        await person.result()

    async def kill_between_store_and_reply(user: int) -> None:
        """The press was just queued: its reply is held, then its instance dies."""
        fake.hold_next(user)
        await fake.wait_until(lambda: bool(fake.held), REPLY_WITHIN, what="the reply, held")
        await instances[1].kill()  # one instance dies without warning
        fake.drop_held()

    try:
        await asyncio.gather(*(take_quiz(u, labels) for u, labels in people.items()))
        for user, labels in people.items():
            assert takers[user].unanswered == [], (
                f"person {user}: every press got a visible reply; silent presses (update ids)"
            )
            state = json.loads(await raw.get(f"career-bot:v1:state:{user}") or "{}")
            assert state["answers"] == stored_answers(labels), (
                f"person {user}: exactly the answers they gave"
            )
            results = [
                m.plain_text or ""
                for m in fake.messages(user)
                if "Best match:" in (m.plain_text or "")
            ]
            assert results, f"person {user}: a result"
            best = expected_best_match(labels)
            assert all(f"Best match: {best} (" in t for t in results), user
        assert proxy.duplicated > 0
        assert proxy.failovers > 0, "the killed instance's share went to the others"
    finally:
        for instance in (instances[0], instances[2]):
            assert await instance.stop() == 0
        await proxy.stop()
        await raw.aclose()
