"""`career-bot ask --model`: the command line reads a question as the running bot does once
its embedding model is loaded, so an operator can see the answer a person would get."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.app import Background
from bot.cli import ask as ask_command
from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.main import main
from bot.matching.hybrid import HybridMatcher
from bot.matching.matcher import FaqMatcher
from bot.matching.semantic import EmbeddingMatcher

# Short, so the words decide whether to answer, but the words and the model rank its
# entries differently (a tester's question).
QUESTION = "can i work remotely as a data scientist"


def ask(argv: list[str], cache: Path, stdin: str = "") -> tuple[ExitStatus, str, str]:
    out, err = io.StringIO(), io.StringIO()
    # The bot keeps its vectors in $CAREER_BOT_CACHE/embeddings: the session's cache folder.
    variables = {"CAREER_BOT_CACHE": str(cache.parent)}
    status = main(["ask", *argv], Environment(io.StringIO(stdin), out, err, variables))
    return status, out.getvalue(), err.getvalue()


def first_suggestion(line: str) -> str:
    suggestions: list[dict[str, str]] = json.loads(line)["suggestions"]
    return suggestions[0]["id"]


def test_with_the_model_a_question_gets_the_bots_reading_not_the_words_alone(
    lexical: FaqMatcher, semantic: EmbeddingMatcher, cache: Path
) -> None:
    assert cache.name == "embeddings"
    bot = HybridMatcher(lexical, semantic).match(QUESTION)
    words = lexical.match(QUESTION)
    assert bot.suggestions[0].id != words.suggestions[0].id  # else this test could not fail

    status, model_out, err = ask(["--model", "--json"], cache, stdin=QUESTION + "\n")
    assert (status, err) == (ExitStatus.OK, "")
    assert first_suggestion(model_out) == bot.suggestions[0].id
    assert json.loads(model_out)["id"] == bot.id

    _, words_out, _ = ask(["--json", QUESTION], cache)
    assert first_suggestion(words_out) == words.suggestions[0].id


def test_without_a_model_ask_model_fails_loudly_instead_of_answering_by_words(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> Background:
        def build() -> EmbeddingMatcher:
            raise OSError("model.onnx is missing")

        models = Background(build)
        models.start()
        return models

    monkeypatch.setattr("bot.app.start_models", broken)
    status, out, err = ask(["--model", QUESTION], cache)
    assert (status, out) == (ExitStatus.UNEXPECTED_ERROR, "")
    assert "model.onnx is missing" in err  # the loader's own log says why
    assert f"{ask_command.ModelUnavailable.__name__}: the embedding model could not" in err
