"""Edges only a real process shows: a reader that goes away, bytes that are not UTF-8 on
stdin, Ctrl-C while the command is still loading. Each runs `python -m bot ...`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.exit_status import ExitStatus

FINISHES_WITHIN = 60.0  # seconds: a guard that only elapses when the command hangs


def _environment(**extra: str) -> dict[str, str]:
    # No embedding model: these are about processes and pipes (a piped chat waits for its
    # models, which would load, and cache in the home folder, in every test).
    return {**os.environ, "PYTHONUNBUFFERED": "0", "CAREER_BOT_EMBEDDINGS": "off", **extra}


def run_with_closed_stdout(argv: list[str], stdin: bytes, cwd: Path) -> tuple[int, str]:
    """Run `python -m bot argv` whose stdout is a pipe nobody reads any more, the way
    `| head` leaves it: the read end is closed before the command writes a byte."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        process = subprocess.run(
            [sys.executable, "-m", "bot", *argv],
            input=stdin,
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=_environment(),
            timeout=FINISHES_WITHIN,
            check=False,
        )
    finally:
        os.close(write_end)
    return process.returncode, process.stderr.decode()


PIPED = {
    "kb export --json | head -c 10": (["kb", "export", "--json"], b""),
    "ask --words QUESTION | head": (["ask", "--words", "what does a data scientist do"], b""),
    "ask --words --json < questions | head": (
        ["ask", "--words", "--json"],
        b"salary?\ndo i need a phd\n",
    ),
    "recommend | head": (["recommend"], b'{"tasks": {"modeling": 4}}'),
    "chat | head": (["chat", "--db", "bot.sqlite3"], b"/quiz\n4\n"),
}


@pytest.mark.parametrize(("argv", "stdin"), PIPED.values(), ids=list(PIPED))
def test_a_closed_pipe_ends_the_command_quietly(
    argv: list[str], stdin: bytes, tmp_path: Path
) -> None:
    status, err = run_with_closed_stdout(argv, stdin, tmp_path)
    assert status == ExitStatus.CLOSED_PIPE
    assert err == "", "no traceback, no message: the reader chose to stop reading"


NOT_UTF8 = b"what is a data scientist\nsalary \xff\xfe?\n"


@pytest.mark.parametrize("argv", [["ask", "--words"], ["chat", "--db", "bot.sqlite3"]], ids=str)
@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
def test_bytes_that_are_not_utf8_on_stdin_are_refused_in_one_line(
    argv: list[str], locale: str, tmp_path: Path
) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "bot", *argv],
        input=NOT_UTF8,
        capture_output=True,
        cwd=tmp_path,
        env=_environment(LC_ALL=locale),
        timeout=FINISHES_WITHIN,
        check=False,
    )
    err = process.stderr.decode()
    assert process.returncode == ExitStatus.BAD_INPUT
    assert err == "error: stdin: not valid UTF-8 (byte 0xff); send UTF-8 text\n"


# Ctrl-C pressed while a module loads: the process sends itself a real SIGINT at the moment
# the import of `module` starts, then runs `python -m bot kb check` as the shell would.
# SIGINT is first given Python's usual handler: a shell without job control starts a command
# sent to the background (`make test &`) with SIGINT ignored, and an ignored signal stays
# ignored across exec, so the Ctrl-C would be discarded.
CTRL_C_DURING_IMPORT = """
import os, runpy, signal, sys

signal.signal(signal.SIGINT, signal.default_int_handler)
MODULE = sys.argv[1]

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == MODULE:
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, CtrlC())
sys.argv = ["career-bot", "kb", "check"]
runpy.run_module("bot", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("module", ["bot.cli.main", "pydantic_core", "rapidfuzz", "yaml"])
def test_ctrl_c_while_the_command_loads_exits_130_quietly(module: str) -> None:
    process = subprocess.run(
        [sys.executable, "-c", CTRL_C_DURING_IMPORT, module],
        capture_output=True,
        env=_environment(),
        timeout=FINISHES_WITHIN,
        check=False,
    )
    assert (process.returncode, process.stderr.decode()) == (ExitStatus.INTERRUPTED, "")
    assert process.stdout == b""
