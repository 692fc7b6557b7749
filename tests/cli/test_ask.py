"""`career-bot ask`: one question from the arguments, or one per line of standard input.

Here by the words alone (`--words`, or the embedding model switched off as an operator may);
tests/matching/test_ask_as_the_bot.py has the command with its model loaded."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli.ask import _match_json
from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.main import main
from bot.content.knowledge import Knowledge
from bot.matching.matcher import FaqMatcher
from tests.cli.recording import RecordingBackground
from tests.cli.test_main import FailingStdin
from tests.matching.test_hybrid import STORIES

QUESTION = "what does a data analyst do"
LONG = STORIES[1][0]


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


def off(cache: Path) -> dict[str, str]:
    """The embedding model switched off, and a cache folder of the test's own: were the switch
    ignored, the model would load and write its vectors there, not in the home folder."""
    return {"CAREER_BOT_EMBEDDINGS": "off", "CAREER_BOT_CACHE": str(cache)}


def test_with_the_embedding_model_off_the_words_answer_and_other_languages_get_their_note(
    matcher: FaqMatcher, tmp_path: Path
) -> None:
    spanish = "¿cuánto gana un científico de datos en España?"
    # A story the hybrid answers elsewhere than the words (tests/matching/test_hybrid.py).
    status, out, err = run(["--json"], off(tmp_path), stdin=f"{LONG}\n{spanish}\n")

    assert (status, err) == (ExitStatus.OK, "")
    english, other = (json.loads(line) for line in out.splitlines())
    assert english == {**_match_json(matcher, matcher.match(LONG)), "language": None}
    assert (other["language"], other["answer"]) == ("es", matcher.kb.english_only("es"))
    assert list(tmp_path.iterdir()) == [], "no model was loaded, nothing cached"


def test_a_bad_embeddings_switch_is_refused_in_one_line(tmp_path: Path) -> None:
    variables = {"CAREER_BOT_EMBEDDINGS": "maybe", "CAREER_BOT_CACHE": str(tmp_path)}
    status, out, err = run([QUESTION], variables)

    assert (status, out) == (ExitStatus.BAD_INPUT, "")
    assert err == "error: CAREER_BOT_EMBEDDINGS must be on or off: 'maybe'\n"


@pytest.fixture
def models(monkeypatch: pytest.MonkeyPatch) -> RecordingBackground:
    recording = RecordingBackground()
    monkeypatch.setattr("bot.app.start_models", lambda *_, **__: recording)
    return recording


def test_the_models_are_closed_after_the_last_question(
    models: RecordingBackground, tmp_path: Path
) -> None:
    status, _, _ = run([QUESTION], off(tmp_path))

    assert status == ExitStatus.OK
    assert models.closed


def test_the_models_are_closed_when_stdin_fails_after_they_loaded(
    models: RecordingBackground, tmp_path: Path
) -> None:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(FailingStdin(RuntimeError("stdin broke")), out, err, off(tmp_path))

    assert main(["ask"], env) == ExitStatus.UNEXPECTED_ERROR
    assert "RuntimeError: stdin broke" in err.getvalue()
    assert models.closed
