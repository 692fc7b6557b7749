"""The recommender: a profile in, a ranked and explained role suggestion out.

Pure and deterministic: no I/O, no randomness, exact arithmetic (fractions), ties broken on
the order of `ROLE_IDS`. The method is an additive model over the answered questions only:

- every answered question gives every role between 0 and the question's weight in points
  (how well that one answer fits the role's tasks, code style, deep-learning target or skill
  target in roles.yaml; the weights and fits are in knowledge/recommender.yaml);
- a role's match is its points over the most the answered questions could give, so a
  skipped question counts neither for nor against anyone and partial profiles still get a
  sound 0-100 match (no answers at all: 50 for every role, i.e. no evidence either way);
- so every point is traceable to one answer (`Recommender.explain`), and each reason quotes
  one of the answers that moved the role's score most.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from bot.knowledge import ROLE_IDS, SKILL_IDS, Knowledge
from bot.profile import (
    CODE_QUESTION,
    DL_QUESTION,
    INTERESTS,
    NEUTRAL_INTEREST,
    QUESTION_IDS,
    SKILL_PREFIX,
    TASK_PREFIX,
    Answer,
    Profile,
    answer_values,
    question_field,
)
from bot.recommender_config import (
    RecommenderConfig,
    interest_word,
    level_direction,
    level_word,
)
from bot.schema import Role

Stance = Literal["for", "against"]
ConfidenceLevel = Literal["high", "medium", "low"]
Scores = dict[str, Fraction]

HALF = Fraction(1, 2)
NO_EVIDENCE = HALF  # the match of every role when nothing is answered


@dataclass(frozen=True)
class Reason:
    """One answer the person gave and how it bears on a role."""

    question: str
    stance: Stance
    text: str


@dataclass(frozen=True)
class RoleMatch:
    role: str
    name: str
    score: int  # 0-100, the match percentage a person reads
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class SwapHint:
    """The smallest single change of answer that would put the runner-up first."""

    role: str
    question: str
    before: Answer | None  # None: the question was skipped
    after: Answer
    text: str


@dataclass(frozen=True)
class Gap:
    skill: str
    name: str
    have: int
    need: int
    first_step: str


@dataclass(frozen=True)
class ToolToLearn:
    tool: str
    name: str
    task: str  # the task it is listed for, the most enjoyed one first


@dataclass(frozen=True)
class Contribution:
    """The points one answer gives one role, out of the most it could give."""

    question: str
    points: Fraction
    max_points: Fraction


@dataclass(frozen=True)
class Recommendation:
    ranking: tuple[RoleMatch, ...]
    confidence: ConfidenceLevel
    tie_breaker: str | None  # a question id; only with low or medium confidence
    margin: int  # top score minus runner-up score
    swap_hint: SwapHint | None
    gaps: tuple[Gap, ...]
    tools: tuple[ToolToLearn, ...]
    path: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The `career-bot recommend --json` contract, as plain data."""
        return {
            "ranking": [_match_dict(match) for match in self.ranking],
            "confidence": self.confidence,
            "tie_breaker": self.tie_breaker,
            "margin": self.margin,
            "swap_hint": _swap_dict(self.swap_hint),
            "gaps": [vars(gap) for gap in self.gaps],
            "tools": [vars(tool) for tool in self.tools],
            "path": list(self.path),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def _match_dict(match: RoleMatch) -> dict[str, Any]:
    reasons = [vars(reason) for reason in match.reasons]
    return {"role": match.role, "name": match.name, "score": match.score, "reasons": reasons}


def _swap_dict(hint: SwapHint | None) -> dict[str, Any] | None:
    if hint is None:
        return None
    keys = {"role": hint.role, "question": hint.question, "from": hint.before, "to": hint.after}
    return {**keys, "text": hint.text}


def recommend(profile: Profile, kb: Knowledge, config: RecommenderConfig) -> Recommendation:
    """Rank the roles for `profile` and explain the result."""
    return Recommender(kb, config).recommend(profile)


def question_text(question: str, kb: Knowledge, config: RecommenderConfig) -> str:
    """A quiz question in words, e.g. for the tie-breaker: "How much do you enjoy modeling?"."""
    texts = config.texts.questions
    field_name, key = question_field(question)
    if field_name == "tasks":
        return texts.task.format(task=in_sentence(kb.tasks[str(key)].name))
    if field_name == "skills":
        return texts.skill.format(skill=in_sentence(kb.skills[str(key)].name))
    return str(getattr(texts, field_name))


class Recommender:
    """Scores answers against the roles. Build once per knowledge base; it holds no state."""

    def __init__(self, kb: Knowledge, config: RecommenderConfig) -> None:
        self.kb, self.config = kb, config
        weights = config.weights.model_dump()
        self.weight = {q: _exact(_weight_of(q, weights)) for q in QUESTION_IDS}
        # points[role][question][answer]: the whole model, computed once.
        self.points = {role: self._role_points(kb.roles[role]) for role in ROLE_IDS}

    def recommend(self, profile: Profile) -> Recommendation:
        answers = profile.answers()
        scores = self.scores(answers)
        order = self.order(scores)
        top, runner_up = order[0], order[1]
        margin = _percent(scores[top]) - _percent(scores[runner_up])
        confidence = self._confidence(answers, margin)
        return Recommendation(
            ranking=tuple(self._match(answers, role, scores[role]) for role in order),
            confidence=confidence,
            tie_breaker=None if confidence == "high" else self.tie_breaker(answers, order),
            margin=margin,
            swap_hint=self.swap_hint(answers, order),
            gaps=self._gaps(profile, top),
            tools=self._tools(profile, top),
            path=self.kb.roles[top].path,
        )

    def explain(self, answers: Mapping[str, Answer], role: str) -> tuple[Contribution, ...]:
        """Where every point of `role`'s match comes from, one answer at a time."""
        return tuple(
            Contribution(q, self.points[role][q][value], self.weight[q])
            for q, value in answers.items()
        )

    def scores(self, answers: Mapping[str, Answer]) -> Scores:
        """Each role's exact match, 0 to 1."""
        reachable = self._reachable(answers)
        if not reachable:
            return dict.fromkeys(ROLE_IDS, NO_EVIDENCE)
        return {role: self._points(answers, role) / reachable for role in ROLE_IDS}

    @staticmethod
    def order(scores: Scores) -> list[str]:
        """Best first; equal matches keep the order of ROLE_IDS."""
        return sorted(ROLE_IDS, key=lambda role: (-scores[role], ROLE_IDS.index(role)))

    def _reachable(self, answers: Mapping[str, Answer]) -> Fraction:
        """The most points the answered questions could give a role."""
        return sum((self.weight[q] for q in answers), Fraction(0))

    def _points(self, answers: Mapping[str, Answer], role: str) -> Fraction:
        table = self.points[role]
        return sum((table[q][value] for q, value in answers.items()), Fraction(0))

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
            return _exact(getattr(getattr(self.config.code_fit, str(value)), role.code.style))
        if field_name == "deep_learning_interest":
            levels = self.config.deep_learning_direction
            direction = _exact(level_direction(levels, role.levels["deep_learning"]))
            return (1 + direction * Fraction(int(value) - NEUTRAL_INTEREST, 2)) / 2
        return self._skill_fit(int(value), role.levels[str(key)])

    def _skill_fit(self, have: int, need: int) -> Fraction:
        fit = self.config.skill_fit
        shortfall = max(0, need - have) * _exact(fit.below)
        excess = max(0, have - need) * _exact(fit.above)
        return max(Fraction(0), 1 - (shortfall + excess) / 3)

    # ------------------------------------------------------------------ confidence

    def _confidence(self, answers: Mapping[str, Answer], margin: int) -> ConfidenceLevel:
        settings = self.config.confidence
        if _is_flat(answers) or margin < settings.low_margin:
            return "low"
        if margin < settings.high_margin or len(answers) < settings.high_min_answers:
            return "medium"
        return "high"

    def tie_breaker(self, answers: Mapping[str, Answer], order: list[str]) -> str | None:
        """The question whose answer would best separate the top two.

        Asked among the skipped questions and the neutral interest answers first (that is
        where one more answer adds most), else among all; ties keep the quiz order.
        """
        first, second = order[0], order[1]
        swings = {q: self._swing(q, first, second) for q in QUESTION_IDS}
        useful = [q for q in QUESTION_IDS if swings[q] > 0]
        pool = [q for q in useful if _is_open(q, answers.get(q))] or useful
        return max(pool, key=lambda q: swings[q], default=None)

    def _swing(self, question: str, first: str, second: str) -> Fraction:
        """How far the answer to `question` can move the gap between two roles."""
        a, b = self.points[first][question], self.points[second][question]
        gaps = [a[value] - b[value] for value in answer_values(question)]
        return max(gaps) - min(gaps)

    # ------------------------------------------------------------------ swap hint

    def swap_hint(self, answers: Mapping[str, Answer], order: list[str]) -> SwapHint | None:
        """The smallest single change that puts the runner-up first, found by re-scoring.

        Size of a change: steps along the answer's scale; a skipped question counts one step
        for answering it plus the steps from the middle of its scale. Among equally small
        changes, the one that gives the runner-up the widest lead wins, then quiz order.
        """
        runner_up = order[1]
        totals = {role: self._points(answers, role) for role in ROLE_IDS}
        reachable = self._reachable(answers)
        found: list[tuple[Fraction, Fraction, int, str, Answer]] = []
        for q, value in _changes(answers):
            scores = self._rescored(answers, (totals, reachable), q, value)
            new_order = self.order(scores)
            if new_order[0] == runner_up:
                lead = scores[runner_up] - scores[new_order[1]]
                found.append((_cost(q, answers.get(q), value), -lead, len(found), q, value))
        if not found:
            return None
        *_, question, value = min(found)
        text = self._swap_text(question, value, runner_up)
        return SwapHint(runner_up, question, answers.get(question), value, text)

    def _rescored(
        self,
        answers: Mapping[str, Answer],
        now: tuple[Mapping[str, Fraction], Fraction],
        q: str,
        value: Answer,
    ) -> Scores:
        """`scores` with one answer changed, from the current totals (points per role, and
        the most reachable): the same exact numbers as scoring afresh, at a fraction of the
        cost."""
        (totals, reachable), before = now, answers.get(q)
        reachable += 0 if before is not None else self.weight[q]
        return {
            role: (totals[role] + self._change(role, q, before, value)) / reachable
            for role in ROLE_IDS
        }

    def _change(self, role: str, q: str, before: Answer | None, after: Answer) -> Fraction:
        table = self.points[role][q]
        return table[after] - (table[before] if before is not None else 0)

    def _swap_text(self, question: str, value: Answer, role: str) -> str:
        texts, (field_name, key) = self.config.texts, question_field(question)
        name = in_sentence(self.kb.roles[role].name)
        if field_name == "tasks":
            felt = interest_word(texts.felt, int(value))
            return texts.swap.task.format(felt=felt, task=self._task_name(str(key)), role=name)
        if field_name == "deep_learning_interest":
            felt = interest_word(texts.felt, int(value))
            return texts.swap.deep_learning.format(felt=felt, role=name)
        if field_name == "code":
            code = getattr(texts.code_answer, str(value))
            return texts.swap.code.format(code=code, role=name)
        level = level_word(texts.levels, int(value))
        return texts.swap.skill.format(skill=self._skill_name(str(key)), level=level, role=name)

    # ------------------------------------------------------------------ reasons

    def _match(self, answers: Mapping[str, Answer], role: str, score: Fraction) -> RoleMatch:
        name = self.kb.roles[role].name
        return RoleMatch(role, name, _percent(score), self.reasons(answers, role))

    def reasons(self, answers: Mapping[str, Answer], role: str) -> tuple[Reason, ...]:
        """2-4 answers that moved this role's match most: for first, then the strongest
        reason against when it costs enough to matter. Fewer only when fewer answers count.

        Among the reasons for, what the role does ("you love modeling, which this role does")
        comes before what it does not ("you dislike business analysis, which it seldom does").
        """
        settings = self.config.reasons
        leaning = [c for c in self.explain(answers, role) if abs(_lean(c)) >= settings.min_lean]
        pros = sorted(
            (c for c in leaning if _lean(c) > 0),
            key=lambda c: (self._shuns(role, c.question), -_pull(c)),
        )
        cons = sorted((c for c in leaning if _lean(c) < 0), key=_pull)
        worst = [c for c in cons[:1] if -_pull(c) >= _exact(settings.min_against)]
        chosen = pros[: settings.max - len(worst)] + worst
        spare = [c for c in pros + cons if c not in chosen]
        chosen += spare[: max(0, 2 - len(chosen))]
        chosen.sort(key=lambda c: _lean(c) < 0)  # stable: for first, each group in its order
        return tuple(self._reason(role, c, answers[c.question]) for c in chosen)

    def _shuns(self, role: str, question: str) -> bool:
        """True for an interest question where disliking it fits the role best."""
        values = self.points[role][question]
        return (
            question != CODE_QUESTION
            and not question.startswith(SKILL_PREFIX)
            and (values[0] > values[max(INTERESTS)])
        )

    def _reason(self, role_id: str, c: Contribution, value: Answer) -> Reason:
        stance: Stance = "for" if _lean(c) > 0 else "against"
        return Reason(c.question, stance, self._reason_text(role_id, c.question, value, stance))

    def _reason_text(self, role_id: str, question: str, value: Answer, stance: Stance) -> str:
        texts, role = self.config.texts, self.kb.roles[role_id]
        field_name, key = question_field(question)
        if field_name == "tasks":
            done = key in role.tasks
            template = texts.reasons.task_done if done else texts.reasons.task_not_done
            feel = interest_word(texts.feel, int(value))
            return template.format(feel=feel, task=self._task_name(str(key)))
        if field_name == "deep_learning_interest":
            core = not self._shuns(role_id, question)
            template = (
                texts.reasons.deep_learning_core if core else texts.reasons.deep_learning_minor
            )
            return template.format(feel=interest_word(texts.feel, int(value)))
        if field_name == "code":
            return self._code_reason(role, str(value), stance)
        return self._skill_reason(str(key), int(value), role.levels[str(key)], stance)

    def _code_reason(self, role: Role, answer: str, stance: Stance) -> str:
        texts = self.config.texts
        template = texts.reasons.code_differs
        if answer == role.code.style:
            template = texts.reasons.code_same
        elif stance == "for":
            template = texts.reasons.code_close
        code = getattr(texts.code_answer, answer)
        return template.format(code=code, role_code=getattr(texts.code_role, role.code.style))

    def _skill_reason(self, skill: str, have: int, need: int, stance: Stance) -> str:
        texts = self.config.texts
        words = texts.reasons
        if have == need:
            template = words.skill_meets if need else words.skill_not_needed
        elif have > need:
            template = words.skill_above if stance == "for" else words.skill_unused
        else:
            template = words.skill_close if stance == "for" else words.skill_below
        levels = (level_word(texts.levels, have), level_word(texts.levels, need))
        return template.format(skill=self._skill_name(skill), have=levels[0], need=levels[1])

    # ------------------------------------------------------------------ gaps, tools

    def _gaps(self, profile: Profile, role_id: str) -> tuple[Gap, ...]:
        """Each rated skill below the role's target, the widest gap first."""
        levels = self.kb.roles[role_id].levels
        below = [s for s in SKILL_IDS if s in profile.skills and profile.skills[s] < levels[s]]
        below.sort(key=lambda s: profile.skills[s] - levels[s])  # stable: SKILL_IDS on ties
        return tuple(self._gap(s, profile.skills[s], levels[s]) for s in below)

    def _gap(self, skill_id: str, have: int, need: int) -> Gap:
        skill = self.kb.skills[skill_id]
        return Gap(skill_id, skill.name, have, need, skill.first_step)

    def _tools(self, profile: Profile, role_id: str) -> tuple[ToolToLearn, ...]:
        """The role's tools the person does not know yet, for the most enjoyed task first."""
        role = self.kb.roles[role_id]
        # A skipped task counts as neutral; ties keep the role's own task order.
        tasks = sorted(role.tools, key=lambda t: -profile.tasks.get(t, NEUTRAL_INTEREST))
        seen = set(profile.known_tools)
        found: list[ToolToLearn] = []
        for task in tasks:
            for ref in role.tools[task]:
                if ref.tool not in seen:
                    seen.add(ref.tool)
                    found.append(ToolToLearn(ref.tool, self.kb.tools[ref.tool].name, task))
        return tuple(found)

    def _task_name(self, task_id: str) -> str:
        return in_sentence(self.kb.tasks[task_id].name)

    def _skill_name(self, skill_id: str) -> str:
        return in_sentence(self.kb.skills[skill_id].name)


# ---------------------------------------------------------------------- helpers


def _weight_of(question: str, weights: Mapping[str, float]) -> float:
    field_name, _ = question_field(question)
    return weights[{"tasks": "task", "skills": "skill"}.get(field_name, field_name)]


def _exact(number: float) -> Fraction:
    """The decimal the YAML file says (0.15 is 15/100, not the nearest binary float)."""
    return Fraction(repr(number))


def _percent(score: Fraction) -> int:
    """Round half up to a whole percentage (exact, so equal scores show equal numbers)."""
    return math.floor(score * 100 + HALF)


def _lean(c: Contribution) -> Fraction:
    """From -1/2 (a full misfit) through 0 (neutral) to 1/2 (a perfect fit)."""
    return c.points / c.max_points - HALF


def _pull(c: Contribution) -> Fraction:
    """Points gained (or lost, negative) against a neutral answer to the same question."""
    return _lean(c) * c.max_points


def _is_flat(answers: Mapping[str, Answer]) -> bool:
    """No task answer differs from another and no skill answer either: no role signal."""
    tasks = {value for q, value in answers.items() if q.startswith(TASK_PREFIX)}
    skills = {value for q, value in answers.items() if q.startswith(SKILL_PREFIX)}
    return len(tasks) <= 1 and len(skills) <= 1


def _is_open(question: str, value: Answer | None) -> bool:
    """Skipped, or answered "neutral": where one more answer tells us most."""
    interest = question.startswith(TASK_PREFIX) or question == DL_QUESTION
    return value is None or (interest and value == NEUTRAL_INTEREST)


def _changes(answers: Mapping[str, Answer]) -> Iterable[tuple[str, Answer]]:
    for q in QUESTION_IDS:
        for value in answer_values(q):
            if value != answers.get(q):
                yield q, value


def _cost(question: str, before: Answer | None, after: Answer) -> Fraction:
    values = answer_values(question)
    if before is None:
        middle = Fraction(len(values) - 1, 2)
        return 1 + abs(values.index(after) - middle)
    return Fraction(abs(values.index(after) - values.index(before)))


def in_sentence(name: str) -> str:
    """'Machine learning' -> 'machine learning' mid-sentence; 'AI infrastructure' stays."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name
