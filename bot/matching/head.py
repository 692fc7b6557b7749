"""The answer head: a softmax classifier over sentence vectors, one class per answer.

The nearest phrasing (semantic.py) asks "which sentence we wrote is this closest to?"; the
head asks "which answer do sentences like this belong to?". It learns from every phrasing
and each answer's gist, and from real questions (examples.py), so it weighs the parts of the
vector space that tell answers apart instead of trusting one near neighbour. Measured by
`python -m benchmarks.head` (5 folds of the real-question train split, each scored by a head
that never saw it): the right answer ranked first for 60.5% of covered questions, against
44.5% for the nearest phrasing and 50.6% for a head that learnt from phrasings alone; and
"none of ours" was likelier than every answer for 68 of the 98 messages nothing answers.

It is trained where the vectors are (numpy, a few seconds, lbfgs.py) and kept in the
embedding cache under a checksum of everything it learnt from, so a bot restarted on the same
knowledge base reads it back in milliseconds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.matching.embedder import Vectors
from bot.matching.embedding_cache import cached_array
from bot.matching.examples import Examples
from bot.matching.lbfgs import Array, Objective, minimise
from bot.matching.words import SparseRows

# What a head reads: sentence vectors, or sparse word rows (words.py).
Rows = Vectors | SparseRows


@dataclass(frozen=True)
class Training:
    """How the head is fitted; chosen on the train split's folds (benchmarks.head) when it
    had 263 covered questions, and kept on the larger split (README, "The answer head")."""

    # Inverse strength of the L2 penalty on the weights (scikit-learn's C), and what one real
    # question weighs against one phrasing. Chosen at 263 covered train questions: C 10 against
    # 1 (48.3% ranked first at best) and 100 (58.6%); weight 2 (60.5%) against 0 (50.6%), 5
    # (60.1%) and 10 (59.7%). At 365 (benchmarks/results/head.json) the shipped 10/2 ranks
    # 58.6% first and the best, 100/10, 61.1%: 9 questions, within chance, so kept.
    c: float = 10.0
    example_weight: float = 2.0
    max_steps: int = 300  # a fit converges in about 90 on the shipped knowledge base
    tolerance: float = 1e-6

    def key(self) -> str:
        return f"{self.c}/{self.example_weight}/{self.max_steps}/{self.tolerance}"


@dataclass(frozen=True)
class Head:
    # (vector width + 1) x (answers + 1): the last row is the bias, the last column the
    # class of questions that none of our answers answers.
    weights: Vectors

    def probabilities(self, queries: Rows) -> tuple[Vectors, Vectors]:
        """Each query's probability of each answer (a row per query, a column per answer),
        and of none of them (one per query): together they sum to 1."""
        every = _softmax(_logits(queries, self.weights))
        return every[:, :-1], every[:, -1]


def blend(
    first: tuple[Vectors, Vectors], second: tuple[Vectors, Vectors], share: float
) -> tuple[Vectors, Vectors]:
    """Two heads' probabilities (answers, none) as one: a weighted geometric mean, `share`
    of it the second's, normalised to sum to 1. A geometric mean, not an average: an answer
    either head finds unlikely stays unlikely (measured: benchmarks.word_head)."""
    logs = [np.log(np.c_[answers, none] + 1e-9) for answers, none in (first, second)]
    every = _softmax((1 - share) * logs[0] + share * logs[1])
    return every[:, :-1], every[:, -1]


def _softmax(logits: Vectors) -> Vectors:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    result: Vectors = exp / exp.sum(axis=1, keepdims=True)
    return result


@dataclass(frozen=True)
class Lessons:
    """What the head learns from, in two blocks: phrasing (and gist) vectors, each wholly its
    answer's (`labels`: the answer's column); and real questions, each spread evenly over its
    acceptable answers, or all on the last column for one nothing of ours answers. Two
    blocks, so the phrasings' vectors are used where they are, not copied (memory)."""

    vectors: Rows
    labels: npt.NDArray[np.intp]
    questions: Rows
    targets: Vectors  # a row per question, a column per answer and one for none
    question_weight: float

    @property
    def classes(self) -> int:
        return int(self.targets.shape[1])


def lessons(
    answer_ids: Sequence[str],
    vectors: Rows,
    labels: Sequence[str],
    examples: Examples,
    training: Training,
) -> Lessons:
    column = {a: i for i, a in enumerate(answer_ids)}
    known = examples.known_to(column)
    none = len(answer_ids)
    targets = np.zeros((len(known), none + 1), np.float32)
    for row, ids in enumerate(known.answers):
        columns = list(dict.fromkeys(column[a] for a in ids)) or [none]
        targets[row, columns] = 1.0 / len(columns)
    return Lessons(
        vectors,
        np.array([column[a] for a in labels], np.intp),
        known.vectors.astype(np.float32),
        targets,
        training.example_weight,
    )


