"""The command line's one error boundary: what each kind of failure prints and returns."""

from __future__ import annotations

import io
from pathlib import Path

from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.main import main

TOKEN = "1234567:" + "T" * 35


class FailingStdin(io.StringIO):
    """Standard input whose first read raises `error`."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    def __next__(self) -> str:
        raise self.error


def run(argv: list[str], stdin: io.StringIO | None = None) -> tuple[ExitStatus, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, Environment(stdin or io.StringIO(), out, err, {}))
    return status, out.getvalue(), err.getvalue()


def test_the_exit_statuses_keep_their_numbers() -> None:
    assert {status.name: int(status) for status in ExitStatus} == {
        "OK": 0,
        "UNEXPECTED_ERROR": 1,
        "BAD_INPUT": 2,
        "INTERRUPTED": 130,
        "CLOSED_PIPE": 141,
    }


def test_without_a_command_the_help_is_printed() -> None:
    status, out, _ = run([])
    assert status == ExitStatus.OK
    assert out.startswith("usage: career-bot")
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ")}
    assert listed >= {"kb", "ask", "chat", "run", "recommend"}


def test_invalid_data_lists_every_problem_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "knowledge").mkdir()  # an empty knowledge base: each of its files is missing
    status, out, err = run(["kb", "check", "--dir", str(tmp_path)])
    assert status == ExitStatus.BAD_INPUT
    assert out == ""
    assert "knowledge/roles.yaml:1: file is missing" in err
    assert err.endswith(" problem(s) found\n")


def test_an_unexpected_error_is_logged_with_its_traceback_but_no_token() -> None:
    status, out, err = run(
        ["ask", "--words"], FailingStdin(RuntimeError(f"stdin broke near {TOKEN}"))
    )
    assert status == ExitStatus.UNEXPECTED_ERROR
    assert out == ""
    assert "unexpected error" in err
    assert "Traceback" in err
    assert "RuntimeError: stdin broke near <token>" in err
    assert TOKEN not in err


def test_ctrl_c_exits_130_quietly() -> None:
    status, out, err = run(["ask", "--words"], FailingStdin(KeyboardInterrupt()))
    assert (status, out, err) == (ExitStatus.INTERRUPTED, "", "")
