"""Only calls that cannot have reached Telegram are retried: a reply must arrive once."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from telegram.error import NetworkError, TimedOut

from bot.app import build_engine
from bot.settings import Settings
from bot.storage.factory import memory_storage
from bot.transports.telegram.launch import build_application
from bot.transports.telegram.ratelimit import RetryingRateLimiter, may_retry, safe_to_retry


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


def test_the_bot_sends_new_messages_at_the_rate_the_settings_allow() -> None:
    """CAREER_BOT_SENDS_PER_SECOND (a bot with paid broadcasts may send up to 1000 a second)
    reaches the limiter the application is built with; nothing else is needed to build it."""
    settings = Settings(db_path=Path("unused.sqlite3"), sends_per_second=1000)
    storage = memory_storage()
    engine = build_engine(storage, charts=False)
    app = build_application(
        engine, storage, settings, "1234567:" + "S" * 35, "http://127.0.0.1:9/bot"
    )
    limiter = app.bot.rate_limiter
    assert isinstance(limiter, RetryingRateLimiter)
    assert limiter.bulk.max_rate == 1000
