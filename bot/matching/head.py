"""The answer head: a softmax classifier over sentence vectors, one class per answer.

The nearest phrasing (semantic.py) asks "which sentence we wrote is this closest to?"; the
head asks "which answer do sentences like this belong to?". It learns from every phrasing
and each answer's gist, and from real questions (examples.py), so it weighs the parts of the
vector space that tell answers apart instead of trusting one near neighbour. Measured by
`python -m benchmarks.head` (5 folds of the real-question train split, each scored by a head
that never saw it): the right answer ranked first for 60.1% of covered questions, against
44.5% for the nearest phrasing and 50.6% for a head that learnt from phrasings alone; and
"none of ours" was likelier than every answer for 68 of the 98 messages nothing answers.

It is trained where the vectors are (numpy, a few seconds, lbfgs.py) and kept in the
embedding cache under a checksum of everything it learnt from, so a bot restarted on the same
knowledge base reads it back in milliseconds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.matching.embedder import Vectors
from bot.matching.embedding_cache import cached_array
from bot.matching.examples import Examples
from bot.matching.lbfgs import minimise


@dataclass(frozen=True)
class Training:
    """How the head is fitted; chosen on the train split's folds (benchmarks.head)."""

    # Inverse strength of the L2 penalty on the weights (scikit-learn's C): 10 against 1
    # (48.3% ranked first at best) and 100 (58.6% at best).
    c: float = 10.0
    # What one real question weighs against one phrasing: 2 against 0 (50.6%), 5 (60.1% too,
    # 80.2% in the best three against 82.1%) and 10 (59.7%).
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

    def probabilities(self, queries: Vectors) -> tuple[Vectors, Vectors]:
        """Each query's probability of each answer (a row per query, a column per answer),
        and of none of them (one per query): together they sum to 1."""
        every = _softmax(queries @ self.weights[:-1] + self.weights[-1])
        return every[:, :-1], every[:, -1]


def _softmax(logits: Vectors) -> Vectors:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    result: Vectors = exp / exp.sum(axis=1, keepdims=True)
    return result


@dataclass(frozen=True)
class Lessons:
    """What the head learns from: rows of vectors and, for each, how much it belongs to each
    answer and to none (one 1 for a phrasing; shared among a question's acceptable answers;
    all on the last column for a question that none answers)."""

    vectors: Vectors
    targets: Vectors
    weights: Vectors


def lessons(
    answer_ids: Sequence[str],
    vectors: Vectors,
    labels: Sequence[str],
    examples: Examples,
    training: Training,
) -> Lessons:
    """Phrasing (and gist) vectors with their answers, then the example questions."""
    column = {a: i for i, a in enumerate(answer_ids)}
    known = examples.known_to(column)
    none = len(answer_ids)
    targets = np.zeros((len(labels) + len(known), none + 1), np.float32)
    targets[np.arange(len(labels)), [column[a] for a in labels]] = 1.0
    for row, ids in enumerate(known.answers, start=len(labels)):
        targets[row, [column[a] for a in ids] or [none]] = 1.0 / max(1, len(ids))
    weights = np.concatenate(
        [np.ones(len(labels), np.float32), np.full(len(known), training.example_weight, np.float32)]
    )
    return Lessons(np.vstack([vectors, known.vectors]).astype(np.float32), targets, weights)


def train(taught: Lessons, training: Training) -> Head:
    """The weights that minimise the weighted cross-entropy plus the L2 penalty (the bias is
    not penalised), by L-BFGS from zero. The objective works in place where it can: the bot
    trains in its own process, under its memory budget."""
    vectors, weights, targets = taught.vectors, taught.weights, taught.targets
    shape = (vectors.shape[1] + 1, targets.shape[1])
    penalty = np.full((shape[0], 1), 1.0 / training.c, np.float32)
    penalty[-1] = 0.0

    def objective(flat: Vectors) -> tuple[float, Vectors]:
        w = flat.reshape(shape)
        scores = vectors @ w[:-1] + w[-1]  # becomes log p, then the weighted residual
        scores -= scores.max(axis=1, keepdims=True)
        scores -= np.log(np.exp(scores).sum(axis=1, keepdims=True))
        loss = -float(np.einsum("ij,ij,i->", targets, scores, weights))
        loss += 0.5 * float((penalty * w * w).sum())
        np.exp(scores, out=scores)
        scores -= targets
        scores *= weights[:, None]
        gradient = np.vstack([vectors.T @ scores, scores.sum(axis=0)]) + penalty * w
        return loss, gradient.ravel().astype(np.float32)

    start = np.zeros(shape[0] * shape[1], np.float32)
    fitted = minimise(objective, start, training.max_steps, training.tolerance)
    return Head(fitted.reshape(shape))


def cached_head(
    taught: Lessons, training: Training, answer_ids: Sequence[str], folder: Path | None
) -> Head:
    """The head from `folder` when one was trained on exactly these lessons, else trained and
    written there for next time."""
    digest = hashlib.sha256(training.key().encode())
    digest.update("\0".join(answer_ids).encode())
    for array in (taught.vectors, taught.targets, taught.weights):
        digest.update(np.ascontiguousarray(array).tobytes())
    name = f"head-{digest.hexdigest()[:16]}.npy"
    rows = taught.vectors.shape[1] + 1
    return Head(cached_array(folder, name, rows, lambda: train(taught, training).weights))
