"""Scale-out end to end: three `career-bot run` instances in webhook mode share one real
Redis behind a round-robin proxy. Fifty people take the quiz at once, a share of the updates
arrive twice (at two instances, at the same moment), and one instance is killed with SIGKILL
halfway. Everyone must end with exactly the answers they gave and the result one instance
would give: nothing lost, nothing applied twice."""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from redis.asyncio import Redis

from tests.harness.bot_api import FakeBotApi, SentMessage
from tests.harness.redis_server import redis_url as redis_url  # noqa: PLC0414 (a fixture, re-exported)
from tests.transports.test_e2e_telegram import (
    LABEL_VALUES,
    TOKEN,
    BotProcess,
    answers_for,
    expected_top,
    free_port,
)

pytestmark = pytest.mark.e2e

SECRET = "scale-out-secret"
PEOPLE = 50


async def start_instances(
    fake: FakeBotApi, folder: Path, url: str, ports: list[int], *, redis_url: str, secret: str
) -> list[BotProcess]:
    """`career-bot run` in webhook mode on each port, all on the Redis at `redis_url`."""
    env = {"CAREER_BOT_STORE": redis_url, "TELEGRAM_WEBHOOK_SECRET": secret}
    instances = [
        BotProcess(
            fake,
            folder / f"i{n}.sqlite3",
            "--webhook-url",
            url,
            "--listen",
            "127.0.0.1",
            "--port",
            str(port),
            env=env,
        )
        for n, port in enumerate(ports)
    ]
    for instance in instances:
        await instance.start()
    return instances


class Proxy:
    """A load balancer in front of the instances: round robin, the next instance when one
    does not answer (as Telegram redelivers), and every `duplicate_every`-th update sent to
    two instances at once (as a retried or redelivered webhook call)."""

    def __init__(self, ports: list[int], duplicate_every: int = 6) -> None:
        self.ports = ports
        self.turn = itertools.count()
        self.duplicate_every = duplicate_every
        self.duplicated = 0
        self.failovers = 0
        self.port = free_port()
        self.session: aiohttp.ClientSession | None = None
        self.runner: web.AppRunner | None = None

    async def start(self) -> str:
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        app = web.Application()
        app.router.add_post("/telegram/hook", self.forward)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()
        return f"http://127.0.0.1:{self.port}/telegram/hook"

    async def stop(self) -> None:
        if self.session is not None:
            await self.session.close()
        if self.runner is not None:
            await self.runner.cleanup()

    async def forward(self, request: web.Request) -> web.Response:
        body, headers = await request.read(), dict(request.headers)
        number = next(self.turn)
        if number % self.duplicate_every == 0:
            self.duplicated += 1
            statuses = await asyncio.gather(
                self._send(body, headers, number), self._send(body, headers, number + 1)
            )
            return web.Response(status=min(statuses))
        return web.Response(status=await self._send(body, headers, number))

    async def _send(self, body: bytes, headers: dict[str, str], start: int) -> int:
        assert self.session is not None
        for attempt in range(len(self.ports)):
            port = self.ports[(start + attempt) % len(self.ports)]
            try:
                async with self.session.post(
                    f"http://127.0.0.1:{port}/telegram/hook", data=body, headers=headers
                ) as response:
                    return response.status
            except (aiohttp.ClientError, OSError):
                self.failovers += 1
        return 502


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi(TOKEN)
    api.webhook_concurrency = 8  # Telegram's max_connections: chats are delivered in parallel
    await api.start()
    yield api
    await api.stop()


MARKERS = [f"Question {n} of 15" for n in range(1, 8)] + ["Interests done"]


def where(text: str | None) -> str:
    """Which step a message shows: "Question 5 of 15", the checkpoint, or the result."""
    found = re.search(r"Question \d+ of \d+|Interests done|Best match", text or "")
    return found.group(0) if found else ""


