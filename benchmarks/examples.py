"""Encode the real-question train split into the examples the answer head learns from.

    python -m benchmarks.examples

Writes bot/models/examples.npz (bot/matching/examples.py): one vector per train message in
English (the whole message, as the bot reads it) and its stems, sorted (the word head's
reading, bot/matching/words.py), with its acceptable answer ids, none for an
off-topic message or a career question nothing answers. The test split is never read. Run it
again when the set, its labels or the model change: a test compares the file with the set
and the model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from benchmarks.real_questions import fold_of, load_set
from bot.content.text import without_links
from bot.matching import examples
from bot.matching.embedder import Embedder, MiniLmEmbedder
from bot.matching.embedding_cache import encode_all
from bot.matching.words import bag


def labelled(questions: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The questions the head may learn from: the train split's career questions (answered
    by some entry or by none) and off-topic messages; not those in other languages, which the
    English model cannot read."""
    return [q for q in questions if q["split"] == "train" and q["scope"] in {"career", "offtopic"}]


def source_checksum(questions: Sequence[dict[str, Any]]) -> str:
    """Of the learnt questions' ids, words and labels, in order."""
    digest = hashlib.sha256()
    for q in labelled(questions):
        digest.update(f"{q['id']}\0{q['q']}\0{' '.join(q['ids'])}\1".encode())
    return digest.hexdigest()[:16]


def examples_of(questions: Sequence[dict[str, Any]], embedder: Embedder) -> examples.Examples:
    """The given questions (already chosen by `labelled`) encoded whole."""
    vectors = encode_all(embedder, [without_links(q["q"]) for q in questions])
    if not questions:
        return examples.Examples.none(vectors.shape[1])
    answers = tuple(tuple(q["ids"]) for q in questions)
    return examples.Examples(vectors, answers, tuple(bag(q["q"]) for q in questions))


def without_fold(
    questions: Sequence[dict[str, Any]], everything: examples.Examples, fold: int
) -> examples.Examples:
    """Of `everything` (`questions` encoded, in order), those outside `fold`: what a head may
    learn from before it judges that fold."""
    rows = [i for i, q in enumerate(questions) if fold_of(q) != fold]
    bags = everything.word_bags()
    return examples.Examples(
        everything.vectors[rows],
        tuple(everything.answers[i] for i in rows),
        tuple(bags[i] for i in rows),
    )


def main() -> None:
    questions = load_set()
    embedder = MiniLmEmbedder()
    chosen = labelled(questions)
    stored = examples.Stored(
        examples_of(chosen, embedder), embedder.name, source_checksum(questions)
    )
    examples.save(examples.BUNDLED, stored)
    size = examples.BUNDLED.stat().st_size / 1024
    width = stored.examples.vectors.shape[1]
    print(f"{len(chosen)} questions x {width} -> {examples.BUNDLED} ({size:.0f} KB)")
    print(f"largest float16 rounding: {_rounding(stored.examples.vectors):.5f}")


def _rounding(vectors: np.ndarray[Any, Any]) -> float:
    return float(np.abs(vectors - vectors.astype(np.float16).astype(np.float32)).max())


if __name__ == "__main__":
    main()
