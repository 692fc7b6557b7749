"""`career-bot run` and `chat` check the SQLite file when they start: a damaged file, one
that is not a database, or one the bot may not write is refused with exit 2 and one line
naming the file and the fix, before the bot says anything to Telegram (no command menu is
published, no person is apologised to)."""

from __future__ import annotations

import asyncio
import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.main import main
from bot.storage.sqlite.store import SqliteStore
from tests.harness.bot_api import FakeBotApi
from tests.harness.bot_process import TEST_TOKEN
from tests.harness.ports import free_port

EXITS_WITHIN = 60.0  # seconds: a guard that only elapses when the bot does not stop
DAMAGED = "not a usable SQLite database"
RESTORE = "restore it from a backup, or move it aside to start with an empty one"
READ_ONLY = "the bot cannot write to it"
GRANT = "give the user running the bot write access to the file and its folder"


async def a_store_with_a_person(path: Path) -> None:
    store = SqliteStore(path)
    await store.save(7, '{"schema": 1}')
    await store.close()


async def damaged(path: Path) -> None:
    """A real store whose pages after the first were overwritten (a bad disk, a torn copy)."""
    await a_store_with_a_person(path)
    data = bytearray(path.read_bytes())
    data[4096:] = b"\x5a" * (len(data) - 4096)
    path.write_bytes(bytes(data))


async def not_a_database(path: Path) -> None:
    path.write_text("notes, not a database\n" * 200)


async def run_bot(fake: FakeBotApi, db: Path) -> tuple[int, str]:
    """`python -m bot run` against the fake Bot API until it exits: its status and stderr."""
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run", "--base-url", fake.base_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": TEST_TOKEN, "CAREER_BOT_DB": str(db)},
    )
    _, err = await asyncio.wait_for(process.communicate(), EXITS_WITHIN)
    assert process.returncode is not None
    return process.returncode, err.decode()


@pytest.mark.parametrize("spoil", [damaged, not_a_database], ids=["damaged", "not a database"])
async def test_run_refuses_a_damaged_file_before_telegram_hears_of_it(
    spoil: Callable[[Path], Any], tmp_path: Path
) -> None:
    db = tmp_path / "bot.sqlite3"
    await spoil(db)
    async with FakeBotApi(TEST_TOKEN) as fake:
        status, err = await run_bot(fake, db)
        assert fake.calls == [], "no command menu, no getMe: nothing was said to Telegram"
    assert status == ExitStatus.BAD_INPUT
    assert err.startswith(f"error: CAREER_BOT_DB {db}: {DAMAGED} (")
    assert err.endswith(f"{RESTORE}\n")
    assert err.count("\n") == 1, "one line"


def command(argv: list[str], db: Path) -> tuple[ExitStatus, str]:
    """A command in process, its store in `db` and Telegram nowhere (a port nobody
    listens on): the store is checked before any of it is needed."""
    stderr = io.StringIO()
    variables = {
        "TELEGRAM_BOT_TOKEN": TEST_TOKEN,
        "CAREER_BOT_DB": str(db),
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{free_port()}/bot",
    }
    env = Environment(
        stdin=io.StringIO(""), stdout=io.StringIO(), stderr=stderr, variables=variables
    )
    return main(argv, env), stderr.getvalue()


@pytest.fixture
def opened_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every SQLite file opens read-only, as a file without write permission does for
    anyone but root (the tests may run as root, for whom permissions do not count)."""
    real_connect = sqlite3.connect

    def read_only(path: str | Path, **options: Any) -> sqlite3.Connection:
        return real_connect(f"file:{path}?mode=ro", uri=True, **options)

    monkeypatch.setattr(sqlite3, "connect", read_only)


@pytest.mark.parametrize("argv", [["run"], ["chat"]], ids=["run", "chat"])
async def test_a_file_the_bot_may_not_write_is_refused_at_start(
    argv: list[str], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = tmp_path / "bot.sqlite3"
    await a_store_with_a_person(db)
    request.getfixturevalue("opened_read_only")
    status, err = await asyncio.to_thread(command, argv, db)
    assert status == ExitStatus.BAD_INPUT
    assert err == (
        f"error: CAREER_BOT_DB {db}: {READ_ONLY} (attempt to write a readonly database); {GRANT}\n"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a file whatever its permissions")
async def test_a_file_without_write_permission_is_refused_at_start(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    await a_store_with_a_person(db)
    db.chmod(0o444)
    status, err = await asyncio.to_thread(command, ["chat"], db)
    assert status == ExitStatus.BAD_INPUT
    assert f"{READ_ONLY} (" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("spoil", [damaged, not_a_database], ids=["damaged", "not a database"])
async def test_chat_refuses_a_damaged_file(spoil: Callable[[Path], Any], tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    await spoil(db)
    status, err = await asyncio.to_thread(command, ["chat"], db)
    assert status == ExitStatus.BAD_INPUT
    assert err.startswith(f"error: CAREER_BOT_DB {db}: {DAMAGED} (")
    assert err.endswith(f"{RESTORE}\n")
