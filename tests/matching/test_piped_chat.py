"""A conversation piped through `career-bot chat` is answered as a person typing gets it: with
the models loaded, although the lines arrive before the models have had time to load."""

from __future__ import annotations

import io
from pathlib import Path

from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.main import main
from bot.matching.hybrid import HybridMatcher
from bot.matching.matcher import FaqMatcher
from bot.matching.semantic import EmbeddingMatcher
from tests.matching.test_hybrid import STORIES

# A story the words alone answer elsewhere than the hybrid (tests/matching/test_hybrid.py).
LONG = STORIES[1][0]


def test_a_piped_question_gets_the_hybrids_answer_not_the_words_alone(
    lexical: FaqMatcher, semantic: EmbeddingMatcher, cache: Path, tmp_path: Path
) -> None:
    by_bot = HybridMatcher(lexical, semantic).match(LONG).id
    by_words = lexical.match(LONG).id
    assert by_bot is not None
    assert by_words is not None
    assert by_bot != by_words  # else this test could not tell the two apart
    out = io.StringIO()
    # The bot keeps its vectors in $CAREER_BOT_CACHE/embeddings: the session's cache folder.
    variables = {"CAREER_BOT_CACHE": str(cache.parent)}
    env = Environment(io.StringIO(LONG + "\n"), out, io.StringIO(), variables)

    assert main(["chat", "--db", str(tmp_path / "bot.sqlite3")], env) == ExitStatus.OK

    assert lexical.book.text(by_bot).splitlines()[0] in out.getvalue()
    assert lexical.book.text(by_words).splitlines()[0] not in out.getvalue()