class Person:
    """Taps through the quiz like a person: presses the button on the message that shows
    the step they are at, and when no such message arrives (an instance died after storing
    an answer but before replying) asks /quiz to see where they are. Progress is read from
    the shared store, the truth this test is about."""

    def __init__(self, fake: FakeBotApi, raw: Redis, user: int) -> None:
        self.fake, self.raw, self.user = fake, raw, user

    async def state(self) -> dict[str, Any]:
        stored = await self.raw.get(f"career-bot:v1:state:{self.user}")
        return json.loads(stored) if stored else {}

    async def answer(self, step: int, label: str) -> None:
        for _ in range(6):  # a dead instance's lock on this person lasts up to 10 s
            message = await self._wait_showing(MARKERS[step], label)
            if message is None:
                self.fake.send_text(self.user, "/quiz")  # "where was I?"
                continue
            self.fake.press(self.user, message.message_id, _data(message, label))
            if await self._until(lambda state: _done(state, step)):
                return
        raise AssertionError(f"person {self.user}: step {step} never went through")

    async def _wait_showing(self, marker: str, label: str) -> SentMessage | None:
        """The message showing this step, once its reply has arrived (the state is stored
        before the reply goes out, so it may lag a little)."""
        for _ in range(150):
            message = self._showing(marker, label)
            if message is not None:
                return message
            await asyncio.sleep(0.02)
        return None

    def _showing(self, marker: str, label: str) -> SentMessage | None:
        for message in reversed(self.fake.messages(self.user)):
            if where(message.plain_text) == marker and _data(message, label):
                return message
        return None

    async def _until(self, done: Callable[[dict[str, Any]], bool]) -> bool:
        for _ in range(500):
            if done(await self.state()):
                return True
            await asyncio.sleep(0.02)
        return False


def _data(message: SentMessage, label: str) -> str | None:
    for button in message.buttons():
        if button["text"] == label or button["text"].endswith(f" {label}"):
            return str(button["callback_data"])
    return None


def _done(state: dict[str, Any], step: int) -> bool:
    if step == len(MARKERS) - 1:
        return bool(state.get("finished"))
    return len(state.get("answers", {})) > step


async def test_three_instances_on_one_redis_lose_nothing_and_apply_nothing_twice(
    fake: FakeBotApi, redis_url: str, tmp_path: Path
) -> None:
    raw = Redis.from_url(redis_url)
    await raw.flushdb()
    ports = [free_port() for _ in range(3)]
    proxy = Proxy(ports)
    url = await proxy.start()
    instances = await start_instances(
        fake, tmp_path, url, ports, redis_url=redis_url, secret=SECRET
    )
    rng = random.Random(9)
    people = {3000 + i: answers_for(rng) for i in range(PEOPLE)}
    killed = asyncio.Event()

    async def take_quiz(user: int, labels: list[str]) -> None:
        person = Person(fake, raw, user)
        fake.send_text(user, "/quiz")
        await fake.wait_until(lambda: any(m.buttons() for m in fake.messages(user)), timeout=60)
        for step, label in enumerate([*labels, "Show my result"]):
            if step == 4 and user == 3000 and not killed.is_set():
                await instances[1].kill()  # halfway: one instance dies without warning
                killed.set()
            await person.answer(step, label)
        await fake.wait_until(
            lambda: any("Best match" in (m.plain_text or "") for m in fake.messages(user)),
            timeout=30,
        )

    try:
        await asyncio.gather(*(take_quiz(u, labels) for u, labels in people.items()))
        for user, labels in people.items():
            state = json.loads(await raw.get(f"career-bot:v1:state:{user}") or "{}")
            given = dict(zip(_questions(), (LABEL_VALUES[x] for x in labels), strict=True))
            assert state["answers"] == given, f"person {user}: exactly the answers they gave"
            results = [
                m.plain_text or ""
                for m in fake.messages(user)
                if "Best match:" in (m.plain_text or "")
            ]
            assert results, f"person {user}: a result"
            assert all(f"Best match: {expected_top(labels)} (" in t for t in results), user
        assert proxy.duplicated > 0
        assert proxy.failovers > 0, "the killed instance's share went to the others"
    finally:
        for instance in (instances[0], instances[2]):
            assert await instance.stop() == 0
        await proxy.stop()
        await raw.aclose()


def _questions() -> list[str]:
    from bot.app import load_data

    return list(load_data().quiz.questions[:7])
