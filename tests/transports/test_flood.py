"""Flood limits follow Telegram's: per chat, per group, bulk sends across chats; answering a
button is never queued behind other people's sends, and a 429 holds back only its chat
(or, for a call made for no chat, the whole bot). Time here is a fake clock the test moves:
nothing sleeps, and "waits" means "sleeps on the fake clock until the test moves it"."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import warnings
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.transports.telegram.flood import Buckets, FloodLimiter, FloodLimits, is_send

WITHIN = 10  # seconds: only a bound on a hang
LIMITS = FloodLimits(chat_burst=3, chat_period=3.0, group_per_minute=20, bulk_per_second=30)
GROUP = -1001


class Clock:
    """Fake time: `sleep` returns once the test has moved the clock far enough."""

    def __init__(self) -> None:
        self.now = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._someone_sleeps = asyncio.Event()

    def time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        woken = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + seconds, next(self._order), woken))
        self._someone_sleeps.set()
        await woken

    async def until_someone_sleeps(self) -> None:
        """Every call that could go has gone: the one left is held back on this clock."""
        await asyncio.wait_for(self._someone_sleeps.wait(), WITHIN)
        self._someone_sleeps.clear()

    def advance(self, seconds: float) -> None:
        self.now += seconds
        while self._sleepers and self._sleepers[0][0] <= self.now:
            _, _, woken = heapq.heappop(self._sleepers)
            if not woken.done():
                woken.set_result(None)


class FakeBucket:
    """A leaky bucket on the fake clock: `max_rate` at once, drained over `period`."""

    def __init__(self, clock: Clock, max_rate: float, period: float) -> None:
        self.clock, self.max_rate, self.period = clock, max_rate, period
        self.level, self.since = 0.0, clock.now

    def _leak(self) -> None:
        drained = (self.clock.now - self.since) * self.max_rate / self.period
        self.level, self.since = max(0.0, self.level - drained), self.clock.now

    def has_capacity(self, amount: float = 1) -> bool:
        self._leak()
        return self.level + amount <= self.max_rate

    async def acquire(self, amount: float = 1) -> None:
        while not self.has_capacity(amount):
            missing = self.level + amount - self.max_rate
            await self.clock.sleep(missing * self.period / self.max_rate)
        self.level += amount


class Api:
    """Stands in for the HTTP call: notes each call; refuses the ones told to with a 429."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.refuse: dict[tuple[str, Any], int] = {}  # (endpoint, chat) -> retry_after

    async def call(self, endpoint: str, chat: Any) -> bool:
        self.calls.append((endpoint, chat))
        if (retry_after := self.refuse.pop((endpoint, chat), None)) is not None:
            with warnings.catch_warnings():  # PTB 22 warns that retry_after's type will change
                warnings.simplefilter("ignore")
                raise RetryAfter(retry_after)
        return True


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def limiter(clock: Clock) -> FloodLimiter:
    def bucket(max_rate: float, period: float) -> FakeBucket:
        return FakeBucket(clock, max_rate, period)

    return FloodLimiter(
        limits=LIMITS,
        max_retries=3,
        bucket=bucket,
        clock=clock.time,
        sleep=clock.sleep,
        keep_buckets=8,
    )


def call(limiter: FloodLimiter, api: Api, endpoint: str, chat: Any = None) -> asyncio.Task[Any]:
    data = {} if chat is None else {"chat_id": chat}
    request = limiter.process_request(api.call, (endpoint, chat), {}, endpoint, data, None)
    return asyncio.ensure_future(request)


async def finished(*tasks: asyncio.Task[Any]) -> list[Any]:
    return await asyncio.wait_for(asyncio.gather(*tasks), WITHIN)


@pytest.mark.parametrize(
    ("endpoint", "send"),
    [
        ("sendMessage", True),
        ("sendPhoto", True),
        ("copyMessage", True),
        ("sendChatAction", False),
        ("editMessageText", False),
        ("answerCallbackQuery", False),
    ],
)
def test_what_counts_as_a_send(endpoint: str, send: bool) -> None:
    assert is_send(endpoint) is send


