"""The one entry to recommending: a profile in, a ranked and explained role suggestion out.

`Recommender` joins the parts, each in its own module: the scoring model (numbers only), how
sure the ranking is (confidence, tie-breaker, swap search, the three readable parts), the
wording of reasons and hints, the advice for the top role (gaps, tools, path) and the advice
that depends on where the person stands (at the start, a career next to the nine roles).

Two scoring models are built: the usual one, and one for a person at the start, where the
climb to a role's skills weighs more (see `advice.at_start` in recommender.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from bot.content.knowledge import ROLE_IDS, Knowledge
from bot.content.questions import NEUTRAL_INTEREST, QUESTION_IDS
from bot.content.recommender_config import RecommenderConfig
from bot.recommend.advice import (
    PathRules,
    named_tools,
    path_for,
    skill_gaps,
    tools_to_learn,
    unknown_skills,
)
from bot.recommend.certainty import Certainty, profile_size
from bot.recommend.comparison import Comparison, compare
from bot.recommend.confidence import ConfidenceModel, half_steps, is_interest, neighbours
from bot.recommend.explain import Explainer
from bot.recommend.guidance import adjacent_career, entry_routes, first_months, is_at_start
from bot.recommend.profile import Profile
from bot.recommend.result import (
    ConfidenceLevel,
    ConfidenceParts,
    Conflict,
    Recommendation,
    RoleMatch,
    SwapHint,
)
from bot.recommend.scoring import FLAT_TASKS_MIN, Scorecard, ScoringModel


def recommend(profile: Profile, kb: Knowledge, config: RecommenderConfig) -> Recommendation:
    """Rank the roles for `profile` and explain the result, once (a caller that recommends
    often keeps one `Recommender`: building its tables costs more than a call)."""
    return Recommender(kb, config).recommend(profile)


@dataclass(frozen=True)
class _Model:
    """One scoring model with the parts that read its tables."""

    scoring: ScoringModel
    confidence: ConfidenceModel
    explainer: Explainer
    certainty: Certainty


class _Ranked(NamedTuple):
    """A profile ranked: the model that did it, its scorecard and what chose the model."""

    model: _Model
    card: Scorecard
    conflict: Conflict | None
    at_start: bool


class Recommender:
    """Build once per knowledge base and config; it holds no state beyond its tables."""

    def __init__(self, kb: Knowledge, config: RecommenderConfig) -> None:
        self.kb, self.config = kb, config
        self._neighbours = neighbours(kb, config)
        self._usual, self._at_start = self._model(False), self._model(True)
        # The same two for when interests and skills pull apart (the climb weighs more),
        # built the first time a profile needs one: most never do.
        self._conflicted: dict[bool, _Model] = {}
        self.scoring = self._usual.scoring
        self._names = [kb.roles[role].name for role in ROLE_IDS]
        advice = config.advice
        self._path = PathRules(
            advice.path_skills,
            advice.path_tools,
            named_tools(kb),
            advice.texts.path_uses,
            advice.texts.path_has,
            advice.texts.path_uses_and_has,
            config.texts.summary.separator,
        )

    def _model(self, at_start: bool, conflict: bool = False) -> _Model:
        scoring = ScoringModel(self.kb, self.config, at_start, conflict)
        return _Model(
            scoring,
            ConfidenceModel(scoring, self.config.confidence, self._neighbours),
            Explainer(self.kb, self.config, scoring),
            Certainty(self.kb, self.config, scoring, self._neighbours),
        )

    def scoring_for(self, profile: Profile) -> ScoringModel:
        """The scoring model that ranks this profile (the at-start one for a beginner)."""
        return self._model_for(profile).scoring

    def _model_for(self, profile: Profile) -> _Model:
        return self._rank(profile).model

    def _rank(self, profile: Profile) -> _Ranked:
        """The profile ranked by its model: the at-start one for a beginner, and the one
        where the climb weighs more when its interests and skills pull apart (the conflict
        found on the ranking before that)."""
        at_start = is_at_start(profile, self.config.advice.at_start)
        model = self._at_start if at_start else self._usual
        card = model.scoring.score(profile)
        conflict = model.certainty.conflict(card, profile)
        if conflict is not None:
            if at_start not in self._conflicted:
                self._conflicted[at_start] = self._model(at_start, conflict=True)
            model = self._conflicted[at_start]
            card = model.scoring.score(profile)
        return _Ranked(model, card, conflict, at_start)

    def recommend(self, profile: Profile) -> Recommendation:
        model, card, conflict, at_start = self._rank(profile)
        top = ROLE_IDS[card.order[0]]
        flat = _flat_interests(profile) or _no_task_liked(profile)
        parts = model.certainty.parts(card, profile, flat, conflict)
        confidence = _overall(model.confidence.level(card), parts)
        advice = self.config.advice
        return Recommendation(
            ranking=tuple(self._match(model, role, card) for role in card.order),
            confidence=confidence,
            tie_breaker=None if confidence == "high" else self._tie_breaker(model, card, profile),
            margin=card.margin,
            swap_hint=self._swap_hint(model, card, profile),
            gaps=skill_gaps(profile, top, self.kb),
            tools=tools_to_learn(profile, top, self.kb),
            path=path_for(profile, top, self.kb, self._path),
            at_start=at_start,
            entry_routes=entry_routes(profile, self.kb, advice.at_start) if at_start else (),
            first_months=first_months(profile, advice.at_start) if at_start else (),
            adjacent=adjacent_career(profile, [ROLE_IDS[r] for r in card.order], advice),
            confidence_parts=parts,
            unknown_skills=unknown_skills(profile, top, self.kb),
            why_not=compare(self.kb, model.scoring, card, profile.skills, card.order[1]),
        )

    def compare(self, profile: Profile, role: str) -> Comparison:
        """The suggestion against any role, as `why_not` is against the runner-up."""
        model, card, _, _ = self._rank(profile)
        return compare(self.kb, model.scoring, card, profile.skills, ROLE_IDS.index(role))

    def _match(self, model: _Model, role: int, card: Scorecard) -> RoleMatch:
        reasons = model.explainer.reasons(role, card.picks)
        return RoleMatch(ROLE_IDS[role], self._names[role], card.shown[role], reasons)

    def _tie_breaker(self, model: _Model, card: Scorecard, profile: Profile) -> str | None:
        """The first candidate an answer to which really puts the runner-up first (a change
        that makes the person a beginner, or not, is scored by the other model)."""
        top, second = card.order[0], card.order[1]
        for i in model.confidence.tie_breakers(card):
            for value in model.scoring.values[i]:
                changed = profile.with_answer(QUESTION_IDS[i], value)
                order = self._rank(changed).card.order
                if order.index(second) < order.index(top):
                    return QUESTION_IDS[i]
        return None

    def _swap_hint(self, model: _Model, card: Scorecard, profile: Profile) -> SwapHint | None:
        move = model.confidence.smallest_swap(card)
        if move is None:
            return None
        before = card.answer_index[move.question]
        if len(card.picks) < profile_size(profile):
            # Answers not counted (alike to every task) read as skipped to the search, so a
            # smaller change to one of them could swap too: not a sure smallest swap.
            return None
        skipped = self._skipped_interest_swap(model, card, profile, move.cost)
        if skipped is not None:
            return model.explainer.swap_hint(card.order[1], skipped[0], None, skipped[1])
        value = model.scoring.values[move.question][move.after]
        changed = profile.with_answer(QUESTION_IDS[move.question], value)
        if not self._sure_swap(model, card, profile, changed):
            return None  # another model would rank, or the answer would not count: no swap
        return model.explainer.swap_hint(card.order[1], move.question, before, move.after)

    def _skipped_interest_swap(
        self, model: _Model, card: Scorecard, profile: Profile, under: int
    ) -> tuple[int, int] | None:
        """A change smaller than `under` that answers a skipped interest question and puts
        the runner-up first, re-scored in full: (question, answer index), cheapest first.
        Answering one changes what the other interest answers count for, which the search's
        per-answer points miss (a property test's profile: Neutral to a skipped modeling
        question swapped in one step; the search named a change of one and a half)."""
        found = []
        for i, question in enumerate(QUESTION_IDS):
            if card.answer_index[i] is not None or not is_interest(question):
                continue
            values = model.scoring.values[i]
            for after, value in enumerate(values):
                cost = half_steps(len(values), None, after)
                if cost >= under:
                    continue  # no smaller than the search's change: not re-scored
                if self._sure_swap(model, card, profile, profile.with_answer(question, value)):
                    found.append((cost, i, after))
        return min(found)[1:] if found else None

    def _sure_swap(
        self, model: _Model, card: Scorecard, profile: Profile, changed: Profile
    ) -> bool:
        """The change keeps the scoring model and the reading of alike interests (otherwise
        another model would rank: not a sure swap), and puts the runner-up first (an answer
        alike to every task would not count)."""
        same = _flat_interests(changed) == _flat_interests(profile)
        if self._model_for(changed) is not model or not same:
            return False
        return model.scoring.score(changed).order[0] == card.order[1]


def _overall(level: ConfidenceLevel, parts: ConfidenceParts) -> ConfidenceLevel:
    """Low when any of the three parts says so: a close call (the model's level), too few
    answers, interests that cannot tell roles apart, or interests and skills pulling apart."""
    if parts.low:
        return "low"
    return level


def _no_task_liked(profile: Profile) -> bool:
    """Three or more task answers and none above neutral: the interests point to no role,
    so whatever leads does so on skills alone."""
    values = list(profile.tasks.values())
    return len(values) >= FLAT_TASKS_MIN and max(values) <= NEUTRAL_INTEREST


def _flat_interests(profile: Profile) -> bool:
    """Three or more task answers, all alike: they cannot tell the roles apart."""
    values = list(profile.tasks.values())
    return len(values) >= 3 and len(set(values)) == 1
