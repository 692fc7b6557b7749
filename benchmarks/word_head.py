"""Does a head over words add to the answer head over sentence vectors? Train split only.

    python -m benchmarks.word_head

The answer head (bot/matching/head.py) reads MiniLM's sentence vectors; the word head
(bot/matching/words.py) is a softmax head of the same form over tf-idf stems, learnt from the
same lessons (every phrasing, every gist, the train messages of the other folds). This
measures each alone and their probabilities blended as a weighted geometric mean
(head.blend) at two shares, on the real-question train split, out of fold as in
benchmarks.head (a thread's messages in one fold): covered questions whose best answer is
acceptable, whose best three hold one, and messages nothing answers for which "none" is
likelier than any answer; then each blend against the sentence head question by question,
with the exact McNemar p-value (benchmarks.static_embedding). The bot ships the blend at
semantic.WORD_SHARE (README, "Words beside the sentence vectors").
"""

from __future__ import annotations

import collections
from typing import Any

import numpy as np

from benchmarks import embedding
from benchmarks.common import percentile, print_table, time_each, write_json
from benchmarks.examples import examples_of, labelled, without_fold
from benchmarks.head import ranks, shares
from benchmarks.real_questions import FOLDS, fold_of, load_set
from benchmarks.static_embedding import paired
from bot.content.knowledge import load_knowledge
from bot.matching.embedder import Vectors
from bot.matching.head import blend
from bot.matching.semantic import EmbeddingMatcher
from bot.matching.words import SparseRows, bag

SHARES = [0.3, 0.5]  # the word head's share of the geometric blend
HEADER = ["ranker", "ranked first", "top 3", "nothing: none first"]
PAIRED = ["blend", "first: gained", "lost", "McNemar p", "none: gained", "lost", "McNemar p"]


def main() -> None:
    kb = load_knowledge()
    semantic, _ = embedding.build(kb)
    questions = labelled(load_set())
    everything = examples_of(questions, semantic.embedder)
    bags = everything.word_bags()
    found: dict[str, list[int]] = collections.defaultdict(lambda: [0] * len(questions))
    for fold in range(FOLDS):
        mine = [i for i, q in enumerate(questions) if fold_of(q) == fold]
        matcher = EmbeddingMatcher(
            kb,
            semantic.embedder,
            embedding.CACHE,
            examples=without_fold(questions, everything, fold),
        )
        sentences = matcher.head.probabilities(everything.vectors[mine])
        said = matcher.vocabulary.rows([bags[i] for i in mine])
        words = matcher.word_head.probabilities(said)
        rows = {"sentence head": sentences, "word head": words}
        for share in SHARES:
            rows[f"blend, words {share}"] = blend(sentences, words, share)
        judged = [questions[i] for i in mine]
        for name, (answers, none) in rows.items():
            outcome = ranks(answers, none, semantic.answer_ids, judged)
            for i, rank in zip(mine, outcome, strict=True):
                found[name][i] = rank
    report(found, len(questions))
    print(f"\nThe shipped word head reads {len(semantic.vocabulary.column)} stems.")
    cost(matcher, [q["q"] for q in questions])


def cost(matcher: EmbeddingMatcher, messages: list[str]) -> None:
    """What the word head adds to reading one message: its row and its probabilities (the
    bot also reads each part of a long message; here the whole message alone)."""

    def read(message: str) -> object:
        return matcher.word_head.probabilities(matcher.vocabulary.rows([bag(message)]))

    samples = [s * 1000 for s in time_each(read, messages, rounds=3)]
    row = [f"{percentile(samples, 50):.3f}", f"{percentile(samples, 99):.3f}"]
    print_table("The word head's reading, per message", ["p50 ms", "p99 ms"], [row])
    products(matcher.vocabulary.rows([bag(m) for m in messages]), len(matcher.answer_ids) + 1)


def products(rows: SparseRows, classes: int) -> None:
    """The fit's product, rows @ weights, as words.Runs does it and as numpy's reduceat
    would (the first thing tried): the same sums, timed on the train messages' rows."""
    weights = np.random.default_rng(0).normal(size=(rows.width, classes)).astype(np.float32)

    def by_reduceat(w: Vectors) -> Vectors:
        result = np.zeros((rows.shape[0], w.shape[1]), np.float32)
        filled = np.diff(rows.indptr) > 0
        gathered = rows.data[:, None] * w[rows.indices]
        result[filled] = np.add.reduceat(gathered, rows.indptr[:-1][filled], axis=0)
        return result

    assert np.allclose(by_reduceat(weights), rows.times(weights), atol=1e-4)
    timed = {"words.Runs": rows.times, "numpy reduceat": by_reduceat}
    table = []
    for name, product in timed.items():
        samples = [s * 1000 for s in time_each(product, [weights], rounds=20)]
        table.append([name, f"{percentile(samples, 50):.2f}"])
    size = f"{rows.shape[0]} rows, {len(rows.indices)} entries, {rows.width} stems"
    title = f"rows @ weights ({size}; {classes} classes, the answers and none)"
    print_table(title, ["product", "p50 ms"], table)


def report(found: dict[str, list[int]], total: int) -> None:
    covered = sum(1 for r in found["word head"] if r >= 0)
    rows = [[name, *shares(outcome)] for name, outcome in found.items()]
    title = f"Heads out of fold ({covered} covered train questions, {total - covered} nothing"
    print_table(f"{title} answers)", HEADER, rows)
    base = found["sentence head"]
    blends = [name for name in found if name.startswith("blend")]
    print_table("Against the sentence head", PAIRED, [paired(n, found[n], base) for n in blends])
    figures: dict[str, Any] = {name: shares(outcome) for name, outcome in found.items()}
    print(f"written: {write_json('word_head', figures)}")


if __name__ == "__main__":
    main()
