"""Long polling acknowledges an update only once it is processed: the `getUpdates` offset
never passes an update still in flight, however many later ones have finished, and a stop
lets the updates in flight finish before confirming them.

The rule is tested on its own (`Acknowledgements`), then the poller against the fake Bot API
with handlers held on events: nothing waits on time.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any, cast

import pytest
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter, TypeHandler

from bot.transports.telegram.polling import Acknowledgements, JSONDict, Poller
from tests.harness.bot_api import FakeBotApi

TOKEN = "1234567:" + "P" * 35
WITHIN = 10  # seconds: only a bound on a hang, never a measured duration

App = Application[Any, Any, Any, Any, Any, Any]


# the rule -------------------------------------------------------------------------------


def test_before_anything_is_fetched_there_is_no_offset() -> None:
    assert Acknowledgements().offset is None


def test_an_update_in_flight_holds_the_offset_back_while_later_ones_finish() -> None:
    acks = Acknowledgements()
    for update_id in (5, 6, 7):
        acks.take(update_id)
    acks.finish(6)
    acks.finish(7)
    assert acks.offset == 5, "Telegram must keep update 5 until it is done"
    acks.finish(5)
    assert acks.offset == 8, "everything fetched is done"


def test_the_offset_follows_the_lowest_update_in_flight() -> None:
    acks = Acknowledgements()
    for update_id in (5, 6, 7):
        acks.take(update_id)
    acks.finish(5)
    assert acks.offset == 6
    acks.finish(7)
    assert acks.offset == 6


def test_an_update_that_comes_back_is_not_taken_twice() -> None:
    acks = Acknowledgements()
    assert acks.take(5)
    assert acks.take(6)
    acks.finish(6)
    assert not acks.take(5), "still in flight: fetched again only because it holds the offset"
    assert not acks.take(6), "finished, fetched again behind update 5"
    assert acks.take(7)


# the poller -----------------------------------------------------------------------------


class Held:
    """A handler that counts every update it sees and holds the ones of `held_chat` until
    `opened`."""

    def __init__(self, held_chat: int) -> None:
        self.held_chat = held_chat
        self.opened, self.holding = asyncio.Event(), asyncio.Event()
        self.seen: Counter[int] = Counter()

    async def __call__(self, update: object, _context: Any) -> None:
        assert isinstance(update, Update)
        self.seen[update.update_id] += 1
        chat = update.effective_chat
        if chat is not None and chat.id == self.held_chat:
            self.holding.set()
            await self.opened.wait()


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(TOKEN) as api:
        yield api


@pytest.fixture
async def app(fake: FakeBotApi) -> AsyncIterator[App]:
    application = ApplicationBuilder().token(TOKEN).base_url(fake.base_url)
    built = application.concurrent_updates(True).build()
    async with built:
        yield built


def offsets(fake: FakeBotApi) -> list[int | None]:
    return [call.params.get("offset") for call in fake.calls_of("getUpdates")]


async def test_an_update_in_flight_stays_with_telegram_until_it_is_processed(
    fake: FakeBotApi, app: App
) -> None:
    handler = Held(held_chat=1)
    app.add_handler(TypeHandler(Update, handler))
    poller, stop = Poller(app, recheck=0.01), asyncio.Event()
    task = asyncio.create_task(poller.run(stop))
    try:
        held = fake.send_text(1, "hello")
        await asyncio.wait_for(handler.holding.wait(), WITHIN)
        later = [fake.send_text(2, "hi"), fake.send_text(3, "hey")]
        fetches = len(offsets(fake))
        await fake.wait_until(lambda: all(handler.seen[u] for u in later), WITHIN)
        await fake.wait_until(lambda: len(offsets(fake)) > fetches + 2, WITHIN)
        assert all(offset in (None, held) for offset in offsets(fake))
        assert held in [u["update_id"] for u in fake.pending_updates], "not acknowledged"
        handler.opened.set()
        await fake.wait_until(lambda: not fake.pending_updates, WITHIN, what="all confirmed")
    finally:
        handler.opened.set()
        stop.set()
        await task
    assert set(handler.seen.values()) == {1}, "each update processed once, however often fetched"


async def test_a_stop_lets_the_update_in_flight_finish_then_confirms_it(
    fake: FakeBotApi, app: App
) -> None:
    handler = Held(held_chat=1)
    app.add_handler(TypeHandler(Update, handler))
    poller, stop = Poller(app), asyncio.Event()
    task = asyncio.create_task(poller.run(stop))
    fake.send_text(1, "hello")
    await asyncio.wait_for(handler.holding.wait(), WITHIN)
    stop.set()
    await asyncio.wait_for(task, WITHIN)  # fetching stopped while the update is in flight
    finishing = asyncio.create_task(poller.finish(grace=WITHIN))
    handler.opened.set()
    await asyncio.wait_for(finishing, WITHIN)
    assert not fake.pending_updates, "the finished update is confirmed on the way out"


async def test_an_update_cut_short_by_the_stop_stays_with_telegram(
    fake: FakeBotApi, app: App
) -> None:
    handler = Held(held_chat=1)
    app.add_handler(TypeHandler(Update, handler))
    poller, stop = Poller(app), asyncio.Event()
    task = asyncio.create_task(poller.run(stop))
    held = fake.send_text(1, "hello")
    await asyncio.wait_for(handler.holding.wait(), WITHIN)
    stop.set()
    await asyncio.wait_for(task, WITHIN)
    await asyncio.wait_for(poller.finish(grace=0), WITHIN)
    assert [u["update_id"] for u in fake.pending_updates] == [held], "delivered again later"


class Recording(BaseRateLimiter[None]):
    """A rate limiter that lets everything through and notes which calls it saw."""

    def __init__(self) -> None:
        self.endpoints: list[str] = []

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def process_request(  # noqa: PLR0917 - PTB's signature
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],  # noqa: ARG002 - PTB's signature
        rate_limit_args: None,  # noqa: ARG002 - PTB's signature
    ) -> bool | JSONDict | list[JSONDict]:
        self.endpoints.append(endpoint)
        return await callback(*args, **kwargs)


async def test_fetching_updates_is_never_held_by_the_rate_limiter(fake: FakeBotApi) -> None:
    """python-telegram-bot exempts exactly "getUpdates" from the rate limiter (a flood pause
    must not stop the bot from hearing, nor cancel a stop's last confirming fetch)."""
    limiter = Recording()
    builder = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).rate_limiter(limiter)
    async with builder.concurrent_updates(True).build() as app:
        handler = Held(held_chat=0)
        app.add_handler(TypeHandler(Update, handler))
        poller, stop = Poller(app), asyncio.Event()
        task = asyncio.create_task(poller.run(stop))
        update = fake.send_text(1, "hello")
        await fake.wait_until(lambda: not fake.pending_updates, WITHIN, what="confirmed")
        stop.set()
        await asyncio.wait_for(task, WITHIN)
        await asyncio.wait_for(poller.finish(grace=WITHIN), WITHIN)
    assert handler.seen[update] == 1
    assert fake.calls_of("getUpdates"), "it did fetch"
    assert not [e for e in limiter.endpoints if e.lower() == "getupdates"]


async def test_an_answer_with_a_malformed_update_takes_none_of_it() -> None:
    """An update taken but never dispatched would hold the offset for good: the whole answer
    is read before anything is taken, so a malformed update leaves nothing in flight."""

    class Answering:
        async def do_api_request(self, *_: Any, **__: Any) -> list[JSONDict]:
            return [{"update_id": 7, "message": {}}, {"message": "no id"}]

    class AppWith:
        bot = Answering()

    poller = Poller(cast(App, AppWith()))
    with pytest.raises(TelegramError):
        await poller._step()  # one fetch, as `run` makes it
    assert not poller.acks.busy, "nothing in flight"
    assert poller.acks.offset is None, "the offset does not move past the unread update"
