"""Telegram's flood limits, kept per chat rather than with one cap on every call.

Telegram limits what a bot sends, not what it answers: about one message a second in one
chat (short bursts are fine), 20 a minute in one group, and about 30 a second across all
chats. So a send waits for its chat's bucket and then for the bot's bulk bucket, while
answering a callback query, showing a chat action or editing a message are held back by
no other person's sends: they are what keeps the bot feeling alive under a spike. (The bot
edits only the message a person just pressed, so its edits are paced by that person.)

A 429 names no scope; a call made for one chat (it carries a `chat_id`) pauses that chat for
`retry_after`, and one made for no chat (answering a callback query, polling) can only be
about the bot as a whole, so it pauses every call.

Each bucket is an aiolimiter leaky bucket: it wakes its waiters in order one at a time, so
hundreds of calls waiting for the bulk bucket cost no busy wake-ups. A bucket exists for a
chat only while it matters: one that has drained back to empty is the same as a new one,
so it is dropped (see `Buckets`), and memory follows the chats active in the last seconds,
not every chat ever seen.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.settings import DEFAULT_SENDS_PER_SECOND

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]
Callback = Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]]
ChatKey = int | str
EVERY_CALL = "*"  # the pause key of a 429 that holds the whole bot back

# Calls that put a new message in a chat; everything else is not what the limits count.
NOT_A_SEND = frozenset({"sendChatAction"})
SEND_PREFIXES = ("send", "forward", "copy")


class Bucket(Protocol):
    """A leaky bucket as aiolimiter's AsyncLimiter is one (tests pass a fake on a clock)."""

    max_rate: float

    def has_capacity(self, amount: float = 1) -> bool: ...

    async def acquire(self, amount: float = 1) -> None: ...


BucketMaker = Callable[[float, float], Bucket]


@dataclass(frozen=True)
class FloodLimits:
    """Telegram's limits as buckets: `capacity` calls at once, refilled over `period`."""

    chat_burst: int = 3  # a private chat: three at once, then one a second
    chat_period: float = 3.0
    group_per_minute: int = 20
    bulk_per_second: int = DEFAULT_SENDS_PER_SECOND  # CAREER_BOT_SENDS_PER_SECOND


TELEGRAM_LIMITS = FloodLimits()  # Telegram's free limits


def is_send(endpoint: str) -> bool:
    return endpoint.startswith(SEND_PREFIXES) and endpoint not in NOT_A_SEND


def chat_of(data: dict[str, Any]) -> ChatKey | None:
    """The chat a call is for: an int id (negative for groups) or a `@channel` name."""
    chat = data.get("chat_id")
    if chat is None:
        return None
    with contextlib.suppress(ValueError, TypeError):
        return int(chat)
    return str(chat)


def is_group(chat: ChatKey) -> bool:
    return isinstance(chat, str) or chat < 0


class Buckets:
    """One bucket per chat, made on first use and dropped once it has drained.

    Dropping is checked only when the table has doubled since the last sweep, so a call
    costs O(1) on average and the table stays under twice the chats active lately."""

    def __init__(self, capacity: float, period: float, make: BucketMaker, floor: int) -> None:
        self._capacity, self._period, self._make = capacity, period, make
        self._floor = self._sweep_at = floor
        self._buckets: dict[ChatKey, Bucket] = {}
        self._waiting: dict[ChatKey, int] = {}  # a bucket someone waits on is never dropped

    def __len__(self) -> int:
        return len(self._buckets)

    async def acquire(self, chat: ChatKey) -> None:
        bucket = self._buckets.get(chat)
        if bucket is None:
            if len(self._buckets) >= self._sweep_at:
                self.drop_drained()
            bucket = self._buckets[chat] = self._make(self._capacity, self._period)
        self._waiting[chat] = self._waiting.get(chat, 0) + 1
        try:
            await bucket.acquire()
        finally:
            left = self._waiting.pop(chat) - 1
            if left:
                self._waiting[chat] = left

    def drop_drained(self) -> None:
        drained = [
            chat
            for chat, bucket in self._buckets.items()
            if chat not in self._waiting and bucket.has_capacity(bucket.max_rate)
        ]
        for chat in drained:
            del self._buckets[chat]
        self._sweep_at = max(self._floor, 2 * len(self._buckets))


class Pauses:
    """What a 429 asked for: until when a chat (or every call) waits."""

    def __init__(
        self, clock: Callable[[], float], sleep: Callable[[float], Awaitable[None]]
    ) -> None:
        self._clock, self._sleep = clock, sleep
        self._until: dict[ChatKey, float] = {}

    def __len__(self) -> int:
        return len(self._until)

    def pause(self, key: ChatKey, seconds: float) -> None:
        now = self._clock()
        self._until = {k: t for k, t in self._until.items() if t > now}  # bounded by 429s
        self._until[key] = max(self._until.get(key, now), now + seconds)

    async def wait(self, key: ChatKey) -> None:
        while (until := self._until.get(key)) is not None:
            left = until - self._clock()
            if left <= 0:
                if self._until.get(key) == until:
                    del self._until[key]
                return
            await self._sleep(left)


def retry_after_seconds(exc: RetryAfter) -> float:
    return exc._retry_after.total_seconds()  # the public property warns about its type


class FloodLimiter(BaseRateLimiter[int]):
    """PTB's rate limiter hook: each call waits for the limits that apply to it, and a 429
    is waited out (for its chat, or for the bot) and the call made again."""

    def __init__(
        self,
        *,
        limits: FloodLimits = FloodLimits(),
        max_retries: int = 0,
        bucket: BucketMaker = AsyncLimiter,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        keep_buckets: int = 512,
    ) -> None:
        self.max_retries = max_retries
        self.chats = Buckets(limits.chat_burst, limits.chat_period, bucket, keep_buckets)
        self.groups = Buckets(limits.group_per_minute, 60.0, bucket, keep_buckets)
        self.bulk = bucket(limits.bulk_per_second, 1.0)
        self.pauses = Pauses(clock, sleep)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(  # noqa: PLR0917 - PTB's signature
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        chat = chat_of(data)
        retries = rate_limit_args or self.max_retries
        for attempt in range(retries + 1):
            await self._wait_turn(chat, send=is_send(endpoint))
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == retries:
                    log.warning("%s: flood limit still hit after %d retries", endpoint, retries)
                    raise
                seconds = retry_after_seconds(exc) + 0.1
                self.pauses.pause(EVERY_CALL if chat is None else chat, seconds)
                log.info("%s hit a flood limit: chat %s waits %.1f s", endpoint, chat, seconds)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _wait_turn(self, chat: ChatKey | None, *, send: bool) -> None:
        """Returns without yielding when nothing holds the call back (`abandon_waits`
        counts on a call free to go being on the wire before the loop turns)."""
        await self._wait_pauses(chat)
        if not send or chat is None:
            return
        await (self.groups if is_group(chat) else self.chats).acquire(chat)
        await self.bulk.acquire()
        await self._wait_pauses(chat)  # a 429 may have come while this call waited

    async def _wait_pauses(self, chat: ChatKey | None) -> None:
        await self.pauses.wait(EVERY_CALL)
        if chat is not None:
            await self.pauses.wait(chat)
