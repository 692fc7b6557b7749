"""`career-bot chat`: a conversation piped through the command, kept in its SQLite file."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

import pytest

from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.main import main
from bot.matching.background import Background
from tests.cli.recording import RecordingBackground

# These chats are about the command, not the model: the words alone answer (a piped chat
# waits for its models; tests/matching/test_piped_chat.py has one with the model).
WORDS_ONLY = {"CAREER_BOT_EMBEDDINGS": "off"}


def chat(db: Path, stdin: str) -> str:
    """`career-bot chat --db DB` in this process, with piped input; what it printed."""
    out, err = io.StringIO(), io.StringIO()
    env = Environment(io.StringIO(stdin), out, err, variables=WORDS_ONLY)
    assert main(["chat", "--db", str(db)], env) == ExitStatus.OK
    assert err.getvalue() == ""
    return out.getvalue()


def test_a_piped_conversation_is_printed_without_prompts(tmp_path: Path) -> None:
    output = chat(tmp_path / "bot.sqlite3", "/quiz\n5\n")
    assert "[1] Take the quiz" in output
    assert "Question 2 of 16" in output
    assert "> " not in output


def test_the_conversation_is_kept_in_the_database(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    chat(db, "/quiz\n5\n4\n")
    output = chat(db, "")
    assert "Welcome back" in output
    assert "Question 3 of 16" in output


def test_the_database_comes_from_the_variables_without_db(tmp_path: Path) -> None:
    db = tmp_path / "from-env.sqlite3"
    env = Environment(
        io.StringIO("/quiz\n"),
        io.StringIO(),
        io.StringIO(),
        {"CAREER_BOT_DB": str(db), **WORDS_ONLY},
    )
    assert main(["chat"], env) == ExitStatus.OK
    assert db.exists()


def run_chat(db: Path, stdin: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--db", str(db)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, **WORDS_ONLY},
    )
    return done.stdout


def test_the_chat_ends_with_exit_0_at_the_end_of_input(tmp_path: Path) -> None:
    assert "Take the quiz" in run_chat(tmp_path / "bot.sqlite3", "")


def test_a_chat_killed_mid_quiz_resumes_at_the_same_question(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--db", str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **WORDS_ONLY},
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("/quiz\n5\n4\n")
    process.stdin.flush()
    wait_for_line(process.stdout, "Question 3 of 16")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    output = run_chat(db, "")
    assert "Welcome back" in output
    assert "Question 3 of 16" in output


def wait_for_line(stream: IO[str], text: str, timeout: float = 30) -> None:
    """Read lines until one holds `text` (blocking reads; the deadline stops a silent child)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()
        if text in line:
            return
        if not line:
            break
    raise AssertionError(f"{text!r} never appeared")


def test_a_chart_is_kept_in_the_db_folder_per_person_readable_by_its_owner_only(
    tmp_path: Path,
) -> None:
    to_the_result = "/quiz\n5\n5\n5\n1\n2\n3\n1\n1\n"  # interests, then "Show my result"
    out = io.StringIO()
    env = Environment(io.StringIO(to_the_result), out, io.StringIO(), variables=WORDS_ONLY)
    db = tmp_path / "bot.sqlite3"
    assert main(["chat", "--db", str(db), "--user", "42"], env) == ExitStatus.OK
    [chart] = (tmp_path / "charts" / "42").iterdir()
    assert f"[image: {chart}]" in out.getvalue()
    assert chart.stat().st_mode & 0o777 == 0o600, "no one else may read a person's chart"


def test_without_matplotlib_the_result_comes_without_its_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chart is the optional `chart` extra: a plain `pip install` still ends the quiz,
    and one warning line says how to get the chart."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now fails
    to_the_result = "/quiz\n5\n5\n5\n1\n2\n3\n1\n1\n/result\n"
    out, err = io.StringIO(), io.StringIO()
    env = Environment(io.StringIO(to_the_result), out, err, variables=WORDS_ONLY)

    assert main(["chat", "--db", str(tmp_path / "bot.sqlite3")], env) == ExitStatus.OK

    assert out.getvalue().count("Best match:") == 2, "the quiz's result, then /result's"
    assert "[image:" not in out.getvalue()
    assert not (tmp_path / "charts").exists()
    [warning] = err.getvalue().splitlines()
    assert warning.endswith(
        "no result charts: matplotlib is not installed (pip install 'career-bot[chart]')"
    )


def test_leaving_the_chat_stops_the_models_loading_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process must not exit with the loader inside onnxruntime (it would abort with
    status 134): the chat closes the background models on its way out."""
    import bot.app

    started: list[RecordingBackground] = []

    def recording(*args: Any, **kwargs: Any) -> Background:
        started.append(RecordingBackground())
        return started[-1]

    monkeypatch.setattr(bot.app, "start_models", recording)

    chat(tmp_path / "bot.sqlite3", "hello\n")

    assert [models.closed for models in started] == [True]


class WatchedModels(RecordingBackground):
    """Models that remember what the chat had printed each time it waited for them."""

    def __init__(self, out: io.StringIO) -> None:
        super().__init__()
        self.out = out
        self.printed_when_waited: list[str] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.printed_when_waited.append(self.out.getvalue())
        return super().wait(timeout)


def test_a_piped_chat_waits_for_its_models_after_the_greeting_before_its_first_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Else piped lines, which arrive at once, would be answered by the words alone or by
    the model depending on how fast the model loaded."""
    import bot.app

    out = io.StringIO()
    models = WatchedModels(out)
    monkeypatch.setattr(bot.app, "start_models", lambda *_, **__: models)
    env = Environment(io.StringIO("what is mlops\n"), out, io.StringIO(), WORDS_ONLY)

    assert main(["chat", "--db", str(tmp_path / "bot.sqlite3")], env) == ExitStatus.OK

    [printed] = models.printed_when_waited
    assert "Take the quiz" in printed  # the greeting needs no model: it is not kept waiting
    assert "MLOps" not in printed
    assert "MLOps" in out.getvalue()
