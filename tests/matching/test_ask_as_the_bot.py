"""`career-bot ask`: the command line reads a question as the running bot does once its models
are loaded, so an operator sees the reply a person in the chat would get; `--words` reads by
the words alone (tests/cli/test_ask.py has the rest of the command)."""

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
from bot.matching.background import Background
from bot.matching.hybrid import HybridMatcher
from bot.matching.matcher import FaqMatcher
from bot.matching.semantic import EmbeddingMatcher
from tests.matching.test_hybrid import STORIES

# A story whose context words (a data analyst's tools) take the words alone elsewhere than
# the hybrid, which answers the question it ends with (tests/matching/test_hybrid.py).
LONG = STORIES[1][0]
SPANISH = "¿cuánto gana un científico de datos en España?"


def ask(argv: list[str], cache: Path, stdin: str = "") -> tuple[ExitStatus, str, str]:
    out, err = io.StringIO(), io.StringIO()
    # The bot keeps its vectors in $CAREER_BOT_CACHE/embeddings: the session's cache folder.
    # A setting the command does not use, even a bad one, does not stop it.
    variables = {"CAREER_BOT_CACHE": str(cache.parent), "TELEGRAM_BOT_TOKEN": "not a token"}
    status = main(["ask", *argv], Environment(io.StringIO(stdin), out, err, variables))
    return status, out.getvalue(), err.getvalue()


def test_a_message_gets_the_hybrids_reply_and_with_words_the_words_alone(
    lexical: FaqMatcher, semantic: EmbeddingMatcher, cache: Path
) -> None:
    by_bot = HybridMatcher(lexical, semantic).match(LONG)
    by_words = lexical.match(LONG)
    assert by_bot.id != by_words.id  # else this test could not tell the two apart

    status, out, err = ask(["--json", LONG], cache)

    assert (status, err) == (ExitStatus.OK, "")
    assert json.loads(out) == {**_match_json(lexical, by_bot), "language": None}
    _, words_out, _ = ask(["--words", "--json", LONG], cache)
    assert json.loads(words_out) == _match_json(lexical, by_words)


def test_another_language_gets_the_bots_note_in_it(
    kb: Knowledge, semantic: EmbeddingMatcher, cache: Path
) -> None:
    status, out, _ = ask(["--json"], cache, stdin=SPANISH + "\n")

    assert status == ExitStatus.OK
    assert json.loads(out) == {
        "query": SPANISH,
        "id": None,
        "score": 0.0,
        "answer": kb.english_only("es"),
        "suggestions": [],
        "language": "es",
    }
    _, plain, _ = ask([SPANISH], cache)
    assert plain == kb.english_only("es") + "\n\n"


def broken_models(*_: object, **__: object) -> Background:
    def build() -> EmbeddingMatcher:
        raise OSError("model.onnx is missing")

    models = Background(build)
    models.start()
    return models


def test_without_its_model_ask_stops_instead_of_answering_by_words(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.app.start_models", broken_models)

    status, out, err = ask([LONG], cache)

    assert (status, out) == (ExitStatus.UNEXPECTED_ERROR, "")
    assert "model.onnx is missing" in err  # the loader's log says why
    assert err.endswith(
        "error: the embedding model could not be loaded (the log above says why);"
        " `career-bot ask --words` answers by the words alone\n"
    )


class PressedWhileLoading(Background):
    """Models whose loading is cut short by Ctrl-C; records being closed."""

    def __init__(self) -> None:
        super().__init__(None)
        self.closed = False

    def wait(self, timeout: float | None = None) -> bool:  # noqa: ARG002 (its signature)
        raise KeyboardInterrupt

    def close(self, timeout: float = 0) -> bool:  # noqa: ARG002 (its signature)
        self.closed = True
        return True


def test_ctrl_c_while_the_model_loads_exits_130_and_stops_the_loader(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = PressedWhileLoading()
    monkeypatch.setattr("bot.app.start_models", lambda *_, **__: models)

    status, out, err = ask([LONG], cache)

    assert (status, out, err) == (ExitStatus.INTERRUPTED, "", "")
    assert models.closed
