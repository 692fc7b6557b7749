"""The scoring model: how well each role fits a person's answers, in numbers only.

Pure and deterministic: no I/O, no randomness, exact arithmetic (fractions, worked as whole
numbers over one common denominator), ties broken on the order of `ROLE_IDS`. The method is
an additive model over the answered questions only:

- every answered question gives every role between 0 and the question's weight in points
  (how well that one answer fits the role's tasks, code style, deep-learning target or skill
  target in roles.yaml; the weights and fits are in knowledge/recommender.yaml);
- a role's match is its points over the most the answered questions could give, so a
  skipped question counts neither for nor against anyone and partial profiles still get a
  sound 0-100 match (no answers at all: 50 for every role, i.e. no evidence either way);
- except a skipped skill, which is unknown rather than met: once anything is answered, it
  counts as if the person stood halfway up the climb to a role that needs it at
  accomplished (its core), and as met for a role that needs less;
- so every point is traceable to one answer (`ScoringModel.points`), and each reason
  (bot/recommend/explain.py) quotes one of the answers that moved the role's score most.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from bot.content.knowledge import ROLE_IDS, Knowledge
from bot.content.questions import (
    NEUTRAL_INTEREST,
    QUESTION_IDS,
    SKILL_PREFIX,
    Answer,
    answer_values,
    question_field,
)
from bot.content.recommender_config import RecommenderConfig, level_direction
from bot.content.schema import Role
from bot.recommend.climb import SkillClimb, exact
from bot.recommend.profile import Profile
from bot.recommend.tools import ToolEvidence

HALF = Fraction(1, 2)
NO_EVIDENCE = HALF  # the match of every role when nothing is answered
FLAT_TASKS_MIN = 3  # this many task answers, all alike, tell the roles nothing apart

Picks = list[tuple[int, int]]  # (question index, answer index) per answer, in answer order


@dataclass(frozen=True, slots=True)
class Scorecard:
    """One profile scored: what the confidence, the reasons and the swap hint read."""

    picks: Picks
    answer_index: list[int | None]  # per question, the answer's index; None where skipped
    totals: list[int]  # each role's points in ROLE_IDS order (skipped skills as unknown)
    reachable: int  # the most points the answers (and unknown skills) could give
    order: list[int]  # role indices, best first; equal matches keep the order of ROLE_IDS
    shown: list[int]  # each role's match in ROLE_IDS order, the percentage a person reads

    @property
    def margin(self) -> int:
        """Top score minus runner-up score, as a person reads them."""
        return self.shown[self.order[0]] - self.shown[self.order[1]]


class ScoringModel:
    """Scores answers against the roles. Build once per knowledge base and config; it holds
    no state beyond its tables.

    The model is computed once, exactly, as fractions (`weight`, `points`), then as integer
    tables (`whole_weight`, `whole_points`): every point times one common denominator
    (`scale`), so scoring a profile only adds and compares whole numbers and gets the very
    results the fractions give (a match is points over reachable points, and every role
    shares the same reachable).
    """

    def __init__(
        self,
        kb: Knowledge,
        config: RecommenderConfig,
        at_start: bool = False,
        conflict: bool = False,
    ) -> None:
        self._config = config
        climb = config.advice.climb
        # At the start the climb weighs more: interests alone would pick the role that
        # needs least of what the person lacks (see `advice.at_start` in recommender.yaml).
        factor = exact(config.advice.at_start.skill_weight) if at_start else Fraction(1)
        # When interests and skills pull apart, each skill answer weighs more and its climb
        # counts by how central the skill is to the role (see `advice.climb`).
        self.climb = SkillClimb(config, conflict, at_start)
        weights = config.weights.model_dump()
        self.weight = {
            q: exact(_weight_of(q, weights))
            * _difficulty(q, climb.difficulty, factor, config.advice.at_start.skills)
            * (self.climb.weight if q.startswith(SKILL_PREFIX) else 1)
            for q in QUESTION_IDS
        }
        # points[role][question][answer]: the whole model, computed once.
        self.points = {role: self._role_points(kb.roles[role]) for role in ROLE_IDS}
        self.levels = {role: kb.roles[role].levels for role in ROLE_IDS}  # the targets
        self._build_tables()
        tools_weight = math.floor(exact(config.weights.known_tools) * self.scale)
        self.tools = ToolEvidence(kb, tools_weight, sum(self.whole_weight))

    def score(self, profile: Profile) -> Scorecard:
        picks = _without_flat_tasks(self._picks(profile), self._fields)
        base = self.tools.added(profile.known_tools, *self._totals(picks))
        totals, reachable = self._with_unknown_skills(picks, base)
        # Unknown skills count beside answers only: alone they would rank the roles by how
        # little they need (the card keeps them, so the swap search's changes are exact).
        counted, most = (totals, reachable) if picks else base
        order = sorted(range(len(ROLE_IDS)), key=lambda r: -counted[r])  # stable: ROLE_IDS
        shown = _percents(counted, most)
        return Scorecard(picks, _answer_index(picks), totals, reachable, order, shown)

    def _with_unknown_skills(
        self, picks: Picks, counted: tuple[list[int], int]
    ) -> tuple[list[int], int]:
        """The skipped skills added to the points as unknown (see `_unknown`)."""
        totals, reachable = counted
        skipped = self._skills.difference(i for i, _ in picks)
        if skipped not in self._unknown_sums:  # one per set of skipped skills (256 at most)
            rows = [self._unknown_rows[i] for i in skipped]
            sums = [sum(column) for column in zip(*rows, strict=True)] if rows else None
            self._unknown_sums[skipped] = (sums, sum(self.whole_weight[i] for i in skipped))
        sums, weight = self._unknown_sums[skipped]
        if sums is None:
            return totals, reachable
        return [t + p for t, p in zip(totals, sums, strict=True)], reachable + weight

    # ------------------------------------------------------------------ the model

    def _role_points(self, role: Role) -> dict[str, dict[Answer, Fraction]]:
        return {
            q: {value: self.weight[q] * self._fit(role, q, value) for value in answer_values(q)}
            for q in QUESTION_IDS
        }

    def _fit(self, role: Role, question: str, value: Answer) -> Fraction:
        """How well one answer fits a role, from 0 (a full misfit) to 1 (a perfect fit)."""
        field_name, key = question_field(question)
        if field_name == "tasks":
            loved = Fraction(int(value), 4)
            return loved if key in role.tasks else 1 - loved
        if field_name == "code":
            return exact(getattr(getattr(self._config.code_fit, str(value)), role.code.style))
        if field_name == "deep_learning_interest":
            levels = self._config.deep_learning_direction
            direction = exact(level_direction(levels, role.levels["deep_learning"]))
            return (1 + direction * Fraction(int(value) - NEUTRAL_INTEREST, 2)) / 2
        return self.climb.fit(int(value), role.levels[str(key)])

    def _unknown(self, levels: Mapping[str, int], question: str) -> Fraction:
        """A skipped skill's points for a role (see `SkillClimb.unknown`)."""
        need = levels[question.removeprefix(SKILL_PREFIX)]
        return self.weight[question] * self.climb.unknown(need)

    # ------------------------------------------------------------------ integer tables

    def _build_tables(self) -> None:
        """The fractions above as whole numbers over one common denominator."""
        skills = [q for q in QUESTION_IDS if q.startswith(SKILL_PREFIX)]
        unknown = {q: [self._unknown(self.levels[r], q) for r in ROLE_IDS] for q in skills}
        # The foothold part of each skill question's weight (0 elsewhere, or no conflict).
        footholds = [
            self.weight[q] * self.climb.foothold_share if q in unknown else Fraction(0)
            for q in QUESTION_IDS
        ]
        fractions = [*self.weight.values(), *(p for row in unknown.values() for p in row)]
        fractions += footholds
        fractions += [
            p for table in self.points.values() for q in table.values() for p in q.values()
        ]
        self.scale = math.lcm(*(f.denominator for f in fractions))
        self.values = [answer_values(q) for q in QUESTION_IDS]
        self._value_index = [{v: i for i, v in enumerate(vs)} for vs in self.values]
        self._fields = [question_field(q) for q in QUESTION_IDS]
        self.whole_weight = [self.whole(self.weight[q]) for q in QUESTION_IDS]
        self._whole_foothold = [self.whole(part) for part in footholds]
        # whole_unknown[question]: every role's points for that skill skipped (None: not a
        # skill question).
        self.whole_unknown = [
            tuple(self.whole(p) for p in unknown[q]) if q in unknown else None for q in QUESTION_IDS
        ]
        self._unknown_rows = {i: row for i, row in enumerate(self.whole_unknown) if row}
        self._skills = frozenset(self._unknown_rows)
        self._unknown_sums: dict[frozenset[int], tuple[list[int] | None, int]] = {}
        # whole_points[question][answer]: every role's points, in ROLE_IDS order.
        self.whole_points = [
            [tuple(self.whole(self.points[role][q][v]) for role in ROLE_IDS) for v in values]
            for q, values in zip(QUESTION_IDS, self.values, strict=True)
        ]

    def climb_points(self, role: int, question: int, answer: int) -> tuple[int, int]:
        """An answer's points for a role and the question's weight, both without the foothold
        part of a conflict (whole numbers): that part ranks the roles, but every role that
        keeps it would otherwise show the skill as a reason for it."""
        points, weight = self.whole_points[question][answer][role], self.whole_weight[question]
        part = self._whole_foothold[question]
        if not part:
            return points, weight
        key = str(self._fields[question][1])
        have, need = int(self.values[question][answer]), self.levels[ROLE_IDS[role]][key]
        return points - (part if self.climb.keeps_foothold(have, need) else 0), weight - part

    def whole(self, number: Fraction) -> int:
        """`number` on the integer tables: times `scale`, which its denominator divides."""
        return number.numerator * (self.scale // number.denominator)

    # ------------------------------------------------------------------ one profile

    def _picks(self, profile: Profile) -> Picks:
        """The profile's answers as indices, reading its fields directly (no dict built)."""
        picks = []
        for i, (field_name, key) in enumerate(self._fields):
            value = getattr(profile, field_name)
            if key is not None:
                value = value.get(key)
            if value is not None:
                picks.append((i, self._value_index[i][value]))
        return picks

    def _totals(self, picks: Picks) -> tuple[list[int], int]:
        """Each role's points and the most points the answers could give, as whole numbers."""
        rows = [self.whole_points[i][value] for i, value in picks]
        if not rows:
            return [0] * len(ROLE_IDS), 0
        reachable = sum(self.whole_weight[i] for i, _ in picks)
        return [sum(column) for column in zip(*rows, strict=True)], reachable


def _difficulty(
    question: str, difficulty: Mapping[str, float], factor: Fraction, technical: Sequence[str]
) -> Fraction:
    """A skill's weight: its difficulty, times the at-start `factor` for the technical skills
    only (communication and business sense grow on any job, so they do not weigh more)."""
    field_name, key = question_field(question)
    if field_name != "skills":
        return Fraction(1)
    return exact(difficulty.get(str(key), 1.0)) * (factor if key in technical else 1)


def _without_flat_tasks(picks: Picks, fields: list[tuple[str, str | None]]) -> Picks:
    """Task answers that are all alike (love everything, dislike everything) say nothing
    about which role fits: counted, they would favour the role with the most tasks."""
    tasks = [pick for pick in picks if fields[pick[0]][0] == "tasks"]
    if len(tasks) < FLAT_TASKS_MIN or len({value for _, value in tasks}) > 1:
        return picks
    # Deep learning answered as every task was (tasks and deep learning on one 0-4 scale)
    # is the same "I like it all": it would favour the deep-learning twins just as flatly.
    alike = {*tasks, *(p for p in picks if fields[p[0]][0] == "deep_learning_interest")}
    alike = {pick for pick in alike if pick[1] == tasks[0][1]}
    return [pick for pick in picks if pick not in alike]


def _weight_of(question: str, weights: Mapping[str, float]) -> float:
    field_name, _ = question_field(question)
    return weights[{"tasks": "task", "skills": "skill"}.get(field_name, field_name)]


def _answer_index(picks: Picks) -> list[int | None]:
    found: list[int | None] = [None] * len(QUESTION_IDS)
    for i, value in picks:
        found[i] = value
    return found


def _percents(totals: list[int], reachable: int) -> list[int]:
    if not reachable:
        return [_percent(NO_EVIDENCE)] * len(totals)
    return [_percent_of(points, reachable) for points in totals]


def _percent(score: Fraction) -> int:
    """Round half up to a whole percentage (exact, so equal scores show equal numbers)."""
    return math.floor(score * 100 + HALF)


def _percent_of(points: int, reachable: int) -> int:
    """`_percent(Fraction(points, reachable))` in whole numbers: floor((200p + r) / 2r)."""
    return (200 * points + reachable) // (2 * reachable)
