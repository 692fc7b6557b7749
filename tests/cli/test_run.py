"""`career-bot run` refuses bad settings with exit 2 and never shows the token."""

from __future__ import annotations

import asyncio
import io
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.main import main
from bot.matching.background import Background
from tests.cli.recording import RecordingBackground
from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN, webhook_args
from tests.harness.ports import free_port

GOOD = "1234567:" + "C" * 35
EXITS_WITHIN = 60.0  # seconds: a guard that only elapses when the bot does not stop


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


def test_a_webhook_url_of_another_scheme_is_refused_with_a_webhook_example() -> None:
    """Not the Bot API's address, which a tester read as what to pass."""
    status, err = run(["--webhook-url", "ftp://x/hook"], {"TELEGRAM_BOT_TOKEN": GOOD})
    assert status == ExitStatus.BAD_INPUT
    assert "--webhook-url must be an http(s) URL such as https://example.com/telegram/hook" in err
    assert "api.telegram.org" not in err


def test_a_bad_base_url_is_refused_before_anything_starts() -> None:
    status, err = run(["--base-url", "telegram.org"], {"TELEGRAM_BOT_TOKEN": GOOD})
    assert status == ExitStatus.BAD_INPUT
    assert "--base-url must be an http(s) URL" in err
    assert GOOD not in err


async def _run_process(fake: FakeBotApi, token: str, db: Path, *args: str) -> tuple[int, str]:
    """`python -m bot run` against the fake Bot API until it exits; its status and stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--base-url",
        fake.base_url,
        *args,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": token, "CAREER_BOT_DB": str(db)},
    )
    _, err = await asyncio.wait_for(process.communicate(), EXITS_WITHIN)
    assert process.returncode is not None
    return process.returncode, err.decode()


async def test_a_token_telegram_refuses_is_one_line_without_a_traceback(tmp_path: Path) -> None:
    async with FakeBotApi(TEST_TOKEN) as fake:
        status, err = await _run_process(fake, GOOD, tmp_path / "bot.sqlite3")
    assert status == ExitStatus.BAD_INPUT
    assert err == "error: Telegram refused TELEGRAM_BOT_TOKEN: check it with @BotFather\n"


async def test_a_port_in_use_is_one_line_naming_it(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        async with FakeBotApi(TEST_TOKEN) as fake:
            status, err = await _run_process(
                fake,
                TEST_TOKEN,
                tmp_path / "bot.sqlite3",
                *webhook_args("https://bot.example.com/hook", port),
            )
    assert status == ExitStatus.BAD_INPUT
    assert err == f"error: --listen 127.0.0.1 --port {port}: cannot listen there: " + (
        "Address already in use\n"
    )


def test_an_unreachable_redis_at_start_is_exit_2_naming_it_without_its_password() -> None:
    port = free_port()  # nobody listens there
    store = f"redis://:s3cret-pw@127.0.0.1:{port}/0"
    status, err = run([], {"TELEGRAM_BOT_TOKEN": GOOD, "CAREER_BOT_STORE": store})
    assert status == ExitStatus.BAD_INPUT
    assert f"redis://:***@127.0.0.1:{port}/0" in err
    assert "s3cret-pw" not in err
    assert "Traceback" not in err


async def test_the_bot_api_server_can_be_named_by_telegram_api_base_url(tmp_path: Path) -> None:
    async with FakeBotApi(TEST_TOKEN) as fake:
        process = await asyncio.create_subprocess_exec(
            *[sys.executable, "-m", "bot", "run"],  # no --base-url: the variable names the server
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={
                **os.environ,
                "TELEGRAM_BOT_TOKEN": GOOD,  # refused by the fake, so the bot exits at once
                "TELEGRAM_API_BASE_URL": fake.base_url,
                "CAREER_BOT_DB": str(tmp_path / "bot.sqlite3"),
            },
        )
        _, err = await asyncio.wait_for(process.communicate(), EXITS_WITHIN)
        assert fake.calls, "the bot asked the server the variable names"
    assert "Telegram refused TELEGRAM_BOT_TOKEN" in err.decode()


def test_a_stopped_bot_stops_the_models_loading_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when serving ends in an error: the process must not exit with the loader inside
    onnxruntime (it would abort with status 134 instead of the stop's own status)."""
    import bot.app
    from bot.transports.telegram import launch

    started: list[RecordingBackground] = []

    def recording(*args: Any, **kwargs: Any) -> Background:
        started.append(RecordingBackground())
        return started[-1]

    def no_application(*args: Any, **kwargs: Any) -> None:
        return None

    def serving_fails(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt  # Ctrl-C before serving began

    monkeypatch.setattr(bot.app, "start_models", recording)
    monkeypatch.setattr(launch, "build_application", no_application)
    monkeypatch.setattr(launch, "serve", serving_fails)

    status, _ = run([], {"TELEGRAM_BOT_TOKEN": GOOD, "CAREER_BOT_DB": str(tmp_path / "b.db")})

    assert status != ExitStatus.OK
    assert [models.closed for models in started] == [True]
