"""Rate limiting and retries for outgoing Bot API calls, so that no reply is lost.

`flood.FloodLimiter` keeps under Telegram's flood limits and waits out a 429 (`retry_after`)
before trying again. It does not retry network errors or 5xx answers; this subclass does,
with exponential backoff, but only where the call cannot have been applied (see
`safe_to_retry`) or applying it twice changes nothing (`REPEATABLE`), so a retried reply
arrives once.

On a stop (`abandon_waits`), nothing waits for its turn any more: a call held back by a
flood limit, a 429 or a retry back-off is abandoned by cancelling the update it was made
for, and so is a later call that would be held back. An abandoned update is not confirmed to
Telegram, which delivers it again; what it stored stays stored (its processed mark makes the
second delivery harmless), so only replies are lost, and a reply is not work to save. Calls
already on the wire finish: their HTTP timeouts bound them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.transports.telegram.flood import TELEGRAM_LIMITS, FloodLimiter, FloodLimits

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]


# Calls whose second arrival changes nothing: a callback query answered twice is refused
# (a 400 the adapter expects), an edit to the same content is "not modified", a chat action
# or a command menu set twice is the same. These are retried whatever the error was.
REPEATABLE = frozenset(
    {
        "answerCallbackQuery",
        "answerInlineQuery",
        "editMessageText",
        "editMessageCaption",
        "editMessageReplyMarkup",
        "sendChatAction",
        "setMyCommands",
        "getMe",
    }
)


def may_retry(endpoint: str, exc: Exception) -> bool:
    """Whether a call that failed with a network error or a 5xx may be made again."""
    return endpoint in REPEATABLE or safe_to_retry(exc)


def safe_to_retry(exc: Exception) -> bool:
    """Retry what never reached Telegram (the connection was not made, or no connection was
    free) and Telegram's own 5xx answers (which apply nothing). A read timeout is not retried:
    the request may have been applied, and sending a message twice is worse than once late."""
    cause = exc.__cause__
    if isinstance(exc, TimedOut):
        return isinstance(cause, httpx.ConnectTimeout | httpx.PoolTimeout)
    return cause is None or isinstance(cause, httpx.ConnectError)


Callback = Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]]


@dataclass(eq=False)
class _Call:
    """One outgoing call: the task that waits for it, and whether it is on the wire now."""

    task: asyncio.Task[Any]
    on_wire: bool = False


class RetryingRateLimiter(FloodLimiter):
    def __init__(
        self,
        *,
        limits: FloodLimits = TELEGRAM_LIMITS,
        max_retries: int = 8,
        network_retries: int = 6,
        first_backoff: float = 0.1,
    ) -> None:
        super().__init__(limits=limits, max_retries=max_retries)
        self.network_retries = network_retries
        self.first_backoff = first_backoff
        self.stopping = False
        self._calls: set[_Call] = set()

    def abandon_waits(self) -> int:
        """Stop waiting: cancel every call held back now, and from now on every call as soon
        as it is held back. Returns how many were cancelled now."""
        self.stopping = True
        waiting = [call for call in self._calls if not call.on_wire]
        for call in waiting:
            call.task.cancel()
        if waiting:
            log.info("stopping: %d reply call(s) waiting for their turn abandoned", len(waiting))
        return len(waiting)

    @property
    def calls_under_way(self) -> int:
        """Waiting or on the wire: zero when idle. (Not `__len__`: PTB passes calls by a
        rate limiter that tests false.)"""
        return len(self._calls)

    async def process_request(  # noqa: PLR0917 - PTB's signature
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        task = asyncio.current_task()
        assert task is not None, "Bot API calls are made from a task"
        call = _Call(task)

        async def on_the_wire(*a: Any, **kw: Any) -> bool | JSONDict | list[JSONDict]:
            call.on_wire = True
            try:
                return await callback(*a, **kw)
            finally:
                call.on_wire = False
                if self.stopping:  # a retry would wait again: not past this turn
                    self._abandon_soon(call)

        self._calls.add(call)
        if self.stopping:  # held back past this turn of the loop: abandoned
            self._abandon_soon(call)
        try:
            return await self._with_retries(
                on_the_wire, args, kwargs, endpoint, data, rate_limit_args
            )
        finally:
            self._calls.discard(call)

    def _abandon_soon(self, call: _Call) -> None:
        """Cancel `call` at the next turn of the loop unless it is on the wire or done by
        then (a call free to go is on the wire before the loop turns)."""
        asyncio.get_running_loop().call_soon(self._abandon_if_waiting, call)

    def _abandon_if_waiting(self, call: _Call) -> None:
        if call in self._calls and not call.on_wire:
            call.task.cancel()

    async def _with_retries(  # noqa: PLR0917 - PTB's arguments, passed on
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        delay = self.first_backoff
        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except (RetryAfter, BadRequest):
                raise  # RetryAfter: retried by the parent already; BadRequest: a retry won't help
            except (NetworkError, TimedOut) as exc:
                if endpoint == "getUpdates" or attempt == self.network_retries:
                    raise  # the updater has its own retry loop for polling
                if not may_retry(endpoint, exc):
                    raise  # it may have reached Telegram: a retry could send it twice
                log.warning("%s failed (%s); retrying in %.1f s", endpoint, exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
        raise AssertionError("unreachable")  # pragma: no cover
