"""Phrasing vectors and the answer head on disk (issue 14 point 5): one file of each per
knowledge base and model, never a stale or broken one read back, written so that a reader
never sees half a file."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

import numpy as np
import pytest

from bot.content.knowledge import Knowledge
from bot.matching import head, semantic
from bot.matching.embedder import MiniLmEmbedder
from bot.matching.embedding_cache import cached_array, checksum, prune
from bot.matching.examples import Examples
from bot.matching.head import Training
from bot.matching.semantic import EmbeddingMatcher
from bot.matching.stopped import EncodingStopped
from tests.matching.fakes import WordHashEmbedder


def cache_files(folder: Path, kind: str = "phrasings") -> list[Path]:
    return sorted(folder.glob(f"{kind}-*.npy"))


def test_a_second_start_reads_the_vectors_instead_of_encoding(
    kb: Knowledge, tmp_path: Path
) -> None:
    EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path)
    again = WordHashEmbedder()
    EmbeddingMatcher(kb, again, tmp_path)
    assert again.encoded == 0


def test_the_cache_key_changes_with_the_knowledge_base(kb: Knowledge, tmp_path: Path) -> None:
    EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path)
    first_slug = next(iter(kb.faq))
    edited = dataclasses.replace(
        kb, faq={slug: entry for slug, entry in kb.faq.items() if slug != first_slug}
    )
    embedder = WordHashEmbedder()
    EmbeddingMatcher(edited, embedder, tmp_path)
    assert embedder.encoded > 0  # the old vectors were not trusted
    assert len(cache_files(tmp_path)) == 2


def test_a_corrupt_cache_file_is_rebuilt_and_replaced(kb: Knowledge, tmp_path: Path) -> None:
    built = EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path)
    [path] = cache_files(tmp_path)
    path.write_bytes(b"not a numpy file at all" * 10)
    embedder = WordHashEmbedder()
    rebuilt = EmbeddingMatcher(kb, embedder, tmp_path)
    assert embedder.encoded == rebuilt.size
    assert np.load(path).shape == (built.size, 64)  # a good file is back in its place


def test_a_cache_file_of_another_shape_is_rebuilt(kb: Knowledge, tmp_path: Path) -> None:
    built = EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path)
    [path] = cache_files(tmp_path)
    np.save(path, np.zeros((3, 64), dtype=np.float32))
    embedder = WordHashEmbedder()
    EmbeddingMatcher(kb, embedder, tmp_path)
    assert embedder.encoded == built.size


def test_writing_leaves_no_partial_file_behind(kb: Knowledge, tmp_path: Path) -> None:
    EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path / "new" / "folder")
    [path] = cache_files(tmp_path / "new" / "folder")
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "new" / "folder").iterdir()) == [
        "head",
        "phrasings",
        "words",
    ]
    assert path.suffix == ".npy"


def test_the_model_name_is_part_of_the_key() -> None:
    pairs = [("do i need a phd", "faq.phd_required")]
    assert checksum(WordHashEmbedder.name, pairs) != checksum(MiniLmEmbedder.name, pairs)


def test_the_cache_key_covers_the_answers_openings(kb: Knowledge, tmp_path: Path) -> None:
    """The gists (gist.py) are cached with the phrasings: an answer rewritten with the same
    phrasings must not read its old opening's vector back."""
    EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path)
    slug, entry = next(iter(kb.faq.items()))
    rewritten = entry.model_copy(update={"answer": "An altogether different opening."})
    edited = dataclasses.replace(kb, faq={**kb.faq, slug: rewritten})
    embedder = WordHashEmbedder()
    EmbeddingMatcher(edited, embedder, tmp_path)
    assert embedder.encoded > 0
    assert len(cache_files(tmp_path)) == 2


def test_a_second_start_reads_the_answer_head_instead_of_training(
    kb: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path)

    def never(*_: object) -> None:
        raise AssertionError("the head was trained again")

    monkeypatch.setattr(head, "train", never)
    again = EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path)
    assert np.array_equal(again.head.weights, built.head.weights)
    assert np.array_equal(again.word_head.weights, built.word_head.weights)


