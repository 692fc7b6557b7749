"""How sure a ranking is, in numbers only: the confidence level, the question that would best
settle the top two, and the smallest single change of answer that would swap them.

Everything a call needs is tabled once per model, per role pair and per question, so a call
only compares whole numbers (see `ScoringModel`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.knowledge import ROLE_IDS, Knowledge
from bot.content.questions import (
    CODE_STYLES,
    DL_QUESTION,
    NEUTRAL_INTEREST,
    QUESTION_IDS,
    SKILL_PREFIX,
    TASK_PREFIX,
)
from bot.content.recommender_config import Confidence, RecommenderConfig, level_direction
from bot.content.schema import Role
from bot.recommend.result import ConfidenceLevel
from bot.recommend.scoring import Scorecard, ScoringModel


@dataclass(frozen=True, slots=True)
class Move:
    """One change of answer to one question, for the swap hint."""

    question: int
    after: int  # the new answer's index on the question's scale
    cost: int  # the size of the change (see `smallest_swap`), in half steps
    delta: tuple[int, ...]  # each role's change of points, in ROLE_IDS order
    reach: int  # the change of the most reachable points: the weight if the question was skipped


class ConfidenceModel:
    """The confidence level, tie-breaker and swap search over one `ScoringModel`."""

    def __init__(
        self, scoring: ScoringModel, settings: Confidence, neighbours: frozenset[frozenset[int]]
    ) -> None:
        self._scoring, self._settings = scoring, settings
        self._neighbours = neighbours
        self._tasks = frozenset(i for i, q in enumerate(QUESTION_IDS) if q.startswith(TASK_PREFIX))
        self._skills = frozenset(
            i for i, q in enumerate(QUESTION_IDS) if q.startswith(SKILL_PREFIX)
        )
        # Per question, the answer that counts as open like a skip (-1: none): "neutral" on
        # an interest question, where one more answer tells us most.
        self._neutral = [
            values.index(NEUTRAL_INTEREST) if is_interest(q) else -1
            for q, values in zip(QUESTION_IDS, scoring.values, strict=True)
        ]
        roles = range(len(ROLE_IDS))
        self._ties = [[self._tie_order(a, b) for b in roles] for a in roles]
        self._moves = [self._question_moves(i) for i in range(len(QUESTION_IDS))]

    # ------------------------------------------------------------------ confidence

    def level(self, card: Scorecard) -> ConfidenceLevel:
        settings, margin = self._settings, card.margin
        if self._is_flat(card):
            return "low"
        if margin < settings.low_margin and not self.neighbours_lead(card):
            return "low"
        if margin < settings.high_margin or len(card.picks) < settings.high_min_answers:
            return "medium"
        return "high"

    def neighbours_lead(self, card: Scorecard) -> bool:
        """The top two are neighbouring roles (see `neighbours`): a close call between them
        starts the same way either side, so it is a runner-up close behind, not a low
        confidence."""
        return frozenset(card.order[:2]) in self._neighbours

    def _is_flat(self, card: Scorecard) -> bool:
        """No task answer differs from another and no skill answer either: no role signal."""
        tasks = {value for i, value in card.picks if i in self._tasks}
        skills = {value for i, value in card.picks if i in self._skills}
        return len(tasks) <= 1 and len(skills) <= 1

    # ------------------------------------------------------------------ tie-breaker

    def tie_breakers(self, card: Scorecard) -> list[int]:
        """The questions whose answer would best separate the top two, best first: those
        where another answer would put the runner-up first.

        Asked only among the skipped questions and the neutral interest answers (a question
        the person already answered with a clear answer is never asked again), the widest
        swing first, ties in quiz order.
        """
        top, second = card.order[0], card.order[1]
        flips = [i for i in self._ties[top][second] if self._flips(card, i, top, second)]
        return [i for i in flips if card.answer_index[i] in (None, self._neutral[i])]

    def _flips(self, card: Scorecard, i: int, top: int, second: int) -> bool:
        """Some other answer to question `i` would rank `second` above `top`."""
        rows, now = self._scoring.whole_points[i], card.answer_index[i]
        lead = card.totals[top] - card.totals[second]
        counted = rows[now] if now is not None else self._scoring.whole_unknown[i]
        if counted is not None:  # the answer given, or a skipped skill counted as unknown
            lead -= counted[top] - counted[second]
        for value, points in enumerate(rows):
            if value == now:
                continue
            after = lead + points[top] - points[second]
            if after < 0 or (after == 0 and second < top):
                return True
        return False

    def _tie_order(self, first: int, second: int) -> tuple[int, ...]:
        """The questions that can move the gap between two roles, by `_swing`: the widest
        first, ties in quiz order (the order `max` would pick them in)."""
        swings = [self._swing(i, first, second) for i in range(len(QUESTION_IDS))]
        useful = [i for i, swing in enumerate(swings) if swing > 0]
        return tuple(sorted(useful, key=lambda i: -swings[i]))

    def _swing(self, question: int, first: int, second: int) -> int:
        """How far the answer to a question can move the gap between two roles."""
        rows = self._scoring.whole_points[question]
        gaps = [points[first] - points[second] for points in rows]
        return max(gaps) - min(gaps)

    # ------------------------------------------------------------------ swap

    def smallest_swap(self, card: Scorecard) -> Move | None:
        """The smallest single change that puts the runner-up first, found by re-scoring
        every change from the current totals, in O(roles) each.

        Size of a change: steps along the answer's scale; a skipped question counts one step
        for answering it plus the steps from the middle of its scale. Among equally small
        changes, the one that gives the runner-up the widest lead wins, then quiz order. A
        lead is (points ahead) / (reachable), compared crosswise.
        """
        runner_up, others = card.order[1], [r for r in card.order if r != card.order[1]]
        best: Move | None = None
        best_lead, best_reach = 0, 1
        for i, before in enumerate(card.answer_index):
            for move in self._moves[i][-1 if before is None else before]:
                if best is not None and move.cost > best.cost:
                    continue
                lead = _lead(card.totals, move.delta, runner_up, others)
                if lead is None:
                    continue
                reach = card.reachable + move.reach
                if best is None or move.cost < best.cost or lead * best_reach > best_lead * reach:
                    best, best_lead, best_reach = move, lead, reach
        return best

    def _question_moves(self, i: int) -> list[list[Move]]:
        """moves[before]: each change from answer index `before` (-1, the last: skipped), in
        scale order."""
        size = len(self._scoring.values[i])
        return [
            [self._move(i, before, after) for after in range(size) if after != before]
            for before in [*range(size), None]
        ]

    def _move(self, i: int, before: int | None, after: int) -> Move:
        points, size = self._scoring.whole_points[i], len(self._scoring.values[i])
        unknown = self._scoring.whole_unknown[i]  # a skipped skill already counts, as unknown
        was = points[before] if before is not None else unknown or (0,) * len(ROLE_IDS)
        delta = tuple(new - old for new, old in zip(points[after], was, strict=True))
        # Answering a skipped question adds its weight to the most reachable points.
        reach = self._scoring.whole_weight[i] if before is None and unknown is None else 0
        return Move(i, after, half_steps(size, before, after), delta, reach)


def is_interest(question: str) -> bool:
    return question.startswith(TASK_PREFIX) or question == DL_QUESTION


def _lead(
    totals: list[int], delta: tuple[int, ...], runner_up: int, others: list[int]
) -> int | None:
    """How many points the runner-up would lead by after a change of `delta` (None: it
    would not be first; on equal points the order of ROLE_IDS decides, as in the ranking)."""
    mine = totals[runner_up] + delta[runner_up]
    second: int | None = None
    for r in others:  # the current leaders first: most changes fail at once
        theirs = totals[r] + delta[r]
        if theirs > mine or (theirs == mine and r < runner_up):
            return None
        if second is None or theirs > second:
            second = theirs
    return None if second is None else mine - second


def half_steps(size: int, before: int | None, after: int) -> int:
    """The size of a change on a scale of `size` answers (see `smallest_swap`), in half
    steps: two per step; a skipped question two for answering it plus the half steps from
    its middle."""
    if before is None:
        return 2 + abs(2 * after - (size - 1))
    return 2 * abs(after - before)


def neighbours(kb: Knowledge, config: RecommenderConfig) -> frozenset[frozenset[int]]:
    """The pairs of roles (indices in ROLE_IDS) that differ in one respect at most: one task,
    one step of code style, or whether deep learning is central (a role and its deep learning
    twin; data analyst and data scientist; data scientist and machine learning researcher).
    Between two of them the direction and the first steps are the same, whichever leads."""
    roles = [kb.roles[role] for role in ROLE_IDS]

    def differences(first: Role, second: Role) -> int:
        tasks = len(set(first.tasks) ^ set(second.tasks))
        code = abs(CODE_STYLES.index(first.code.style) - CODE_STYLES.index(second.code.style))
        deep = _deep(config, first) != _deep(config, second)
        return tasks + code + deep

    return frozenset(
        frozenset((a, b))
        for a, first in enumerate(roles)
        for b, second in enumerate(roles)
        if a < b and differences(first, second) <= 1
    )


def _deep(config: RecommenderConfig, role: Role) -> float:
    """Whether loving deep learning counts for the role or against it."""
    return level_direction(config.deep_learning_direction, role.levels["deep_learning"])
