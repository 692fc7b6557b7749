"""Fit the hybrid matcher's logistic model on the train split of the real-question set.

    python -m benchmarks.hybrid_fit --encoders DIR [--parts-alone]

Every candidate of every train question is one example (right if its id is among the question's
labels). The answer head (bot/matching/head.py) learns from train questions too, so each
question's candidates are described by the head of the other folds (stacking:
benchmarks.held_out), never by one that saw it; the bot's head learnt from all of train.
Newton's method on the log-likelihood with a small L2 penalty; then the answer probability is
the lowest that keeps confident answers to train questions that nothing answers, and confident
wrong answers to covered ones, at 5% or fewer, and the suggestion floor the probability half of
the questions nothing answers reach, both on out-of-fold probabilities (`FOLDS`). Printed: the
figures of the weights written on their own training questions, and a nested out-of-fold
estimate. The threshold chosen on five models fitted on four fifths of train each is applied to
the model fitted on all of it. The test split is never read; train itself is not untouched
data (entries and phrasings were written from it). The nested estimate is a little kind: a
fold's logistic model was fitted on features from heads that had seen that fold, and its
threshold chosen on probabilities from models fitted on it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import embedding
from benchmarks.common import write_json
from benchmarks.held_out import SHIPPED_ENCODER_SAW_TRAIN, fold_matchers
from benchmarks.real_questions import FOLDS, fold_of, load_set
from bot.content.knowledge import load_knowledge
from bot.matching import evidence, hybrid
from bot.matching.embedder import Embedder, Vectors
from bot.matching.matcher import FaqMatcher

OUT = Path(hybrid.__file__).with_name("hybrid_weights.py")
_PENALTY = 1e-2
# The suggestion floor is never under this: a button the model gives less than one chance in
# ten is noise to the person who sees it. With the answer head the median rule alone gave
# 0.038, and a terminal tester's "how do I become a nurse" was offered three AI career paths
# (README, "Did you mean": what 0.1 costs on train).
LOWEST_FLOOR = 0.1


def logistic(x: Any, y: Any) -> Any:
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + _PENALTY * w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + _PENALTY * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w


def lowest_safe(tops: list[tuple[float, bool, bool]], share: float) -> float:
    """The lowest probability at which at most `share` of the unanswerable and of the
    covered questions get a confident wrong answer. (top p, covered, top is right)"""
    nothing = [p for p, covered, _ in tops if not covered]
    wrong = [p for p, covered, right in tops if covered and not right]
    covered = sum(1 for _, c, _ in tops if c)
    for t in sorted({p for p, _, _ in tops}):
        bad_nothing = sum(p >= t for p in nothing) / max(1, len(nothing))
        bad_covered = sum(p >= t for p in wrong) / max(1, covered)
        if bad_nothing <= share and bad_covered <= share:
            return float(t)
    return 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--parts-alone",
        action="store_true",
        help="encode each part of a message on its own, as before late chunking (prints the"
        " figures, writes nothing)",
    )
    parser.add_argument(
        "--encoders",
        type=Path,
        help="a folder of encoders fine-tuned without one fold each (<folder>/<fold>, from"
        " scripts/tune_minilm.py --fold): each fold is read by its own",
    )
    args = parser.parse_args()
    if args.encoders is None and SHIPPED_ENCODER_SAW_TRAIN:
        parser.error(
            "the shipped encoder learnt from the train messages: give --encoders with one"
            " encoder tuned without each fold (scripts/tune_minilm.py --fold N)"
        )
    parts_alone = args.parts_alone
    kb = load_knowledge()
    lexical = FaqMatcher(kb)
    semantic, _ = embedding.build(kb)
    if parts_alone:
        semantic.embedder = OneTextAtATime(semantic.embedder)
    train = [
        q for q in load_set() if q["split"] == "train" and q["scope"] in {"career", "offtopic"}
    ]
    judges = fold_matchers(kb, semantic, train, args.encoders)
    found = [(q, evidence.candidates(lexical, judges[fold_of(q)], q["q"])) for q in train]
    w = fitted(found)
    by_fold = fold_weights(found)
    answer, suggest = thresholds(lexical, found, held_out_judge(by_fold))
    if not parts_alone:
        write(w, answer, suggest, len(train), sum(len(cs) for _, cs in found))
    written = tally(lexical, found, lambda _: w, answer, suggest)
    nested = out_of_fold(lexical, found, by_fold)
    # Each question's out-of-fold probability against the one threshold the bot ships: the
    # per-fold thresholds of `nested` swing (each rests on a fifth fewer questions), and models
    # compared at their own swinging thresholds differ by the swing as much as by the model.
    at_written = tally(lexical, found, held_out_judge(by_fold), answer, suggest)
    print(f"train, the weights written: {written}\ntrain, out of fold (nested): {nested}")
    print(f"train, out of fold, at the threshold written: {at_written}")
    name = "hybrid_fit_parts_alone" if parts_alone else "hybrid_fit"
    figures = {
        "answer": answer,
        "suggest": suggest,
        "train": vars(written),
        "nested": vars(nested),
        "out_of_fold_at_written": vars(at_written),
    }
    print(f"written: {write_json(name, figures)}")


class OneTextAtATime:
    """The model without its in-context reader: each part of a message encoded alone."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.multilingual = inner.multilingual

    def encode(self, texts: Sequence[str]) -> Vectors:
        return self.inner.encode(texts)


Found = list[tuple[dict[str, Any], list[evidence.Candidate]]]
Weights = Callable[[dict[str, Any]], Any]  # the model that judges a question
# The thresholds are chosen on probabilities the model gave questions it was not fitted on
# (FOLDS of train, a thread's messages in one fold), as the bot meets new messages: a model
# judging its own training questions is surer of them than it will be of new ones.