def test_the_head_is_trained_again_when_its_example_questions_change(
    kb: Knowledge, tmp_path: Path
) -> None:
    EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path)
    answer_id = EmbeddingMatcher(kb, WordHashEmbedder(), None).answer_ids[0]
    question = WordHashEmbedder().encode(["a question a real person asked"])
    EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path, examples=Examples(question, ((answer_id,),)))
    assert len(cache_files(tmp_path, "head")) == 2
    # Its words unknown, the question teaches the answer head only: as an empty row it would
    # teach the word head's bias nothing but its answer.
    assert len(cache_files(tmp_path, "words")) == 1
    said = Examples(question, ((answer_id,),), (("question", "real"),))
    EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path, examples=said)
    assert len(cache_files(tmp_path, "words")) == 2  # with its words, it teaches both
    assert len(cache_files(tmp_path)) == 1  # the phrasings' vectors are the same


def test_the_head_is_trained_again_when_its_training_changes(kb: Knowledge, tmp_path: Path) -> None:
    EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path)
    EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path, training=Training(c=1.0))
    assert len(cache_files(tmp_path, "head")) == 2
    assert len(cache_files(tmp_path, "words")) == 2


class StoppedAfterEncoding(WordHashEmbedder):
    """Told to stop once every phrasing is encoded: while the answer head trains."""

    def check_running(self) -> None:
        if self.encoded:
            raise EncodingStopped("stopped")


class StoppedAtOnce(WordHashEmbedder):
    """Told to stop before anything is encoded: while the word head trains."""

    def check_running(self) -> None:
        raise EncodingStopped("stopped")


def test_a_bot_stopped_while_the_head_trains_stops_training(kb: Knowledge, tmp_path: Path) -> None:
    with pytest.raises(EncodingStopped):
        EmbeddingMatcher(kb, StoppedAfterEncoding(), tmp_path)
    assert len(cache_files(tmp_path, "words")) == 1  # the word head had been trained
    assert cache_files(tmp_path, "head") == []  # nothing half-trained is kept


def test_a_bot_stopped_while_the_word_head_trains_encodes_nothing(
    kb: Knowledge, tmp_path: Path
) -> None:
    embedder = StoppedAtOnce()
    with pytest.raises(EncodingStopped):
        EmbeddingMatcher(kb, embedder, tmp_path)
    assert embedder.encoded == 0
    assert cache_files(tmp_path, "words") == []


def test_the_word_head_is_trained_again_when_words_are_read_differently(
    kb: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its cached file is keyed by the rows it learnt from, not only by the texts."""
    EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path)
    monkeypatch.setattr(semantic, "bag", lambda text: tuple(sorted(text.lower().split())))
    EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path)
    assert len(cache_files(tmp_path, "words")) == 2
    assert len(cache_files(tmp_path, "head")) == 1  # the answer head is the same


def _unused_for(path: Path, days: float) -> None:
    past = time.time() - days * 24 * 3600
    os.utime(path, (past, past))


def _vectors() -> np.ndarray:
    return np.ones((2, 4), dtype=np.float32)


def test_a_cache_file_unused_for_a_month_goes_when_another_of_its_kind_is_written(
    tmp_path: Path,
) -> None:
    """Each edit of the knowledge base leaves a file of phrasing vectors behind: the folder is
    kept from growing forever, not emptied of what another bot still reads."""
    stale = tmp_path / "phrasings-old.npy"
    recent = tmp_path / "phrasings-recent.npy"
    other_kind = tmp_path / "head-old.npy"
    not_ours = tmp_path / "notes.txt"
    for path in (stale, recent, other_kind, not_ours):
        path.write_bytes(b"x")
        _unused_for(path, 40)
    _unused_for(recent, 29)
    cached_array(tmp_path, "phrasings-new.npy", 2, _vectors)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["head-old.npy", "notes.txt", "phrasings-new.npy", "phrasings-recent.npy"]


def test_reading_a_cache_file_marks_it_used(tmp_path: Path) -> None:
    cached_array(tmp_path, "phrasings-shared.npy", 2, _vectors)
    shared = tmp_path / "phrasings-shared.npy"
    _unused_for(shared, 40)
    cached_array(tmp_path, "phrasings-shared.npy", 2, _vectors)  # another bot starts
    assert prune(tmp_path / "phrasings-new.npy") == []
    assert shared.exists()


def test_a_cache_file_that_cannot_be_marked_used_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only cache folder (a shared, prepared one) still serves its files."""
    cached_array(tmp_path, "phrasings-k.npy", 2, _vectors)

    def read_only(*_: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(os, "utime", read_only)
    read = cached_array(tmp_path, "phrasings-k.npy", 2, lambda: pytest.fail("recomputed"))
    assert read.shape == (2, 4)
