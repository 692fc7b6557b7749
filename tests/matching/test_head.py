"""The answer head (bot/matching/head.py): a softmax classifier over sentence vectors that
learns from phrasings and real questions, with a class for questions none of ours answers;
and the minimiser that fits it (lbfgs.py)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.matching.embedder import Vectors
from bot.matching.examples import Examples
from bot.matching.head import Training, lessons, objective, train
from bot.matching.lbfgs import Array, minimise
from bot.matching.stopped import EncodingStopped

ANSWERS = ["faq.phd_required", "role.data_engineer", "tool.pandas"]


def axis(i: int, width: int = 4) -> Vectors:
    row = np.zeros((1, width), np.float32)
    row[0, i] = 1.0
    return row


def phrasings() -> tuple[Vectors, list[str]]:
    """Each answer's phrasings lie near its own axis."""
    noise = np.random.default_rng(7).normal(0, 0.05, (9, 4)).astype(np.float32)
    vectors = np.vstack([axis(i % 3) for i in range(9)]) + noise
    return vectors, [ANSWERS[i % 3] for i in range(9)]


def test_lbfgs_finds_the_minimum_of_a_quadratic_bowl() -> None:
    centre = np.array([3.0, -2.0, 0.5])
    scale = np.array([1.0, 10.0, 100.0])  # badly conditioned on purpose

    def bowl(x: Array) -> tuple[float, Array]:
        return float((scale * (x - centre) ** 2).sum()), 2 * scale * (x - centre)

    found = minimise(bowl, np.zeros(3), max_steps=200, tolerance=1e-12)
    assert np.allclose(found, centre, atol=1e-3)


def test_lbfgs_stops_when_told_to() -> None:
    calls: list[int] = []

    def told_after_three() -> None:
        calls.append(1)
        if len(calls) > 3:
            raise EncodingStopped("stopped")

    with pytest.raises(EncodingStopped):
        # exp falls for ever: only the check can end this within 100 steps
        minimise(
            lambda x: (float(np.exp(x).sum()), np.exp(x)), np.ones(3), 100, 0.0, told_after_three
        )
    assert len(calls) == 4


def test_the_gradient_is_the_slope_of_the_loss() -> None:
    """Checked against finite differences, so a penalised bias, an ignored question weight or
    a wrong soft target would show."""
    vectors, labels = phrasings()
    mixed = Examples(np.vstack([axis(3), axis(2)]), (("faq.phd_required", "tool.pandas"), ()))
    taught = lessons(ANSWERS, vectors, labels, mixed, Training(c=0.5, example_weight=3.0))
    loss_and_gradient = objective(taught, Training(c=0.5, example_weight=3.0))
    point = np.random.default_rng(3).normal(0, 0.5, 5 * 4)
    _, gradient = loss_and_gradient(point)
    step = 1e-3
    for i in range(len(point)):
        nudge = np.zeros_like(point)
        nudge[i] = step
        up, _ = loss_and_gradient(point + nudge)
        down, _ = loss_and_gradient(point - nudge)
        assert gradient[i] == pytest.approx((up - down) / (2 * step), abs=2e-3)


def test_the_head_ranks_each_answers_own_phrasings_first() -> None:
    vectors, labels = phrasings()
    taught = lessons(ANSWERS, vectors, labels, Examples.none(4), Training())
    head = train(taught, Training())
    probabilities, none = head.probabilities(np.vstack([axis(0), axis(1), axis(2)]))
    assert probabilities.argmax(axis=1).tolist() == [0, 1, 2]
    assert np.allclose(probabilities.sum(axis=1) + none, 1.0, atol=1e-5)


def test_a_question_nothing_answers_teaches_the_none_class() -> None:
    vectors, labels = phrasings()
    off_topic = Examples(np.vstack([axis(3), axis(3)]), ((), ()))
    head = train(lessons(ANSWERS, vectors, labels, off_topic, Training()), Training())
    probabilities, none = head.probabilities(axis(3))
    assert none[0] > probabilities.max()


def test_an_answer_named_twice_is_still_one_answer() -> None:
    vectors, labels = phrasings()
    twice = Examples(axis(3), (("tool.pandas", "tool.pandas"),))
    taught = lessons(ANSWERS, vectors, labels, twice, Training())
    assert taught.targets[-1].tolist() == [0.0, 0.0, 1.0, 0.0]


def test_a_question_with_two_right_answers_shares_its_weight_between_them() -> None:
    vectors, labels = phrasings()
    both = Examples(axis(3), (("faq.phd_required", "tool.pandas"),))
    taught = lessons(ANSWERS, vectors, labels, both, Training(example_weight=2.0))
    assert taught.targets[-1].tolist() == [0.5, 0.0, 0.5, 0.0]
    assert taught.question_weight == pytest.approx(2.0)
    probabilities, _ = train(taught, Training()).probabilities(axis(3))
    assert set(probabilities.argsort(axis=1)[0, -2:].tolist()) == {0, 2}


def test_a_real_question_moves_the_answer_its_words_would_not_reach() -> None:
    """What the examples are for: a question phrased unlike any phrasing still lands."""
    vectors, labels = phrasings()
    unlike = axis(3) + 0.3 * axis(1)
    before, _ = train(
        lessons(ANSWERS, vectors, labels, Examples.none(4), Training()), Training()
    ).probabilities(unlike)
    learnt = Examples(axis(3), (("tool.pandas",),))
    after, _ = train(
        lessons(ANSWERS, vectors, labels, learnt, Training()), Training()
    ).probabilities(unlike)
    assert ANSWERS[int(before.argmax())] == "role.data_engineer"
    assert ANSWERS[int(after.argmax())] == "tool.pandas"
