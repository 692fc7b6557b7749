"""Words beside the sentence vectors: a message as the stems it uses, weighed by tf-idf.

The answer head over MiniLM's vectors (head.py) reads what a message is about, but a forum
post's own vocabulary ("visa", "bootcamp", "layoff") is spread thin over 384 numbers. A second
head of the same form over word features, learnt from the same lessons, keeps those words;
its probabilities are blended with the sentence head's (semantic.py). Measured on the train
split's folds by `python -m benchmarks.word_head`: the blend ranks the right answer first for
226 of 365 covered questions against 216, and puts "none" first for 126 of the 160 messages
nothing answers against 114 (exact McNemar p 0.08 and 0.008).

Rows are sparse (a message uses a few dozen of some 1,900 words; the phrasings alone would be
a 50 MB dense table), kept as compressed rows with the two products the head's fit needs.
"""

from __future__ import annotations

import collections
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.content.text import without_links
from bot.matching.analyzer import stem
from bot.matching.embedder import Vectors

Words = tuple[str, ...]

_WORD = re.compile(r"[a-z0-9+#]+")
# The commonest English words carry no topic; a short list, not tuned.
_STOP = frozenset(
    "a an the and or of to in on for is are am i my me you your it its this that be do does"
    " can how what which with as at by from was were have has had will would should could not"
    " no so if but just about there their they we our us any some more most very than then"
    " into out up get like know want im".split()
)
# A word must be in this many lesson texts to be a feature: one text's word teaches nothing
# that carries to the next message.
MIN_TEXTS = 2
# Entries gathered at once by a sum (Runs), padding included: bounds the copy a step makes
# (8,192 rows of 224 answers are 7 MB) under the bot's memory budget while the head trains.
GATHERED = 8192
# Raise when the word head's lessons change in a way their rows do not show (the rows
# themselves key the cached head: head.cached_head).
FORMAT = 1


def words(text: str) -> Words:
    """The stems of a text's words, in order, without the commonest."""
    found = _WORD.findall(without_links(text).lower())
    return tuple(s for s in (stem(w) for w in found) if s not in _STOP)


def bag(text: str) -> Words:
    """A text's stems, sorted: what the head uses (counts, not order), and all the package
    ships of a real message (bot/models/examples.npz)."""
    return tuple(sorted(words(text)))


@dataclass(frozen=True, eq=False)
class Runs:
    """Sums of weighted rows of a matrix, planned once and done for any matrix: out row i is
    the sum of `source[index] * weight` over its entries. Entries are grouped by how many a
    row has, rounded up to a power of two and padded with weight 0, so that each group is one
    gather and one batched product, where numpy's reduceat walks the runs one by one (ten
    times slower on the train messages' rows: benchmarks.word_head); the word head's fit does
    four such sums a step, a hundred steps on a cold start."""

    count: int
    groups: tuple[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Vectors], ...]

    @classmethod
    def plan(
        cls,
        starts: npt.NDArray[np.int64],
        index: npt.NDArray[np.int64],
        weight: npt.NDArray[np.float32],
    ) -> Runs:
        """Row i sums the entries `starts[i]:starts[i+1]` of `index` and `weight`."""
        lengths = np.diff(starts)
        filled = lengths > 0
        width = np.zeros_like(lengths)
        width[filled] = 1 << np.ceil(np.log2(lengths[filled])).astype(np.int64)
        groups = []
        for size in np.unique(width[filled]):
            every = np.flatnonzero(width == size)
            pieces = max(1, min(len(every), -(-len(every) * int(size) // GATHERED)))
            for rows in np.array_split(every, pieces):
                spots = starts[rows, None] + np.arange(size)
                real = spots < starts[rows + 1, None]
                spots = np.where(real, spots, 0)  # padding reads entry 0, with weight 0
                weights = np.where(real, weight[spots], 0).astype(np.float32)
                groups.append((rows, index[spots], weights))
        return cls(len(lengths), tuple(groups))

    def of(self, source: Vectors) -> Vectors:
        result = np.zeros((self.count, source.shape[1]), np.float32)
        for rows, index, weight in self.groups:
            result[rows] = (weight[:, None, :] @ source[index])[:, 0, :]
        return result


@dataclass(frozen=True, eq=False)
class SparseRows:
    """Rows of a matrix `width` wide, compressed: row r holds `data[indptr[r]:indptr[r+1]]`
    at the columns `indices[...]`. Each product's plan is made when first needed: a message
    only ever needs `times`, and a head read back from the cache neither."""

    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int64]
    data: npt.NDArray[np.float32]
    width: int

    @functools.cached_property
    def _rows(self) -> Runs:
        return Runs.plan(self.indptr, self.indices, self.data)

    @functools.cached_property
    def _columns(self) -> Runs:
        row_of = np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))
        order = np.argsort(self.indices, kind="stable")
        starts = np.searchsorted(self.indices[order], np.arange(self.width + 1))
        return Runs.plan(starts, row_of[order], self.data[order])

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.indptr) - 1, self.width

    def times(self, w: Vectors) -> Vectors:
        """self @ w."""
        return self._rows.of(w)

    def transposed_times(self, r: Vectors) -> Vectors:
        """self.T @ r."""
        return self._columns.of(r)

    def arrays(self) -> tuple[npt.NDArray[np.generic], ...]:
        """What the rows are made of (for a cache key)."""
        return self.indptr, self.indices, self.data


class Vocabulary:
    """The words of `MIN_TEXTS` lesson texts or more, with their inverse text frequency."""

    def __init__(self, texts: Sequence[Words]) -> None:
        counts = collections.Counter(w for text in texts for w in set(text))
        kept = sorted(w for w, n in counts.items() if n >= MIN_TEXTS)
        self.column = {w: i for i, w in enumerate(kept)}
        total = max(len(texts), 1)
        self.idf = np.array([math.log(total / counts[w]) + 1 for w in kept], np.float32)

    def rows(self, texts: Sequence[Words]) -> SparseRows:
        """Each text's tf-idf row (1 + log of a word's count, times its idf), L2-normalised."""
        indptr, indices, data = [0], list[int](), list[float]()
        for text in texts:
            counts = collections.Counter(w for w in text if w in self.column)
            known = sorted((self.column[w], n) for w, n in counts.items())  # (column, count)
            weights = np.array([(1 + math.log(n)) * self.idf[c] for c, n in known], np.float32)
            norm = float(np.linalg.norm(weights)) or 1.0
            indices.extend(c for c, _ in known)
            data.extend((weights / norm).tolist())
            indptr.append(len(indices))
        return SparseRows(
            np.array(indptr, np.int64),
            np.array(indices, np.int64),
            np.array(data, np.float32),
            len(self.column),
        )
