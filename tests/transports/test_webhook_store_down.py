"""Never acknowledge what was not applied: with Redis down, the webhook answers an error
status for an update it could not apply, so that Telegram delivers it again, and says
nothing to the person meanwhile; once Redis is back, the update delivered again is applied,
answered 200 and replied to, once.

The Redis server is a real one, killed and started again by the test on the same port; the
Bot API is the fake one, and the test posts the updates to the webhook itself, as Telegram
would, so it sees each answer's status.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession
from telegram.ext import Application, ApplicationBuilder

from bot.app import build_engine, load_data
from bot.storage.factory import redis_storage
from bot.storage.redis.store import RedisStore
from bot.transports.telegram.adapter import TelegramAdapter
from bot.transports.telegram.outcomes import Redeliveries
from bot.transports.telegram.webhook import SECRET_HEADER, WebhookServer
from tests.harness.bot_api import FakeBotApi, JSONDict
from tests.harness.quiz_taker import step_shown
from tests.harness.redis_server import RedisServer, find_redis_server

TOKEN = "1234567:" + "R" * 35
SECRET = "webhook-secret"
PERSON = 501
DATA = load_data()

App = Application[Any, Any, Any, Any, Any, Any]


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(find_redis_server(), tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(TOKEN) as api:
        yield api


async def post(http: ClientSession, url: str, update: JSONDict) -> int:
    async with http.post(url, json=update, headers={SECRET_HEADER: SECRET}) as response:
        return response.status


def typed(fake: FakeBotApi, user: int, text: str) -> JSONDict:
    update_id = fake.send_text(user, text)
    return next(u for u in fake.pending_updates if u["update_id"] == update_id)


async def test_with_redis_down_an_update_is_refused_until_it_can_be_applied(
    fake: FakeBotApi, redis_server: RedisServer
) -> None:
    # One retry: a connection broken by the restart is opened again, while a Redis that is
    # down fails at once (this test need not wait out the production back-off).
    store = await RedisStore.connect(redis_server.url(), retries=1)
    storage = redis_storage(store)
    redeliveries = Redeliveries()
    app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).build()
    engine = build_engine(storage, DATA, charts=False)
    TelegramAdapter(engine, redeliveries=redeliveries).install(app)
    server = WebhookServer(app, url_path="hook", secret=SECRET, redeliveries=redeliveries)
    url = f"http://127.0.0.1:{server.listen(0, '127.0.0.1')}/hook"
    async with app, ClientSession() as http:
        try:
            quiz = typed(fake, PERSON, "/quiz")
            redis_server.kill()
            assert await post(http, url, quiz) == 503, "not applied: Telegram keeps it"
            assert await post(http, url, quiz) == 503, "and again, while Redis is down"
            assert fake.messages(PERSON) == [], "no apology, no reply for what was not done"
            redis_server.start()
            assert await post(http, url, quiz) == 200
            assert await store.seen_update(quiz["update_id"])
            assert await store.get(PERSON) is not None
            assert await post(http, url, quiz) == 200, "a copy after that is acknowledged..."
            shown = [step_shown(m.plain_text) for m in fake.messages(PERSON)]
            assert shown == ["Question 1 of 16"], "...and not applied twice"
        finally:
            await server.close()
            await storage.close()


async def test_without_redeliveries_a_store_outage_is_apologised_for(
    fake: FakeBotApi, redis_server: RedisServer
) -> None:
    """Long polling cannot give an update back: the person hears something went wrong."""
    store = await RedisStore.connect(redis_server.url(), retries=0)
    storage = redis_storage(store)
    app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).build()
    TelegramAdapter(build_engine(storage, DATA, charts=False)).install(app)
    server = WebhookServer(app, url_path="hook", secret=SECRET)
    url = f"http://127.0.0.1:{server.listen(0, '127.0.0.1')}/hook"
    async with app, ClientSession() as http:
        try:
            redis_server.kill()
            assert await post(http, url, typed(fake, PERSON, "/quiz")) == 200
            assert [m.plain_text for m in fake.messages(PERSON)] == [DATA.kb.text("error_apology")]
        finally:
            await server.close()
            await storage.close()
