"""Memory stays bounded under load: after many people have written, the per-chat and
per-call structures of a running bot are empty again. Each grows with the people being
served at the moment, never with everyone ever served: the adapter's chat locks, the
engine's per-person locks, the rate limiter's calls, the poller's updates in flight and its
acknowledgements.

The bot is assembled as `career-bot run` does it (our adapter, engine and rate limiter) on
an in-memory store, polling the fake Bot API. Nothing waits on time: the test waits for the
replies.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram.ext import ApplicationBuilder

from bot.app import build_engine, load_data
from bot.storage.factory import Storage, memory_storage
from bot.transports.telegram.adapter import TelegramAdapter
from bot.transports.telegram.launch import App
from bot.transports.telegram.polling import Poller
from bot.transports.telegram.ratelimit import RetryingRateLimiter
from tests.harness.bot_api import FakeBotApi

TOKEN = "1234567:" + "M" * 35
PEOPLE = 150
GROUPS = 30
WITHIN = 60  # seconds: only a bound on a hang


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(TOKEN) as api:
        yield api


@pytest.fixture
def storage() -> Storage:
    return memory_storage()


@pytest.fixture
def adapter(storage: Storage) -> TelegramAdapter:
    return TelegramAdapter(build_engine(storage, load_data(), charts=False))


@pytest.fixture
async def app(fake: FakeBotApi, adapter: TelegramAdapter) -> AsyncIterator[App]:
    """As `launch.build_application` builds it: concurrent updates, our rate limiter."""
    builder = ApplicationBuilder().token(TOKEN).base_url(fake.base_url)
    built = builder.concurrent_updates(True).rate_limiter(RetryingRateLimiter()).build()
    adapter.install(built)
    async with built:
        yield built


async def test_per_chat_structures_are_empty_again_after_a_crowd(
    fake: FakeBotApi, app: App, adapter: TelegramAdapter, storage: Storage
) -> None:
    poller, stop = Poller(app, recheck=0.01), asyncio.Event()
    polling = asyncio.create_task(poller.run(stop))
    try:
        for user in range(1, PEOPLE + 1):
            fake.send_text(user, "/quiz")
        for group in range(1, GROUPS + 1):
            fake.send_text(group, "/help", chat_id=-group, chat_type="group")
        for user in range(1, PEOPLE + 1):
            await fake.next_message(user, timeout=WITHIN)
        for group in range(1, GROUPS + 1):
            await fake.next_message(-group, timeout=WITHIN)
        await fake.wait_until(lambda: not fake.pending_updates, WITHIN, what="all confirmed")
        await asyncio.wait_for(poller.finish(), WITHIN)  # the last replies' tasks end
    finally:
        stop.set()
        await polling
    limiter = app.bot.rate_limiter
    assert isinstance(limiter, RetryingRateLimiter)
    assert len(adapter.chat_locks) == 0, "the adapter's chat locks"
    assert len(storage.isolation) == 0, "the engine's per-person locks"
    assert limiter.calls_under_way == 0, "the rate limiter's calls"
    assert not poller.in_flight, "the poller's tasks"
    assert not poller.acks.busy, "the updates in flight"
    assert await storage.state.count_people() == PEOPLE, "while everyone's quiz is kept"
