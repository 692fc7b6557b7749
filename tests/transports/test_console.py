"""The terminal chat: buttons as numbered lines, numbers press them, piped input works, and a
chat killed mid-quiz resumes at the same question."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.app import build_engine, load_data
from bot.cli.main import main
from bot.storage.factory import memory_storage
from bot.transports.console import ConsoleChat

DATA = load_data()


async def chat(lines: list[str], tmp_path: Path, *, charts: bool = False) -> str:
    out = io.StringIO()
    engine = build_engine(memory_storage(), DATA, charts=charts)
    console = ConsoleChat(
        engine,
        1,
        io.StringIO("".join(f"{ln}\n" for ln in lines)),
        out,
        tmp_path / "charts",
        interactive=False,
    )
    assert await console.run() == 0
    return out.getvalue()


async def test_buttons_are_numbered_lines_and_a_number_presses_one(tmp_path: Path) -> None:
    output = await chat(["1"], tmp_path)  # [1] is "Take the quiz" on the greeting
    assert "[1] Take the quiz\n[2] Browse roles\n" in output
    assert "Question 1 of 15" in output
    assert "[5] Love it" in output


async def test_piped_input_gets_no_prompt_and_no_control_codes(tmp_path: Path) -> None:
    output = await chat(["/help", "what does a data analyst do"], tmp_path)
    assert "> " not in output
    assert "\x1b" not in output
    assert "Data analyst" in output


async def test_a_number_that_is_no_button_is_typed_text(tmp_path: Path) -> None:
    output = await chat(["/quiz", "99"], tmp_path)
    assert output.count("Question 1 of 15") == 2  # "99" was not an answer: asked again


async def test_images_are_saved_and_their_path_printed(tmp_path: Path) -> None:
    taps = ["/quiz", "5", "5", "5", "1", "2", "3", "1", "1"]  # interests, then "Show my result"
    output = await chat(taps, tmp_path, charts=True)
    saved = list((tmp_path / "charts").glob("*.png"))
    assert len(saved) == 1
    assert f"[image: {saved[0]}]" in output
    assert saved[0].read_bytes().startswith(b"\x89PNG")


def test_kb_misses_lists_what_the_chat_could_not_answer(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "bot.sqlite3"
    run_chat(db, "tell me a joke\ntell me a joke\nsalary?\n")
    assert main(["kb", "misses", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["2", "tell", "me", "a", "joke"]
    assert lines[1].split() == ["1", "salary?"]


def run_chat(db: Path, stdin: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--db", str(db)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
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
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("/quiz\n5\n4\n")
    process.stdin.flush()
    wait_for_line(process.stdout, "Question 3 of 15")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    output = run_chat(db, "")
    assert "Welcome back" in output
    assert "Question 3 of 15" in output


def wait_for_line(stream: io.TextIOBase | object, text: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()  # type: ignore[attr-defined]
        if text in line:
            return
        if not line:
            break
    raise AssertionError(f"{text!r} never appeared")
