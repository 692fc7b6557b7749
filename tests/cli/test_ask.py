"""`career-bot ask`: one question from the arguments, or one per line of standard input.

Here by the words alone (`--words`, or the embedding model switched off as an operator may);
tests/matching/test_ask_as_the_bot.py has the command with its model loaded."""

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


def run(argv: list[str], variables: dict[str, str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["ask", *argv], Environment(io.StringIO(stdin), out, err, variables))
    return status, out.getvalue(), err.getvalue()


def ask(argv: list[str], stdin: str = "") -> str:
    """`ask --words` (no model: nothing loaded, nothing cached)."""
    status, out, err = run(["--words", *argv], {}, stdin)
    assert (status, err) == (ExitStatus.OK, "")
    return out


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


OFF = {"CAREER_BOT_EMBEDDINGS": "off"}


def test_with_the_embedding_model_off_the_words_answer_and_other_languages_get_their_note(
    matcher: FaqMatcher,
) -> None:
    spanish = "¿cuánto gana un científico de datos en España?"
    status, out, err = run(["--json"], OFF, stdin=f"{QUESTION}\n{spanish}\n")

    assert (status, err) == (ExitStatus.OK, "")
    english, other = (json.loads(line) for line in out.splitlines())
    assert english["id"] == matcher.match(QUESTION).id
    assert english["language"] is None
    assert (other["language"], other["answer"]) == ("es", matcher.kb.text("english_only_es"))


def test_a_bad_embeddings_switch_is_refused_in_one_line() -> None:
    status, out, err = run([QUESTION], {"CAREER_BOT_EMBEDDINGS": "maybe"})

    assert (status, out) == (ExitStatus.BAD_INPUT, "")
    assert err == "error: CAREER_BOT_EMBEDDINGS must be on or off: 'maybe'\n"
