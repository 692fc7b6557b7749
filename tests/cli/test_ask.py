"""`career-bot ask`: one question from the arguments, or one per line of standard input."""

from __future__ import annotations

import io
import json

import pytest

from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.main import main
from bot.content.knowledge import Knowledge
from bot.matching.matcher import FaqMatcher

QUESTION = "what does a data analyst do"


@pytest.fixture(scope="module")
def matcher(kb: Knowledge) -> FaqMatcher:
    return FaqMatcher(kb)


def ask(argv: list[str], stdin: str = "") -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(["ask", *argv], Environment(io.StringIO(stdin), out, err, {})) == ExitStatus.OK
    assert err.getvalue() == ""
    return out.getvalue()


def test_a_question_gets_its_answer_and_a_blank_line(matcher: FaqMatcher) -> None:
    match = matcher.match(QUESTION)
    assert match.outcome == "answer"
    assert match.id is not None
    assert ask([QUESTION]) == matcher.book.text(match.id) + "\n\n"


def test_every_line_of_stdin_is_a_question_answered_in_order(matcher: FaqMatcher) -> None:
    lines = ask(["--json"], stdin=f"{QUESTION}\r\n\nwho are you\n").splitlines()
    answers = [json.loads(line) for line in lines]
    assert [answer["query"] for answer in answers] == [QUESTION, "", "who are you"]
    assert answers[0]["id"] == matcher.match(QUESTION).id
    assert answers[1]["answer"] == matcher.kb.text("empty_input")
    assert set(answers[0]) == {"query", "id", "score", "answer", "suggestions"}


def test_a_question_from_the_arguments_ignores_stdin() -> None:
    [line] = ask([QUESTION, "--json"], stdin="who are you\n").splitlines()
    assert json.loads(line)["query"] == QUESTION
