"""Runs of one log line are collapsed: the first line, then how often it came again."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.redaction import install

TOKEN = "1234567:" + "C" * 35


@pytest.fixture
def lines() -> Iterator[io.StringIO]:
    """The log as `career-bot run` installs it, written to a string; restored afterwards."""
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    stream = io.StringIO()
    install(TOKEN, stream=stream)
    yield stream
    root.handlers[:], root.level = saved, level


def written(stream: io.StringIO) -> list[str]:
    return [line.split(": ", 1)[1] for line in stream.getvalue().splitlines()]


def test_a_run_of_one_line_is_written_once_and_counted(lines: io.StringIO) -> None:
    log = logging.getLogger("test.repeats")
    for _ in range(5):
        log.warning("accept failed: Too many open files")
    log.warning("something else")
    assert written(lines) == [
        "accept failed: Too many open files",
        "... the previous line repeated 4 times in all: accept failed: Too many open files",
        "something else",
    ]


def test_a_run_that_goes_on_is_reported_at_powers_of_ten(lines: io.StringIO) -> None:
    log = logging.getLogger("test.repeats")
    for _ in range(1 + 1234):
        log.warning("refused a connection")
    log.info("done")
    assert written(lines) == [
        "refused a connection",
        "... the previous line repeated 10 times so far: refused a connection",
        "... the previous line repeated 100 times so far: refused a connection",
        "... the previous line repeated 1000 times so far: refused a connection",
        "... the previous line repeated 1234 times in all: refused a connection",
        "done",
    ]


def test_a_run_ending_on_a_milestone_is_not_reported_twice(lines: io.StringIO) -> None:
    log = logging.getLogger("test.repeats")
    for _ in range(11):
        log.warning("same")
    log.warning("other")
    assert written(lines) == [
        "same",
        "... the previous line repeated 10 times so far: same",
        "other",
    ]


def test_lines_differing_in_logger_level_or_text_are_all_written(lines: io.StringIO) -> None:
    logging.getLogger("a").warning("x")
    logging.getLogger("b").warning("x")
    logging.getLogger("b").error("x")
    logging.getLogger("b").error("y")
    assert written(lines) == ["x", "x", "x", "y"]


def test_repeats_are_redacted_like_every_line(lines: io.StringIO) -> None:
    log = logging.getLogger("test.repeats")
    for _ in range(3):
        log.warning("calling /bot%s/getMe", TOKEN)
    log.warning("next")
    assert TOKEN not in lines.getvalue()
    assert "repeated 2 times in all: calling /bot<token>/getMe" in lines.getvalue()
