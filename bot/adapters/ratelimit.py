"""Rate limiting and retries for outgoing Bot API calls, so that no reply is lost.

PTB's AIORateLimiter keeps under Telegram's flood limits and waits out a 429 (`retry_after`)
before trying again. It does not retry network errors or 5xx answers; this subclass does,
with exponential backoff. A failed call was not applied by Telegram, so retrying it sends
the reply once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]


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
                log.warning("%s failed (%s); retrying in %.1f s", endpoint, exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
        raise AssertionError("unreachable")  # pragma: no cover
