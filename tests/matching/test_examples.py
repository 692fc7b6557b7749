"""The real questions the answer head learns from (bot/matching/examples.py): shipped as
vectors of the train split only, current with the set and the model, and harmless when the
knowledge base has moved on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks.examples import labelled, source_checksum
from benchmarks.real_questions import load_set
from bot.content.knowledge import Knowledge
from bot.matching import examples
from bot.matching.answers import AnswerBook
from bot.matching.embedder import MiniLmEmbedder
from bot.matching.examples import Examples, Stored
from bot.matching.words import bag


def shipped() -> Stored:
    stored = examples.load(examples.BUNDLED)
    assert stored is not None
    return stored


def test_the_shipped_examples_are_the_current_train_split_encoded_by_the_shipped_model() -> None:
    stored = shipped()
    questions = load_set()
    assert stored.model == MiniLmEmbedder.name
    # Out of date when the set or its labels changed: run python -m benchmarks.examples.
    assert stored.source == source_checksum(questions)
    assert len(stored.examples) == len(labelled(questions))


def test_the_shipped_words_are_the_current_reading_of_each_question() -> None:
    # Out of date when words.bag changed: run python -m benchmarks.examples.
    assert shipped().examples.words == tuple(bag(q["q"]) for q in labelled(load_set()))


def test_no_test_question_is_learnt_from() -> None:
    assert {q["split"] for q in labelled(load_set())} == {"train"}


def test_every_shipped_answer_is_in_the_knowledge_base(kb: Knowledge) -> None:
    known = set(AnswerBook(kb).ids())
    named = {a for ids in shipped().examples.answers for a in ids}
    assert named <= known


def test_the_shipped_vectors_are_unit_length() -> None:
    lengths = np.linalg.norm(shipped().examples.vectors, axis=1)
    assert np.allclose(lengths, 1.0, atol=1e-2)


def test_answers_the_knowledge_base_no_longer_has_are_dropped() -> None:
    rows = np.eye(3, dtype=np.float32)
    found = Examples(rows, (("faq.gone",), ("faq.gone", "faq.kept"), ()), (("a",), ("b",), ()))
    kept = found.known_to({"faq.kept"})
    assert kept.answers == (("faq.kept",), ())  # a question nothing answers stays
    assert np.array_equal(kept.vectors, rows[1:])
    assert kept.words == (("b",), ())


def test_a_file_written_before_words_were_kept_gives_empty_bags(tmp_path: Path) -> None:
    path = tmp_path / "examples.npz"
    np.savez(path, vectors=np.eye(2), answers=np.array(["a", ""]), model="m1", source="s")
    stored = examples.load(path)
    assert stored is not None
    assert stored.examples.word_bags() == ((), ())


def test_the_words_are_saved_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "examples.npz"
    written = Examples(np.eye(2, dtype=np.float32), (("a",), ()), (("data", "data"), ()))
    examples.save(path, Stored(written, "m1", "s"))
    stored = examples.load(path)
    assert stored is not None
    assert stored.examples.words == (("data", "data"), ())


def test_examples_whose_parts_do_not_line_up_are_refused() -> None:
    with pytest.raises(ValueError, match="one vector"):
        Examples(np.eye(2, dtype=np.float32), (("a",),))
    with pytest.raises(ValueError, match="one vector"):
        Examples(np.eye(2, dtype=np.float32), (("a",), ()), (("data",),))


def two_examples(path: Path) -> None:
    examples.save(path, Stored(Examples(np.eye(2, dtype=np.float32), (("a",), ())), "m1", "s"))


def test_examples_of_another_model_or_width_are_not_used(tmp_path: Path) -> None:
    path = tmp_path / "examples.npz"
    two_examples(path)
    found = examples.bundled("m1", path)
    assert found is not None
    assert examples.bundled("another-model", path) is None
    assert len(found.of_width(2)) == 2
    assert len(found.of_width(384)) == 0
    assert found.of_width(384).vectors.shape == (0, 384)


def test_an_unreadable_file_means_no_examples(tmp_path: Path) -> None:
    path = tmp_path / "examples.npz"
    path.write_bytes(b"not an archive")
    assert examples.load(path) is None
    assert examples.bundled(MiniLmEmbedder.name, tmp_path / "missing.npz") is None


def test_a_truncated_file_means_no_examples(tmp_path: Path) -> None:
    path = tmp_path / "examples.npz"
    two_examples(path)
    whole = path.read_bytes()
    for cut in (len(whole) // 2, len(whole) - 30):
        path.write_bytes(whole[:cut])
        assert examples.load(path) is None
