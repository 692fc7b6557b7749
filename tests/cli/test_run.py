"""`career-bot run` refuses bad settings with exit 2 and never shows the token."""

from __future__ import annotations

import io

import pytest

from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.main import main

GOOD = "1234567:" + "C" * 35


def run(argv: list[str], variables: dict[str, str]) -> tuple[ExitStatus, str]:
    """`career-bot run ...` with only these environment variables; the exit status and stderr."""
    stderr = io.StringIO()
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=stderr, variables=variables)
    return main(["run", *argv], env), stderr.getvalue()


@pytest.mark.parametrize(
    ("variables", "says"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "12345:short"}, "TELEGRAM_BOT_TOKEN is malformed"),
        ({"TELEGRAM_BOT_TOKEN": "not a token at all 1234567:" + "D" * 35}, "malformed"),
        ({"TELEGRAM_BOT_TOKEN": GOOD, "CAREER_BOT_ADMINS": "12,abc"}, "CAREER_BOT_ADMINS"),
        ({"TELEGRAM_BOT_TOKEN": GOOD, "TELEGRAM_WEBHOOK_SECRET": "has spaces"}, "SECRET"),
        ({"TELEGRAM_BOT_TOKEN": GOOD, "TELEGRAM_API_BASE_URL": "ftp://x"}, "http(s) URL"),
    ],
)
def test_bad_settings_exit_2_with_a_clear_message(variables: dict[str, str], says: str) -> None:
    status, err = run([], variables)
    assert status == ExitStatus.BAD_INPUT == 2
    assert says in err
    assert "Traceback" not in err
    assert "D" * 35 not in err, "the token is never echoed"


def test_a_webhook_url_needs_a_path() -> None:
    status, err = run(["--webhook-url", "https://example.com"], {"TELEGRAM_BOT_TOKEN": GOOD})
    assert status == ExitStatus.BAD_INPUT
    assert "needs a path" in err


def test_a_bad_base_url_is_refused_before_anything_starts() -> None:
    status, err = run(["--base-url", "telegram.org"], {"TELEGRAM_BOT_TOKEN": GOOD})
    assert status == ExitStatus.BAD_INPUT
    assert "--base-url must be an http(s) URL" in err
    assert GOOD not in err
