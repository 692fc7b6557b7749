"""How the answer head (bot/matching/head.py) ranks real questions, and how it is trained.

    python -m benchmarks.head

On the train split of tests/data/real_questions.yaml only, in the folds of
benchmarks/hybrid_fit.py: each fold's covered questions are ranked by a head trained without
them (their threads are in one fold), and the figures are summed over the folds. Rows: the
nearest phrasing (the zero-shot cosine), then heads by penalty (C) and the weight of one real
question against one phrasing (0: phrasings and gists alone). Ranked first: the head's best
answer is acceptable; top 3: one of its best three is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import embedding
from benchmarks.common import print_table, write_json
from benchmarks.examples import examples_of, labelled, without_fold
from benchmarks.real_questions import FOLDS, fold_of, load_set
from bot.content.knowledge import Knowledge, load_knowledge
from bot.matching.embedder import Vectors
from bot.matching.examples import Examples
from bot.matching.head import Training
from bot.matching.semantic import EmbeddingMatcher

GRID = [(c, w) for c in (1.0, 10.0, 100.0) for w in (0.0, 2.0, 5.0, 10.0)]
HEADER = ["ranker", "C", "question weight", "ranked first", "top 3", "nothing: none first"]


def ranks(
    scores: Vectors, none: Vectors, answer_ids: list[str], questions: list[dict[str, Any]]
) -> list[int]:
    """Per covered question: 1 when the best answer is acceptable, 3 when one of the best
    three is, 0 otherwise; per question nothing answers: -1 when "none" is likelier than
    every answer, -2 otherwise."""
    result = []
    for row, nothing, q in zip(scores, none, questions, strict=True):
        if not q["ids"]:
            result.append(-1 if nothing > row.max() else -2)
            continue
        best = [answer_ids[i] for i in np.argsort(-row)[:3]]
        result.append(1 if best[0] in q["ids"] else 3 if set(best) & set(q["ids"]) else 0)
    return result


def held_out_ranks(
    kb: Knowledge,
    semantic: EmbeddingMatcher,
    questions: list[dict[str, Any]],
    everything: Examples,
    training: Training,
    *,
    cache: Path = embedding.CACHE,
) -> list[int]:
    """Each question's rank (`ranks`) by the head trained without its fold; `cache` holds
    the phrasing vectors of `semantic`'s model."""
    found = [0] * len(questions)
    for fold in range(FOLDS):
        mine = [i for i, q in enumerate(questions) if fold_of(q) == fold]
        matcher = EmbeddingMatcher(
            kb,
            semantic.embedder,
            cache,
            examples=without_fold(questions, everything, fold),
            training=training,
        )
        head, none = matcher.head.probabilities(everything.vectors[mine])
        judged = ranks(head, none, matcher.answer_ids, [questions[i] for i in mine])
        for i, rank in zip(mine, judged, strict=True):
            found[i] = rank
    return found


def main() -> None:
    kb = load_knowledge()
    semantic, _ = embedding.build(kb)
    questions = labelled(load_set())
    everything = examples_of(questions, semantic.embedder)
    covered = [q for q in questions if q["ids"]]
    cosines = semantic.table([q["q"] for q in covered])
    nearest = ranks(cosines, np.zeros(len(covered), np.float32), semantic.answer_ids, covered)
    rows: list[list[object]] = [["nearest phrasing", "-", "-", *shares(nearest)]]
    figures: dict[str, Any] = {"nearest": shares(nearest)}
    for c, weight in GRID:
        found = held_out_ranks(kb, semantic, questions, everything, Training(c, weight))
        rows.append(["head", c, weight, *shares(found)])
        figures[f"head C={c} weight={weight}"] = shares(found)
    nothing = len(questions) - len(covered)
    title = f"The answer head out of fold ({len(covered)} covered train questions, {nothing}"
    print_table(f"{title} that nothing answers)", HEADER, rows)
    print(f"written: {write_json('head', figures)}")


def shares(found: list[int]) -> list[str]:
    covered = [r for r in found if r >= 0]
    first = sum(1 for r in covered if r == 1)
    top3 = sum(1 for r in covered if r in {1, 3})
    nothing = [r for r in found if r < 0]
    refused = sum(1 for r in nothing if r == -1)
    return [
        f"{first}/{len(covered)} ({first / len(covered):.1%})",
        f"{top3 / len(covered):.1%}",
        f"{refused}/{len(nothing)}" if nothing else "-",
    ]


if __name__ == "__main__":
    main()
