"""What the embedding reads (issue 14): a question in the words the analyzer understood, so
the model meets "data analyst" where a person typed "da"; nothing else of the text changes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.content.knowledge import Knowledge
from bot.matching.embedder import Vectors
from bot.matching.embedding_cache import checksum
from bot.matching.semantic import EmbeddingMatcher
from bot.matching.wording import Wording
from tests.matching.fakes import WordHashEmbedder


class _Recording(WordHashEmbedder):
    """Remembers every text it was asked to encode."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        return super().encode(texts)


@pytest.fixture(scope="module")
def wording(kb: Knowledge) -> Wording:
    return Wording(kb)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("da job description pls", "data analyst job description please"),
        ("ml skill what topics", "machine learning skill what topics"),
        ("where does ml ops fit in all this", "where does mlops fit in all this"),
        ("How good must a DLE be at maths?", "how good must a deep learning engineer be at math"),
        ("a machine lerning enginer on k8s", "a machine learning engineer on kubernetes"),
    ],
)
def test_abbreviations_names_and_their_typos_are_spelt_out(
    wording: Wording, typed: str, read: str
) -> None:
    assert wording(typed) == read


def test_words_outside_names_are_read_as_typed(wording: Wording) -> None:
    # The analyzer would correct "fact" towards a word of the knowledge base, and swap "move"
    # for "switch": right for matching words, a loss of meaning for the model.
    assert wording("in fact i want to move into DS") == "in fact i want to move into data scientist"


def test_skills_keep_the_narrower_word_typed(wording: Wording) -> None:
    assert wording("how much statistics and linear algebra") == (
        "how much statistics and linear algebra"
    )


def test_a_long_message_is_read_whole(wording: Wording) -> None:
    message = " ".join(["word"] * 300) + " final ds"
    assert wording(message).endswith("final data scientist")


def test_another_language_is_read_as_typed(kb: Knowledge, tmp_path: Path) -> None:
    # The bot reads another language with the embedding matcher alone (free_text.py), which
    # must never see an English spelling-out of the words.
    embedder = _Recording()
    matcher = EmbeddingMatcher(kb, embedder, tmp_path)
    embedder.seen.clear()  # the phrasings, encoded while building
    matcher.match("¿Qué hace un DA?")
    assert embedder.seen == ["¿Qué hace un DA?"]


def test_the_cache_key_names_the_text_preparation() -> None:
    pairs = [("what does a data analyst do", "role.data_analyst")]
    assert checksum("model", pairs, "spelt-1") != checksum("model", pairs, "spelt-2")
