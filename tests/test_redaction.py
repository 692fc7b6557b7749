"""Secrets kept out of messages and logs: passwords in store URLs, and the bot token in every
log record once `career-bot run` has installed its logging."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.redaction import CHATTY_LOGGERS, install, safe_url, scrub_url_secrets

TOKEN = "1234567:" + "R" * 35  # shaped like a real token


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
        ("redis://:s3cret@host:6379/0", "redis://:***@host:6379/0"),
        ("rediss://admin:s3cret@host:6380/1", "rediss://admin:***@host:6380/1"),
        ("redis://s3cret@host", "redis://***@host"),  # a password written as a user
        ("redis://:s3c@ret@host/0", "redis://:***@host/0"),  # an unescaped @
        ("redis://:s3c/ret@host/0", "redis://:***@host/0"),  # an unescaped /
        ("redis://host/0?password=s3cret&ssl=1", "redis://host/0?password=***&ssl=1"),
    ],
)
def test_safe_url_hides_the_password(url: str, shown: str) -> None:
    assert safe_url(url) == shown


def test_a_password_with_url_characters_is_still_hidden() -> None:
    assert "pa#ss" not in safe_url("redis://:pa#ss@host:6379/0")
    assert "s?cr@t" not in safe_url("redis://user:s?cr@t@host:6379/0")


def test_an_error_quoting_the_password_is_scrubbed() -> None:
    url = "redis://admin:s3cret-pw@host:6379/0?password=other-pw"
    reason = "AUTH failed for s3cret-pw (also tried other-pw) as admin"
    assert scrub_url_secrets(reason, url) == "AUTH failed for *** (also tried ***) as admin"


def test_short_secrets_are_left_in_so_ordinary_words_survive() -> None:
    assert scrub_url_secrets("default user", "redis://:de@host") == "default user"


@pytest.fixture
def logged() -> Iterator[io.StringIO]:
    """What reaches the log stream after `install`, the way `career-bot run` calls it; the
    logging set-up of the test session is restored afterwards."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level, {n: logging.getLogger(n).level for n in CHATTY_LOGGERS}
    stream = io.StringIO()
    install(TOKEN, stream=stream)
    yield stream
    root.handlers[:], root.level = saved[0], saved[1]
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


def test_the_http_client_loggers_that_print_urls_say_nothing_below_warning(
    logged: io.StringIO,
) -> None:
    url = f"https://api.telegram.org/bot{TOKEN}/getUpdates"
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).info("HTTP Request: POST %s", url)
    assert logged.getvalue() == ""


def test_every_log_record_has_the_token_taken_out(logged: io.StringIO) -> None:
    other = "7654321:" + "S" * 35  # token-shaped, though not the bot's own
    logging.getLogger("httpx").warning("retrying %s", f"/bot{TOKEN}/sendMessage")
    logging.getLogger("bot.anything").info("calling /bot%s/getMe", other)
    try:
        raise RuntimeError(f"boom at /bot{TOKEN}/sendPhoto")
    except RuntimeError:
        logging.getLogger("telegram.ext").exception("while handling an update")
    text = logged.getvalue()
    assert "boom at /bot<token>/sendPhoto" in text, "the traceback is logged, scrubbed"
    assert TOKEN not in text
    assert other not in text
