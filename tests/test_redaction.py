"""Secrets kept out of messages: passwords in store URLs. (The token's redaction in log
records is tested with the Telegram adapter, in tests/transports.)"""

from __future__ import annotations

import pytest

from bot.redaction import safe_url, scrub_url_secrets


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
