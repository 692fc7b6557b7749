"""Questions real people asked, as vectors with the answers that answer them: what the answer
head (head.py) learns from besides our own phrasings.

Forum posts are long, wander, and name things our phrasings never do; an answer head that
has seen some of them reads the next ones better (`python -m benchmarks.head`). The package
ships the vectors, not the posts: `python -m benchmarks.examples` encodes the train split of
tests/data/real_questions.yaml (never its test split) into bot/models/examples.npz, with the
model's name, since vectors of another model mean nothing to this one, and a checksum of the
questions and labels, so a test notices when the set changed and the file did not.
"""

from __future__ import annotations

import logging
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.matching.embedder import Vectors
from bot.matching.model_files import EXAMPLES

log = logging.getLogger(__name__)

BUNDLED = EXAMPLES


@dataclass(frozen=True)
class Examples:
    vectors: Vectors  # one L2-normalised row per question
    # Each question's acceptable answer ids; none for a question nothing of ours answers (an
    # off-topic message, a career question the knowledge base does not cover): the head
    # learns those as a class of their own.
    answers: tuple[tuple[str, ...], ...]
    # Each question's stems, sorted (words.bag), for the word head; () when not known (a
    # file written before), and the word head then learns from our phrasings alone.
    words: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        if len(self.vectors) != len(self.answers) or len(self.words) not in {0, len(self)}:
            raise ValueError("one vector, one list of answers and one bag of words a question")

    def __len__(self) -> int:
        return len(self.answers)

    @classmethod
    def none(cls, width: int) -> Examples:
        return cls(np.zeros((0, width), np.float32), ())

    def of_width(self, width: int) -> Examples:
        """These, if their vectors are `width` wide; else none (vectors of another width are
        another model's, whatever the file says)."""
        if self.vectors.shape[1] == width:
            return self
        if len(self):
            wide = self.vectors.shape[1]
            log.info("example questions are %d wide, not %d: not used", wide, width)
        return Examples.none(width)

    def known_to(self, answer_ids: Collection[str]) -> Examples:
        """Only answers the knowledge base has; a question whose answers are all gone is
        dropped (an entry renamed since the file was written must not break the bot)."""
        kept = [
            (i, known)
            for i, ids in enumerate(self.answers)
            if (known := tuple(a for a in ids if a in answer_ids)) or not ids
        ]
        if len(kept) < len(self):
            log.info("%d example questions name no answer we have", len(self) - len(kept))
        if not kept:
            return Examples.none(self.vectors.shape[1])
        rows = [i for i, _ in kept]
        words = tuple(self.words[i] for i in rows) if self.words else ()
        return Examples(self.vectors[rows], tuple(ids for _, ids in kept), words)

    def word_bags(self) -> tuple[tuple[str, ...], ...]:
        """Each question's stems, or none for each when the file had none."""
        return self.words or tuple(() for _ in self.answers)


@dataclass(frozen=True)
class Stored:
    """The file's contents: the examples and what they were made from."""

    examples: Examples
    model: str
    source: str  # checksum of the questions and labels (benchmarks.examples)


def save(path: Path, stored: Stored) -> None:
    np.savez_compressed(
        path,
        # Half the size; benchmarks.examples prints the largest rounding (under 1e-4).
        vectors=stored.examples.vectors.astype(np.float16),
        answers=np.array([" ".join(ids) for ids in stored.examples.answers]),
        words=np.array([" ".join(bag) for bag in stored.examples.words]),
        model=np.array(stored.model),
        source=np.array(stored.source),
    )


def load(path: Path) -> Stored | None:
    """None for a missing or unreadable file: the head then learns from phrasings alone."""
    try:
        with np.load(path, allow_pickle=False) as data:
            vectors = data["vectors"].astype(np.float32)
            answers = tuple(tuple(str(ids).split()) for ids in data["answers"])
            bags = data["words"] if "words" in data.files else ()
            words = tuple(tuple(str(bag).split()) for bag in bags)
            model, source = str(data["model"]), str(data["source"])
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error):
        log.warning("example questions unreadable: %s", path)
        return None
    if vectors.ndim != 2 or len(vectors) != len(answers) or len(words) not in {0, len(answers)}:
        log.warning("example questions malformed: %s", path)
        return None
    return Stored(Examples(vectors, answers, words), model, source)


def bundled(model: str, path: Path = BUNDLED) -> Examples | None:
    """The shipped examples if they were encoded by `model`; None otherwise, and the heads
    learn from phrasings alone."""
    stored = load(path)
    if stored is None:
        return None
    if stored.model != model:
        log.info("example questions are of %s, not %s: not used", stored.model, model)
        return None
    return stored.examples
