"""`career-bot run` refuses bad settings with exit 2 and never shows the token."""

from __future__ import annotations

import pytest

from bot.cli.main import main
from bot.settings import Secret, Settings

GOOD = "1234567:" + "C" * 35


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "12345:short"}, "TELEGRAM_BOT_TOKEN is malformed"),
        ({"TELEGRAM_BOT_TOKEN": "not a token at all 1234567:" + "D" * 35}, "malformed"),
        ({"TELEGRAM_BOT_TOKEN": GOOD, "CAREER_BOT_ADMINS": "12,abc"}, "CAREER_BOT_ADMINS"),
        ({"TELEGRAM_BOT_TOKEN": GOOD, "TELEGRAM_WEBHOOK_SECRET": "has spaces"}, "SECRET"),
        ({"TELEGRAM_BOT_TOKEN": GOOD, "TELEGRAM_API_BASE_URL": "ftp://x"}, "http(s) URL"),
    ],
)
def test_bad_settings_exit_2_with_a_clear_message(
    env: dict[str, str],
    says: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "CAREER_BOT_ADMINS",
        "TELEGRAM_WEBHOOK_SECRET",
        "TELEGRAM_API_BASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert says in err
    assert "Traceback" not in err
    assert "D" * 35 not in err, "the token is never echoed"


def test_a_webhook_url_needs_a_path(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", GOOD)
    assert main(["run", "--webhook-url", "https://example.com"]) == 2
    assert "needs a path" in capsys.readouterr().err


def test_the_token_never_shows_in_settings() -> None:
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": GOOD})
    assert GOOD not in repr(settings)
    assert GOOD not in str(settings.token)
    assert isinstance(settings.token, Secret)
    assert settings.require_token() == GOOD


def test_admins_are_read_as_user_ids() -> None:
    assert Settings.from_env({"CAREER_BOT_ADMINS": " 12, 34 ,"}).admins == {12, 34}