async def test_a_button_is_answered_while_the_bulk_sends_wait(
    limiter: FloodLimiter, clock: Clock
) -> None:
    api = Api()
    sends = [call(limiter, api, "sendMessage", chat) for chat in range(1, 32)]
    await clock.until_someone_sleeps()  # 30 went; the 31st waits for the bulk bucket
    assert len(api.calls) == LIMITS.bulk_per_second
    answered = [
        call(limiter, api, "answerCallbackQuery"),
        call(limiter, api, "editMessageText", 31),
        call(limiter, api, "editMessageReplyMarkup", 31),
        call(limiter, api, "sendChatAction", 31),
    ]
    assert await finished(*answered) == [True] * 4
    assert not sends[-1].done()
    clock.advance(1)
    assert await finished(*sends) == [True] * 31


async def test_a_groups_21st_message_in_a_minute_waits(limiter: FloodLimiter, clock: Clock) -> None:
    api = Api()
    group = [call(limiter, api, "sendMessage", GROUP) for _ in range(21)]
    await clock.until_someone_sleeps()
    assert api.calls == [("sendMessage", GROUP)] * 20
    private = call(limiter, api, "sendMessage", 42)  # another chat has room
    assert await finished(private) == [True]
    assert not group[-1].done()
    clock.advance(3)  # a twentieth of a minute frees one message
    assert await finished(*group) == [True] * 21


async def test_a_private_chat_gets_a_short_burst_then_one_a_second(
    limiter: FloodLimiter, clock: Clock
) -> None:
    api = Api()
    chat = [call(limiter, api, "sendMessage", 7) for _ in range(4)]
    await clock.until_someone_sleeps()
    assert len(api.calls) == LIMITS.chat_burst
    clock.advance(1)
    assert await finished(*chat) == [True] * 4


async def test_a_429_for_one_chat_does_not_hold_up_another(
    limiter: FloodLimiter, clock: Clock
) -> None:
    api = Api()
    api.refuse[("sendMessage", 1)] = 5
    refused = call(limiter, api, "sendMessage", 1)
    await clock.until_someone_sleeps()  # waiting out the 429
    other = call(limiter, api, "sendMessage", 2)
    assert await finished(other) == [True]
    later_in_refused_chat = call(limiter, api, "sendMessage", 1)
    await clock.until_someone_sleeps()
    assert not refused.done()
    assert not later_in_refused_chat.done()
    clock.advance(5.1)
    assert await finished(refused, later_in_refused_chat) == [True, True]
    assert api.calls.count(("sendMessage", 1)) == 3  # refused, made again, the later one


async def test_a_429_for_no_chat_holds_every_call_back(limiter: FloodLimiter, clock: Clock) -> None:
    api = Api()
    api.refuse[("answerCallbackQuery", None)] = 2
    refused = call(limiter, api, "answerCallbackQuery")
    await clock.until_someone_sleeps()
    held = call(limiter, api, "sendMessage", 2)
    await clock.until_someone_sleeps()
    assert api.calls == [("answerCallbackQuery", None)]
    clock.advance(2.1)
    assert await finished(refused, held) == [True, True]


async def test_a_429_past_the_retries_is_raised(limiter: FloodLimiter) -> None:
    api = Api()
    limiter.max_retries = 0
    api.refuse[("sendMessage", 3)] = 1
    with pytest.raises(RetryAfter):
        await finished(call(limiter, api, "sendMessage", 3))


async def test_the_buckets_of_idle_chats_are_dropped(limiter: FloodLimiter, clock: Clock) -> None:
    api = Api()
    active = 20  # chats sending at one time; new ones every few seconds
    for wave in range(10):
        chats = range(wave * active, (wave + 1) * active)
        await finished(*[call(limiter, api, "sendMessage", chat + 1) for chat in chats])
        assert len(limiter.chats) <= 2 * active  # not every chat ever seen
        clock.advance(LIMITS.chat_period)  # these chats fall idle
    assert len(api.calls) == 10 * active


async def test_a_bucket_someone_waits_on_is_kept() -> None:
    clock = Clock()
    buckets = Buckets(1, 1.0, lambda rate, period: FakeBucket(clock, rate, period), floor=1)
    await buckets.acquire("busy")
    waiting = asyncio.ensure_future(buckets.acquire("busy"))
    await clock.until_someone_sleeps()
    clock.now += 1  # drained, but not woken yet: its waiter still counts on it
    buckets.drop_drained()
    assert len(buckets) == 1
    clock.advance(0)
    await finished(waiting)
