"""Only calls that cannot have reached Telegram are retried: a reply must arrive once."""

from __future__ import annotations

import httpx
import pytest
from telegram.error import NetworkError, TimedOut

from bot.transports.telegram.ratelimit import safe_to_retry


def raised(error: Exception, cause: BaseException | None) -> Exception:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "retry"),
    [
        (raised(NetworkError("Internal Server Error (500)"), None), True),
        (raised(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused")), True),
        (raised(TimedOut("pool"), httpx.PoolTimeout("no connection free")), True),
        (raised(TimedOut("connect"), httpx.ConnectTimeout("slow")), True),
        (raised(TimedOut("read"), httpx.ReadTimeout("no answer")), False),
        (raised(NetworkError("httpx.ReadError"), httpx.ReadError("reset")), False),
    ],
)
def test_what_is_retried(error: Exception, retry: bool) -> None:
    assert safe_to_retry(error) is retry