def train(taught: Lessons, training: Training, check: Callable[[], None] | None = None) -> Head:
    """The weights that minimise the weighted cross-entropy plus the L2 penalty (the bias is
    not penalised), by L-BFGS from zero. `check` raises to stop (lbfgs.minimise)."""
    shape = (taught.vectors.shape[1] + 1, taught.classes)
    start = np.zeros(shape[0] * shape[1], np.float64)
    fitted = minimise(
        objective(taught, training), start, training.max_steps, training.tolerance, check
    )
    return Head(fitted.reshape(shape).astype(np.float32))


def objective(taught: Lessons, training: Training) -> Objective:
    """The loss and its gradient at flat weights. The bot trains in its own process, under its
    memory budget: products in float32, in place where they can be, and the phrasing vectors
    never copied; sums and the gradient in float64 (lbfgs.py says why)."""
    shape = (taught.vectors.shape[1] + 1, taught.classes)
    penalty = np.full((shape[0], 1), 1.0 / training.c)
    penalty[-1] = 0.0
    rows = np.arange(len(taught.labels))

    def loss_and_gradient(flat: Array) -> tuple[float, Array]:
        w = flat.reshape(shape)
        w32 = w.astype(np.float32)
        phrasings = _log_softmax(_logits(taught.vectors, w32))
        loss = -float(phrasings[rows, taught.labels].sum(dtype=np.float64))
        np.exp(phrasings, out=phrasings)  # now the residual p - target, in place
        phrasings[rows, taught.labels] -= 1.0
        questions = _log_softmax(_logits(taught.questions, w32))
        loss -= taught.question_weight * float((taught.targets * questions).sum(dtype=np.float64))
        questions = taught.question_weight * (np.exp(questions) - taught.targets)
        loss += 0.5 * float((penalty * w * w).sum())
        gradient = np.vstack(
            [
                _back(taught.vectors, phrasings) + _back(taught.questions, questions),
                phrasings.sum(axis=0, dtype=np.float64) + questions.sum(axis=0, dtype=np.float64),
            ]
        ).astype(np.float64)
        gradient += penalty * w
        return loss, gradient.ravel()

    return loss_and_gradient


def _logits(rows: Rows, w: Vectors) -> Vectors:
    product = rows.times(w[:-1]) if isinstance(rows, SparseRows) else rows @ w[:-1]
    logits: Vectors = product + w[-1]
    return logits


def _back(rows: Rows, residuals: Vectors) -> Vectors:
    """rows.T @ residuals: the gradient's share of the weights (all but the bias)."""
    if isinstance(rows, SparseRows):
        return rows.transposed_times(residuals)
    product: Vectors = rows.T @ residuals
    return product


def _log_softmax(scores: Vectors) -> Vectors:
    """In place: the rows of `scores` become log-probabilities."""
    scores -= scores.max(axis=1, keepdims=True)
    scores -= np.log(np.exp(scores).sum(axis=1, keepdims=True))
    return scores


# Part of the cache key: raise it when the loss, the optimiser or the file's layout changes, so
# a head trained by older code is never read back.
HEAD_FORMAT = 1


def cached_head(
    taught: Lessons,
    training: Training,
    source: str,
    folder: Path | None,
    check: Callable[[], None] | None = None,
    *,
    kind: str = "head",
) -> Head:
    """The head from `folder` when one was trained on the same lessons, else trained (`check`
    raises to stop: train) and written there for next time. `source` names the phrasings and
    answers (the phrasing cache's checksum of the model and the texts): keyed on texts rather
    than vectors, so a head is found again whatever rounding another processor gives them.
    `kind` starts the file's name: each kind's old files are pruned apart (embedding_cache)."""
    digest = hashlib.sha256(f"{HEAD_FORMAT}\0{training.key()}\0{source}\0".encode())
    arrays = [taught.labels, *_key_arrays(taught.questions), taught.targets]
    if isinstance(taught.vectors, SparseRows):  # words: the rows show how texts were read
        arrays.extend(taught.vectors.arrays())
    for array in arrays:
        digest.update(f"{array.shape}".encode())
        digest.update(np.ascontiguousarray(array).tobytes())
    name = f"{kind}-{digest.hexdigest()[:16]}.npy"
    rows = taught.vectors.shape[1] + 1
    return Head(cached_array(folder, name, rows, lambda: train(taught, training, check).weights))


def _key_arrays(rows: Rows) -> tuple[npt.NDArray[np.generic], ...]:
    return rows.arrays() if isinstance(rows, SparseRows) else (rows,)
