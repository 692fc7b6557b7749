"""Rate limiting and retries for outgoing Bot API calls, so that no reply is lost.

PTB's AIORateLimiter keeps under Telegram's flood limits and waits out a 429 (`retry_after`)
before trying again. It does not retry network errors or 5xx answers; this subclass does,
with exponential backoff, but only where the call cannot have been applied (see
`safe_to_retry`) or applying it twice changes nothing (`REPEATABLE`), so a retried reply
arrives once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter

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


class RetryingRateLimiter(AIORateLimiter):
    def __init__(
        self, *, max_retries: int = 8, network_retries: int = 6, first_backoff: float = 0.1
    ) -> None:
        super().__init__(max_retries=max_retries)
        self.network_retries = network_retries
        self.first_backoff = first_backoff

    async def process_request(  # noqa: PLR0917 - PTB's signature
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
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
