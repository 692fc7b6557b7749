"""Only calls that cannot have reached Telegram are retried: a reply must arrive once."""

from __future__ import annotations

import httpx
import pytest
from telegram.error import NetworkError, TimedOut

from bot.transports.telegram.ratelimit import may_retry, safe_to_retry


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


READ_TIMEOUT = raised(TimedOut("read"), httpx.ReadTimeout("no answer"))
RESET = raised(NetworkError("httpx.ReadError"), httpx.ReadError("reset"))


@pytest.mark.parametrize("error", [READ_TIMEOUT, RESET], ids=["read timeout", "reset"])
@pytest.mark.parametrize(
    ("endpoint", "retry"),
    [
        ("answerCallbackQuery", True),  # a second answer is refused: harmless
        ("editMessageText", True),  # the same content again: "not modified"
        ("sendChatAction", True),
        ("sendMessage", False),  # it may have arrived: never twice
        ("sendPhoto", False),
    ],
)
def test_what_may_arrive_twice_is_retried_whatever_the_error(
    endpoint: str, retry: bool, error: Exception
) -> None:
    assert may_retry(endpoint, error) is retry
