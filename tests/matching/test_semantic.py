"""The embedding signal: a packaged model read lazily, phrasing vectors cached on disk by a
checksum of the knowledge base, and an embedding-only matcher that reads meaning where the
lexical matcher only reads words (the cases of issue 14's "Why")."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import yaml

from bot.content.knowledge import Knowledge
from bot.matching.embedder import UseEmbedder, Vectors
from bot.matching.embedding_cache import cached_vectors, checksum
from bot.matching.matcher import FaqMatcher
from bot.matching.semantic import EmbeddingMatcher

REAL = Path(__file__).parents[1] / "data" / "real_questions.yaml"


class CountingEmbedder:
    """The real model, counting how many texts it was asked to encode."""

    def __init__(self, inner: UseEmbedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.encoded = 0

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.encoded += len(texts)
        return self.inner.encode(texts)


# Paraphrases that share no meaningful word with any phrasing of their answer.
PARAPHRASES = [("should I move to another country for work", "faq.working_abroad")]


@pytest.mark.parametrize(("question", "answer_id"), PARAPHRASES)
def test_a_paraphrase_with_no_shared_word_is_understood(
    semantic: EmbeddingMatcher, lexical: FaqMatcher, question: str, answer_id: str
) -> None:
    assert lexical.match(question).id != answer_id  # the words alone do not find it
    assert semantic.match(question).id == answer_id


@pytest.mark.parametrize(
    "question", ["what is the capital of france", "give me a recipe for banana bread"]
)
def test_off_topic_gets_no_confident_answer(semantic: EmbeddingMatcher, question: str) -> None:
    assert semantic.match(question).outcome != "answer"


def test_empty_and_unreadable_text_is_not_encoded(semantic: EmbeddingMatcher) -> None:
    assert semantic.match("  ").reason == "empty"
    assert semantic.match("?!").reason == "unreadable"


def test_phrasing_vectors_are_read_back_from_disk(
    kb: Knowledge, embedder: UseEmbedder, tmp_path: Path
) -> None:
    pairs = [("do i need a phd", "faq.phd_required"), ("what does an mle do", "role.x")]
    first = CountingEmbedder(embedder)
    built = cached_vectors(first, pairs, tmp_path)
    again = CountingEmbedder(embedder)
    read = cached_vectors(again, pairs, tmp_path)
    assert first.encoded == 2
    assert again.encoded == 0
    assert np.array_equal(built, read)


def test_an_edited_knowledge_base_or_another_model_gets_new_vectors() -> None:
    pairs = [("do i need a phd", "faq.phd_required")]
    assert checksum("usem3", pairs) != checksum("usem3", [("do i need a phd?", "faq.phd")])
    assert checksum("usem3", pairs) != checksum("minilm", pairs)


def test_a_truncated_cache_file_is_recomputed(embedder: UseEmbedder, tmp_path: Path) -> None:
    pairs = [("do i need a phd", "faq.phd_required")]
    (tmp_path / f"phrasings-{checksum(embedder.name, pairs)}.npy").write_bytes(b"\x93NUMPY")
    counting = CountingEmbedder(embedder)
    assert cached_vectors(counting, pairs, tmp_path).shape[0] == 1
    assert counting.encoded == 1


def test_the_model_library_is_not_imported_until_a_text_is_encoded() -> None:
    code = (
        "import sys\n"
        "from bot.content.knowledge import load_knowledge\n"
        "from bot.matching.embedder import UseEmbedder\n"
        "from bot.matching.matcher import FaqMatcher\n"
        "FaqMatcher(load_knowledge()); UseEmbedder()\n"
        "print('usem3' in sys.modules)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "False"


def test_thresholds_keep_confident_answers_to_what_nothing_answers_rare_on_train(
    semantic: EmbeddingMatcher,
) -> None:
    """The calibration the thresholds were fitted for, on the train split they were fitted on
    (the test split is only reported, by `python -m benchmarks.real_questions`)."""
    questions = yaml.safe_load(REAL.read_text(encoding="utf-8"))["questions"]
    nothing = [
        q
        for q in questions
        if q["split"] == "train" and not q["ids"] and q["scope"] in {"career", "offtopic"}
    ]
    answered = [q["id"] for q in nothing if semantic.match(q["q"]).id is not None]
    assert len(answered) <= 0.05 * len(nothing), answered


def test_every_answer_has_phrasings_to_compare_with(
    kb: Knowledge, semantic: EmbeddingMatcher
) -> None:
    assert semantic.size >= len(kb.faq)
    assert {f"faq.{slug}" for slug in kb.faq} <= set(semantic.answer_ids)