def fitted(found: Found) -> Any:
    x = np.array([c.features for _, cs in found for c in cs])
    y = np.array([c.answer_id in q["ids"] for q, cs in found for c in cs], dtype=float)
    return logistic(x, y)


def fold_weights(found: Found) -> dict[int, Any]:
    """For each fold, the model fitted on the other folds."""
    return {
        fold: fitted([item for item in found if fold_of(item[0]) != fold]) for fold in range(FOLDS)
    }


def held_out_judge(by_fold: dict[int, Any]) -> Weights:
    """Each question judged by the model fitted without its fold."""
    return lambda question: by_fold[fold_of(question)]


def thresholds(lexical: FaqMatcher, found: Found, weights: Weights) -> tuple[float, float]:
    """The answer probability: the lowest at which at most 5% of the questions nothing
    answers, and of the covered ones, get a confident wrong answer; the suggestion floor: the
    probability half of the questions nothing answers reach, and at least LOWEST_FLOOR."""
    tops, nothing = [], []
    for q, cs in found:
        if not cs:
            continue
        w = weights(q)
        p, best = decided(lexical, q["q"], cs, w)
        tops.append((p, bool(q["ids"]), best in q["ids"]))
        if not q["ids"]:
            nothing.append(max(hybrid.probability(c.features, w) for c in cs))
    nothing.sort()
    return lowest_safe(tops, 0.05), max(nothing[len(nothing) // 2], LOWEST_FLOOR)


def out_of_fold(lexical: FaqMatcher, found: Found, by_fold: dict[int, Any]) -> Tally:
    """Each fold judged by the model fitted without it, at thresholds chosen on the other
    folds' questions (their out-of-fold probabilities, from models that did see this fold):
    an estimate for new messages from train. Each fold's threshold rests on four fifths of
    the questions and swings with them; `main` also reports the one threshold written."""
    total = Tally()
    weights = held_out_judge(by_fold)
    for fold in range(FOLDS):
        others = [item for item in found if fold_of(item[0]) != fold]
        answer, suggest = thresholds(lexical, others, weights)
        held_out = [item for item in found if fold_of(item[0]) == fold]
        total += tally(lexical, held_out, weights, answer, suggest)
    return total


_ALWAYS, _NEVER = 2.0, -1.0  # above and below any probability


def likeliest(cs: list[evidence.Candidate], w: Any) -> tuple[float, str]:
    """The likeliest candidate's probability and id; on a tie the first id in order, as
    HybridMatcher ranks them."""
    scored = [(hybrid.probability(c.features, w), c.answer_id) for c in cs]
    return min(scored, key=lambda item: (-item[0], item[1]))


def decided(lexical: FaqMatcher, message: str, cs: list[Any], w: Any) -> tuple[float, str]:
    """The best candidate and its probability as the bot's decision sees it (HybridMatcher):
    a short message is answered by the lexical matcher or not at all (hybrid.SHORT_WORDS),
    and a longer one whose lexical answer is also the model's best is answered, so the
    threshold is fitted on what the bot really leaves to it."""
    p, best = likeliest(cs, w)
    plain = lexical.match(message)
    if not hybrid.is_short(message):
        agreed = plain.outcome == "answer" and plain.id == best
        return (_ALWAYS, best) if agreed else (p, best)
    return (_ALWAYS, plain.id or "") if plain.outcome == "answer" else (_NEVER, best)


@dataclass
class Tally:
    covered: int = 0
    ranked: int = 0  # the best candidate is right, whatever the thresholds
    top1: int = 0
    first: int = 0  # top-1 or the first suggestion
    nothing: int = 0  # uncovered or off-topic
    wrong: int = 0  # ... and answered with confidence

    def __iadd__(self, other: Tally) -> Tally:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def __str__(self) -> str:
        def share(n: int, of: int) -> str:
            return f"{n}/{of} ({n / max(1, of):.1%})"

        return (
            f"covered ranked first {share(self.ranked, self.covered)},"
            f" top-1 {share(self.top1, self.covered)},"
            f" top-1 or first {share(self.first, self.covered)},"
            f" confident wrong {share(self.wrong, self.nothing)}"
        )


def tally(
    lexical: FaqMatcher, found: Found, weights: Weights, answer: float, suggest: float
) -> Tally:
    """The decision's figures on `found`, each question judged by `weights(question)`."""
    t = Tally()
    for q, cs in found:
        w = weights(q)
        top_p, top_id = decided(lexical, q["q"], cs, w) if cs else (0.0, None)
        best_p, best_id = likeliest(cs, w) if cs else (0.0, None)
        answered = top_id if top_p >= answer else None
        offered = top_id if top_p >= answer or best_p >= suggest else None
        if q["ids"] and q["scope"] == "career":
            t.covered += 1
            t.ranked += best_id in q["ids"]
            t.top1 += answered in q["ids"]
            t.first += offered in q["ids"]
        elif not q["ids"]:
            t.nothing += 1
            t.wrong += answered is not None
    return t


def write(w: Any, answer: float, suggest: float, questions: int, examples: int) -> None:
    # One value a line, as ruff formats it, so a refit leaves the format check green.
    features = "".join(f'\n    "{name}",' for name in evidence.FEATURES)
    weights = "".join(f"\n    {v:.4f}," for v in w)
    OUT.write_text(
        f'''"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
({questions} questions, {examples} candidates).
"""

FEATURES = ({features}
)
WEIGHTS = ({weights}
)
ANSWER = {answer:.4f}
SUGGEST = {suggest:.4f}
'''
    )
    print(OUT.read_text())


if __name__ == "__main__":
    main()
