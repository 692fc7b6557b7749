"""The webhook server: updates go through the application's update processor, so
`concurrent_updates` bounds them as it bounds polled ones, and each request is answered 200
only after its update has been processed and stored.

The Bot API is the fake one; the test posts the fake's updates to the webhook itself, so it can
await each request's answer. Nothing waits on time: handlers are held on events.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from typing import Any

import pytest
from aiohttp import ClientSession
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, SimpleUpdateProcessor, TypeHandler

from bot.app import build_engine, load_data
from bot.storage.factory import memory_storage
from bot.transports.telegram.adapter import TelegramAdapter
from bot.transports.telegram.webhook import SECRET_HEADER, WebhookServer
from tests.harness.bot_api import FakeBotApi, JSONDict

TOKEN = "1234567:" + "W" * 35
SECRET = "webhook-secret"
LIMIT = 2
WITHIN = 10  # seconds: only a bound on a hang, never a measured duration
DATA = load_data()

App = Application[Any, Any, Any, Any, Any, Any]


class ArrivalsNoted(SimpleUpdateProcessor):
    """PTB's processor for `concurrent_updates(n)`, noting each update that reaches it, before
    the update waits for a free slot."""

    def __init__(self, limit: int, expected: int) -> None:
        super().__init__(limit)
        self.arrived, self.expected = 0, expected
        self.all_arrived = asyncio.Event()

    # PTB marks this method final; overriding it is how the test sees an update arrive
    # before the processor's semaphore decides whether it may run.
    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:  # type: ignore[misc]
        self.arrived += 1
        if self.arrived == self.expected:
            self.all_arrived.set()
        await super().process_update(update, coroutine)


class Gate:
    """A handler that holds each update until opened, counting how many it holds at once."""

    def __init__(self, *, full_at: int, hold: frozenset[int] | None = None) -> None:
        self.opened, self.full = asyncio.Event(), asyncio.Event()
        self.full_at, self.hold = full_at, hold
        self.holding = self.most = 0

    async def __call__(self, update: object, _context: Any) -> None:
        assert isinstance(update, Update)
        chat = update.effective_chat
        if self.hold is not None and (chat is None or chat.id not in self.hold):
            return
        self.holding += 1
        self.most = max(self.most, self.holding)
        if self.holding == self.full_at:
            self.full.set()
        await self.opened.wait()
        self.holding -= 1


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(TOKEN) as api:
        yield api


@pytest.fixture
async def http() -> AsyncIterator[ClientSession]:
    async with ClientSession() as session:
        yield session


async def serving(app: App) -> tuple[WebhookServer, str]:
    server = WebhookServer(app, url_path="hook", secret=SECRET)
    port = server.listen(0, "127.0.0.1")
    return server, f"http://127.0.0.1:{port}/hook"


def typed(fake: FakeBotApi, user: int, text: str) -> JSONDict:
    """The update of `user` typing `text`, as Telegram would post it to a webhook."""
    update_id = fake.send_text(user, text)
    return next(u for u in fake.pending_updates if u["update_id"] == update_id)


async def post(http: ClientSession, url: str, update: JSONDict) -> int:
    async with http.post(url, json=update, headers={SECRET_HEADER: SECRET}) as response:
        return response.status


async def test_webhook_updates_run_concurrently_up_to_the_limit(
    fake: FakeBotApi, http: ClientSession
) -> None:
    users = [101, 102, 103, 104]
    processor, gate = ArrivalsNoted(LIMIT, expected=len(users)), Gate(full_at=LIMIT)
    builder = ApplicationBuilder().token(TOKEN).base_url(fake.base_url)
    app = builder.concurrent_updates(processor).build()
    app.add_handler(TypeHandler(Update, gate))
    async with app:
        server, url = await serving(app)
        try:
            updates = [typed(fake, user, "hello") for user in users]
            answers = asyncio.gather(*(post(http, url, update) for update in updates))
            async with asyncio.timeout(WITHIN):
                await processor.all_arrived.wait()  # every update reached the processor...
                await gate.full.wait()
            assert gate.holding == LIMIT  # ...and only LIMIT of them are being processed
            gate.opened.set()
            assert await asyncio.wait_for(answers, WITHIN) == [200] * len(users)
        finally:
            gate.opened.set()  # a failed test must not leave requests held
            await server.close()
    assert gate.most == LIMIT
    assert processor.arrived == len(users)


async def test_200_comes_only_after_the_update_is_stored(
    fake: FakeBotApi, http: ClientSession
) -> None:
    held, other = 201, 202
    storage = memory_storage()
    store = storage.state
    app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).concurrent_updates(4).build()
    TelegramAdapter(build_engine(storage, DATA, charts=False)).install(app)
    gate = Gate(full_at=1, hold=frozenset({held}))
    app.add_handler(TypeHandler(Update, gate), group=1)  # runs after the adapter's handler
    async with app:
        server, url = await serving(app)
        try:
            quiz = typed(fake, held, "/quiz")
            answer = asyncio.ensure_future(post(http, url, quiz))
            await asyncio.wait_for(gate.full.wait(), WITHIN)
            assert await store.get(held) is not None  # processed and stored...
            assert fake.messages(held)  # ...and replied to...
            assert not answer.done()  # ...yet not acknowledged while its handling goes on
            other_answer = await asyncio.wait_for(
                post(http, url, typed(fake, other, "/quiz")), WITHIN
            )
            assert other_answer == 200  # another person is not kept waiting meanwhile
            gate.opened.set()
            assert await asyncio.wait_for(answer, WITHIN) == 200
        finally:
            gate.opened.set()  # a failed test must not leave requests held
            await server.close()
    assert await store.seen_update(quiz["update_id"])


async def test_a_body_over_1_mb_is_refused_unread_and_changes_nothing(
    fake: FakeBotApi, http: ClientSession
) -> None:
    storage = memory_storage()
    app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).build()
    TelegramAdapter(build_engine(storage, DATA, charts=False)).install(app)
    async with app:
        server, url = await serving(app)
        try:
            update = typed(fake, 301, "/quiz")
            update["message"]["padding"] = "x" * (1 << 20)  # valid JSON, just too big
            headers = {SECRET_HEADER: SECRET}
            async with http.post(url, json=update, headers=headers) as response:
                assert response.status == 400  # tornado's answer to a Content-Length too long
            assert await storage.state.get(301) is None
            assert not await storage.state.seen_update(update["update_id"])
            assert fake.messages(301) == []
        finally:
            await server.close()


async def test_only_the_webhook_path_takes_updates(fake: FakeBotApi, http: ClientSession) -> None:
    storage = memory_storage()
    app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).build()
    TelegramAdapter(build_engine(storage, DATA, charts=False)).install(app)
    async with app:
        server, url = await serving(app)
        try:
            update = typed(fake, 302, "/quiz")
            async with http.post(f"{url}/../other", json=update) as response:
                assert response.status == 404
            assert await post(http, url + "x", update) == 404
            assert await storage.state.get(302) is None
        finally:
            await server.close()


async def test_a_stop_lets_the_updates_in_flight_finish_first(
    fake: FakeBotApi, http: ClientSession
) -> None:
    """SIGTERM closes the server (tested here directly): an update being handled is finished
    and acknowledged before the close returns, so the store is closed only after it."""
    storage = memory_storage()
    app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).concurrent_updates(4).build()
    TelegramAdapter(build_engine(storage, DATA, charts=False)).install(app)
    gate = Gate(full_at=1)
    app.add_handler(TypeHandler(Update, gate), group=1)  # runs after the adapter's handler
    async with app:
        server, url = await serving(app)
        try:
            answer = asyncio.ensure_future(post(http, url, typed(fake, 303, "/quiz")))
            await asyncio.wait_for(gate.full.wait(), WITHIN)
            closing = asyncio.ensure_future(server.close())
            await asyncio.sleep(0)  # one turn of the loop, no time: the close starts waiting
            assert not closing.done(), "the close waits for the update in flight"
            gate.opened.set()
            await asyncio.wait_for(closing, WITHIN)
            assert answer.done(), "acknowledged before the close ended"
            assert answer.result() == 200
        finally:
            gate.opened.set()
            await server.close()
    assert await storage.state.get(303) is not None
