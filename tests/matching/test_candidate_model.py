"""The model that weighs the candidates (bot/matching/candidate_model.py) and its fit
(benchmarks/hybrid_fit.py): each candidate alone, the candidates together against "none of
them", and the mean the bot uses."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from benchmarks.hybrid_fit import Choice, conditional_logit, fitted
from bot.matching.candidate_model import CandidateModel
from bot.matching.evidence import FEATURES, NONE_FEATURES, Candidate, none_features

LEXICAL = FEATURES.index("lexical")
WIDTH = len(FEATURES)


def candidate(answer_id: str, lexical: float) -> Candidate:
    features = [0.0] * WIDTH
    features[LEXICAL] = lexical
    return Candidate(answer_id, tuple(features))


def weights(lexical: float) -> tuple[float, ...]:
    """Weights that look at the lexical score only."""
    w = [0.0] * WIDTH
    w[LEXICAL] = lexical
    return tuple(w)


ALONE = CandidateModel(alone=(-2.0, *weights(4.0)))
# "none of them" scores its constant and nothing else: 2.0, what a lexical score of 0.5 scores.
TOGETHER = CandidateModel(together=weights(4.0), none=(2.0, 0.0, 0.0, 0.0, 0.0))


def test_alone_a_candidate_s_probability_ignores_its_rivals() -> None:
    strong = candidate("a", 1.0)
    alone = ALONE.probabilities([strong])
    with_rival = ALONE.probabilities([strong, candidate("b", 1.0)])
    assert with_rival[0] == pytest.approx(alone[0])


def test_together_close_rivals_share_the_probability_that_one_of_them_is_right() -> None:
    strong = candidate("a", 1.0)
    alone = TOGETHER.probabilities([strong])[0]
    shared = TOGETHER.probabilities([strong, candidate("b", 1.0)])
    assert shared[0] == pytest.approx(shared[1])
    assert shared[0] < alone
    assert sum(shared) < 1.0  # what is left is "none of them"


def test_together_weak_evidence_everywhere_leaves_most_to_none_of_them() -> None:
    weak = TOGETHER.probabilities([candidate("a", 0.1), candidate("b", 0.1)])
    assert sum(weak) < 0.5


def test_the_bot_s_model_is_the_mean_of_both() -> None:
    found = [candidate("a", 0.9), candidate("b", 0.4)]
    both = CandidateModel(ALONE.alone, TOGETHER.together, TOGETHER.none)
    expected = [
        (x + y) / 2
        for x, y in zip(ALONE.probabilities(found), TOGETHER.probabilities(found), strict=True)
    ]
    assert both.probabilities(found) == pytest.approx(expected)


def test_nothing_to_weigh_has_no_probabilities() -> None:
    assert CandidateModel(ALONE.alone, TOGETHER.together, TOGETHER.none).probabilities([]) == []


def test_huge_scores_do_not_overflow() -> None:
    huge = CandidateModel(together=weights(1000.0), none=(0.0,) * len(NONE_FEATURES))
    p = huge.probabilities([candidate("a", 5.0), candidate("b", 4.0)])
    assert p == pytest.approx([1.0, 0.0])


def test_none_of_them_is_described_by_the_best_of_each_signal() -> None:
    found = [candidate("a", 0.3), candidate("b", 0.8)]
    described = dict(zip(NONE_FEATURES, none_features(found), strict=True))
    assert described["constant"] == 1.0
    assert described["best_lexical"] == 0.8


Question = tuple[dict[str, Any], list[Candidate]]


def _question(right: str | None, scores: dict[str, float]) -> Question:
    return {"ids": [right] if right else []}, [candidate(a, s) for a, s in scores.items()]


# Questions where the right answer is the one the words score highest, when any scores high;
# questions whose best score is low have no right answer among the candidates.
_LEARNT_FROM = [
    _question("a", {"a": 0.9, "b": 0.5}),
    _question("b", {"a": 0.3, "b": 0.8}),
    _question("c", {"c": 0.95, "a": 0.6, "b": 0.2}),
    _question(None, {"a": 0.2, "b": 0.15}),
    _question(None, {"a": 0.1, "c": 0.2}),
] * 4


def test_the_conditional_logit_learns_to_rank_by_the_evidence_and_to_say_none() -> None:
    w, none = conditional_logit([Choice.of(q, cs) for q, cs in _LEARNT_FROM])
    assert w[LEXICAL] > 0
    model = CandidateModel(together=tuple(w.tolist()), none=tuple(none.tolist()))
    clear = model.probabilities([candidate("x", 0.2), candidate("y", 0.9)])
    assert np.argmax(clear) == 1
    assert max(clear) > 0.5
    assert sum(model.probabilities([candidate("x", 0.15), candidate("y", 0.1)])) < 0.5


def test_the_fit_gives_the_bot_both_models_and_a_variant_one() -> None:
    both = fitted(_LEARNT_FROM)
    assert len(both.alone) == WIDTH + 1
    assert (len(both.together), len(both.none)) == (WIDTH, len(NONE_FEATURES))
    together = fitted(_LEARNT_FROM, "together")
    assert (together.alone, len(together.together)) == ((), WIDTH)
