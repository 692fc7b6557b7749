"""The recommender: a profile in, a ranked and explained role suggestion out.

Pure and deterministic: no I/O, no randomness, exact arithmetic (fractions, worked as whole
numbers over one common denominator), ties broken on the order of `ROLE_IDS`. The method is
an additive model over the answered questions only:

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
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from bot.content.knowledge import ROLE_IDS, SKILL_IDS, Knowledge
from bot.content.questions import (
    CODE_QUESTION,
    DL_QUESTION,
    INTERESTS,
    NEUTRAL_INTEREST,
    QUESTION_IDS,
    SKILL_PREFIX,
    TASK_PREFIX,
    Answer,
    answer_values,
    question_field,
)
from bot.content.recommender_config import (
    RecommenderConfig,
    interest_word,
    level_direction,
    level_word,
)
from bot.content.schema import Role
from bot.recommend.profile import Profile

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


_Picks = list[tuple[int, int]]  # (question index, answer index) per answer, in answer order


@dataclass(frozen=True, slots=True)
class _Lean:
    """What one answer says about one role, as `reasons` ranks it (computed once, exactly)."""

    pro: bool  # it leans for the role; else against
    # Its place in its group, as a dense rank (equal pulls, equal ranks): for, what the role
    # does before what it shuns, then the biggest gain first; against, the biggest loss first.
    rank: int
    costly: bool  # against, and it costs at least `min_against` points
    reason: Reason


@dataclass(frozen=True, slots=True)
class _Move:
    """One change of answer to one question, for the swap hint."""

    question: int
    after: int  # the new answer's index on the question's scale
    cost: int  # the size of the change (see `swap_hint`), in half steps
    delta: tuple[int, ...]  # each role's change of points, in ROLE_IDS order
    reach: int  # the change of the most reachable points: the weight if the question was skipped


class Recommender:
    """Scores answers against the roles. Build once per knowledge base; it holds no state
    beyond its tables, computed once from the knowledge base and the config.

    The model is computed once, exactly, as fractions (`weight`, `points`: what `explain` and
    `scores` show), then as integer tables: every point times one common denominator, so a
    call only adds and compares whole numbers and gets the very results the fractions give
    (a match is points over reachable points, and every role shares the same reachable).
    """

    def __init__(self, kb: Knowledge, config: RecommenderConfig) -> None:
        self.kb, self.config = kb, config
        weights = config.weights.model_dump()
        self.weight = {q: _exact(_weight_of(q, weights)) for q in QUESTION_IDS}
        # points[role][question][answer]: the whole model, computed once.
        self.points = {role: self._role_points(kb.roles[role]) for role in ROLE_IDS}
        self._build_tables()

    def recommend(self, profile: Profile) -> Recommendation:
        picks = self._profile_picks(profile)
        totals, reachable = self._totals(picks)
        order = self._order(totals)
        top, runner_up = order[0], order[1]
        shown = self._percents(totals, reachable)
        margin = shown[top] - shown[runner_up]
        confidence = self._confidence(picks, margin)
        at = self._at(picks)
        tie_breaker = None if confidence == "high" else self._tie_breaker(at, top, runner_up)
        return Recommendation(
            ranking=tuple(
                RoleMatch(ROLE_IDS[r], self._names[r], shown[r], self._reasons(r, picks))
                for r in order
            ),
            confidence=confidence,
            tie_breaker=None if tie_breaker is None else QUESTION_IDS[tie_breaker],
            margin=margin,
            swap_hint=self._swap_hint(at, totals, reachable, order),
            gaps=self._gaps(profile, ROLE_IDS[top]),
            tools=self._tools(profile, ROLE_IDS[top]),
            path=self.kb.roles[ROLE_IDS[top]].path,
        )

    def explain(self, answers: Mapping[str, Answer], role: str) -> tuple[Contribution, ...]:
        """Where every point of `role`'s match comes from, one answer at a time."""
        return tuple(
            Contribution(q, self.points[role][q][value], self.weight[q])
            for q, value in answers.items()
        )

    def scores(self, answers: Mapping[str, Answer]) -> Scores:
        """Each role's exact match, 0 to 1."""
        totals, reachable = self._totals(self._picks(answers))
        if not reachable:
            return dict.fromkeys(ROLE_IDS, NO_EVIDENCE)
        return {role: Fraction(totals[r], reachable) for r, role in enumerate(ROLE_IDS)}

    @staticmethod
    def order(scores: Scores) -> list[str]:
        """Best first; equal matches keep the order of ROLE_IDS."""
        return sorted(ROLE_IDS, key=lambda role: (-scores[role], ROLE_IDS.index(role)))

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

    # ------------------------------------------------------------------ integer tables

    def _build_tables(self) -> None:
        """The fractions above as whole numbers over one common denominator, and everything
        the tie-breaker, the swap hint and the reasons need, per role, question and answer."""
        fractions = [*self.weight.values()]
        fractions += [
            p for table in self.points.values() for q in table.values() for p in q.values()
        ]
        scale = math.lcm(*(f.denominator for f in fractions))
        self._values = [answer_values(q) for q in QUESTION_IDS]
        self._question_index = {q: i for i, q in enumerate(QUESTION_IDS)}
        self._value_index = [{v: i for i, v in enumerate(vs)} for vs in self._values]
        self._fields = [question_field(q) for q in QUESTION_IDS]
        self._names = [self.kb.roles[role].name for role in ROLE_IDS]
        self._weights = [_whole(self.weight[q], scale) for q in QUESTION_IDS]
        # by_answer[question][answer]: every role's points, in ROLE_IDS order.
        self._by_answer = [
            [tuple(_whole(self.points[role][q][v], scale) for role in ROLE_IDS) for v in values]
            for q, values in zip(QUESTION_IDS, self._values, strict=True)
        ]
        self._tasks = frozenset(i for i, q in enumerate(QUESTION_IDS) if q.startswith(TASK_PREFIX))
        self._skills = frozenset(
            i for i, q in enumerate(QUESTION_IDS) if q.startswith(SKILL_PREFIX)
        )
        # Per question, the answer index `_is_open` counts as open besides a skip (-1: none).
        self._neutral = [
            self._value_index[i].get(NEUTRAL_INTEREST, -1) if _is_open(q, NEUTRAL_INTEREST) else -1
            for i, q in enumerate(QUESTION_IDS)
        ]
        roles = range(len(ROLE_IDS))
        self._ties = [[self._tie_order(a, b) for b in roles] for a in roles]
        self._moves = [self._question_moves(i) for i in range(len(QUESTION_IDS))]
        self._leans = [self._role_leans(r, scale) for r in roles]

    def _tie_order(self, first: int, second: int) -> tuple[int, ...]:
        """The questions that can move the gap between two roles, by `_swing`: the widest
        first, ties in quiz order (the order `max` would pick them in)."""
        swings = [self._swing(i, first, second) for i in range(len(QUESTION_IDS))]
        useful = [i for i, swing in enumerate(swings) if swing > 0]
        return tuple(sorted(useful, key=lambda i: -swings[i]))

    def _swing(self, question: int, first: int, second: int) -> int:
        """How far the answer to a question can move the gap between two roles."""
        gaps = [points[first] - points[second] for points in self._by_answer[question]]
        return max(gaps) - min(gaps)

    def _question_moves(self, i: int) -> list[list[_Move]]:
        """moves[before]: each change from answer index `before` (-1, the last: skipped), in
        scale order."""
        values, points = self._values[i], self._by_answer[i]
        nothing = (0,) * len(ROLE_IDS)
        moves = []
        for before in [*range(len(values)), None]:
            was = nothing if before is None else points[before]
            reach = self._weights[i] if before is None else 0
            moves.append(
                [
                    _Move(
                        i,
                        after,
                        _half_steps(len(values), before, after),
                        tuple(new - old for new, old in zip(points[after], was, strict=True)),
                        reach,
                    )
                    for after in range(len(values))
                    if after != before
                ]
            )
        return moves

    def _role_leans(self, r: int, scale: int) -> list[list[_Lean | None]]:
        """Per question and answer: how it counts among the reasons for or against role `r`
        (None: it leans too little to be one). An answer's pull (points gained against a
        neutral answer) is (2p - w) / 2 `scale` for points p of weight w on the integer
        tables, its lean (from -1/2, a full misfit, to 1/2, a perfect fit) is (2p - w) / 2w;
        ranks span all of the role's answers, as `reasons` sorts them together."""
        settings, role = self.config.reasons, ROLE_IDS[r]
        min_lean = Fraction(settings.min_lean)  # the float's exact value, as a Fraction sees it
        min_against = _exact(settings.min_against) * 2 * scale  # in pull units
        tables = zip(self._by_answer, self._weights, strict=True)
        pulls = [[2 * points[r] - weight for points in rows] for rows, weight in tables]
        shuns = [self._shuns(role, q) for q in QUESTION_IDS]
        pro_rank = _dense_ranks({(shuns[i], -pull) for i, row in enumerate(pulls) for pull in row})
        con_rank = _dense_ranks({(False, pull) for row in pulls for pull in row})
        leans: list[list[_Lean | None]] = []
        for i, question in enumerate(QUESTION_IDS):
            weight = self._weights[i]
            row: list[_Lean | None] = []
            for value, pull in zip(self._values[i], pulls[i], strict=True):
                # |lean| < min_lean, cross-multiplied
                if pull == 0 or abs(pull) * min_lean.denominator < 2 * weight * min_lean.numerator:
                    row.append(None)
                    continue
                stance: Stance = "for" if pull > 0 else "against"
                rank = pro_rank[shuns[i], -pull] if pull > 0 else con_rank[False, pull]
                text = self._reason_text(role, question, value, stance)
                costly = pull < 0 and -pull >= min_against
                row.append(_Lean(pull > 0, rank, costly, Reason(question, stance, text)))
            leans.append(row)
        return leans

    def _picks(self, answers: Mapping[str, Answer]) -> _Picks:
        questions, values = self._question_index, self._value_index
        return [(questions[q], values[questions[q]][value]) for q, value in answers.items()]

    def _profile_picks(self, profile: Profile) -> _Picks:
        """`self._picks(profile.answers())`, reading the profile's fields directly."""
        picks = []
        for i, (field_name, key) in enumerate(self._fields):
            value = getattr(profile, field_name)
            if key is not None:
                value = value.get(key)
            if value is not None:
                picks.append((i, self._value_index[i][value]))
        return picks

    def _at(self, picks: _Picks) -> list[int | None]:
        """The answer index per question, None where skipped."""
        at: list[int | None] = [None] * len(QUESTION_IDS)
        for i, value in picks:
            at[i] = value
        return at

    def _totals(self, picks: _Picks) -> tuple[list[int], int]:
        """Each role's points and the most points the answers could give, as whole numbers."""
        rows = [self._by_answer[i][value] for i, value in picks]
        if not rows:
            return [0] * len(ROLE_IDS), 0
        reachable = sum(self._weights[i] for i, _ in picks)
        return [sum(column) for column in zip(*rows, strict=True)], reachable

    @staticmethod
    def _order(totals: list[int]) -> list[int]:
        """`order` on role indices: every role shares the reachable, so the points rank."""
        return sorted(range(len(ROLE_IDS)), key=lambda r: -totals[r])

    @staticmethod
    def _percents(totals: list[int], reachable: int) -> list[int]:
        if not reachable:
            return [_percent(NO_EVIDENCE)] * len(totals)
        return [_percent_of(points, reachable) for points in totals]

    # ------------------------------------------------------------------ confidence

    def _confidence(self, picks: _Picks, margin: int) -> ConfidenceLevel:
        settings = self.config.confidence
        if self._is_flat(picks) or margin < settings.low_margin:
            return "low"
        if margin < settings.high_margin or len(picks) < settings.high_min_answers:
            return "medium"
        return "high"

    def _is_flat(self, picks: _Picks) -> bool:
        """No task answer differs from another and no skill answer either: no role signal."""
        tasks = {value for i, value in picks if i in self._tasks}
        skills = {value for i, value in picks if i in self._skills}
        return len(tasks) <= 1 and len(skills) <= 1

    def tie_breaker(self, answers: Mapping[str, Answer], order: list[str]) -> str | None:
        """The question whose answer would best separate the top two.

        Asked among the skipped questions and the neutral interest answers first (that is
        where one more answer adds most), else among all; ties keep the quiz order.
        """
        first, second = (ROLE_IDS.index(role) for role in order[:2])
        found = self._tie_breaker(self._at(self._picks(answers)), first, second)
        return None if found is None else QUESTION_IDS[found]

    def _tie_breaker(self, at: list[int | None], first: int, second: int) -> int | None:
        useful = self._ties[first][second]
        for i in useful:
            if at[i] is None or at[i] == self._neutral[i]:
                return i
        return useful[0] if useful else None

    # ------------------------------------------------------------------ swap hint

    def swap_hint(self, answers: Mapping[str, Answer], order: list[str]) -> SwapHint | None:
        """The smallest single change that puts the runner-up first, found by re-scoring.

        Size of a change: steps along the answer's scale; a skipped question counts one step
        for answering it plus the steps from the middle of its scale. Among equally small
        changes, the one that gives the runner-up the widest lead wins, then quiz order.
        """
        picks = self._picks(answers)
        totals, reachable = self._totals(picks)
        roles = [ROLE_IDS.index(role) for role in order]
        return self._swap_hint(self._at(picks), totals, reachable, roles)

    def _swap_hint(
        self, at: list[int | None], totals: list[int], reachable: int, order: list[int]
    ) -> SwapHint | None:
        move = self._smallest_swap(at, totals, reachable, order)
        if move is None:
            return None
        i, runner_up = move.question, ROLE_IDS[order[1]]
        before, after = at[i], self._values[i][move.after]
        text = self._swap_text(QUESTION_IDS[i], after, runner_up)
        was = None if before is None else self._values[i][before]
        return SwapHint(runner_up, QUESTION_IDS[i], was, after, text)

    def _smallest_swap(
        self, at: list[int | None], totals: list[int], reachable: int, order: list[int]
    ) -> _Move | None:
        """Every single change re-scored from the current totals, in O(roles) each: the
        smallest that puts the runner-up first, the widest lead on equal size, else the
        first in quiz order. A lead is (points ahead) / (reachable), compared crosswise."""
        runner_up, others = order[1], [r for r in order if r != order[1]]
        best: _Move | None = None
        best_lead, best_reach = 0, 1
        for i, before in enumerate(at):
            for move in self._moves[i][-1 if before is None else before]:
                if best is not None and move.cost > best.cost:
                    continue
                lead = _lead(totals, move.delta, runner_up, others)
                if lead is None:
                    continue
                reach = reachable + move.reach
                if best is None or move.cost < best.cost or lead * best_reach > best_lead * reach:
                    best, best_lead, best_reach = move, lead, reach
        return best

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

    def reasons(self, answers: Mapping[str, Answer], role: str) -> tuple[Reason, ...]:
        """2-4 answers that moved this role's match most: for first, then the strongest
        reason against when it costs enough to matter. Fewer only when fewer answers count.

        Among the reasons for, what the role does ("you love modeling, which this role does")
        comes before what it does not ("you dislike business analysis, which it seldom does").
        """
        return self._reasons(ROLE_IDS.index(role), self._picks(answers))

    def _reasons(self, role: int, picks: _Picks) -> tuple[Reason, ...]:
        """`reasons` from the precomputed leans; equal ranks keep the order of the answers."""
        leans = self._leans[role]
        pros: list[tuple[int, int, _Lean]] = []
        cons: list[tuple[int, int, _Lean]] = []
        for position, (i, value) in enumerate(picks):
            lean = leans[i][value]
            if lean is not None:
                (pros if lean.pro else cons).append((lean.rank, position, lean))
        pros.sort()
        cons.sort()
        worst = cons[:1] if cons and cons[0][2].costly else []
        room = self.config.reasons.max - len(worst)
        chosen = pros[:room] + worst
        spare = pros[room:] + cons[len(worst) :]
        chosen += spare[: max(0, 2 - len(chosen))]
        # for first, each group in its order
        return tuple(c.reason for *_, c in chosen if c.pro) + tuple(
            c.reason for *_, c in chosen if not c.pro
        )

    def _shuns(self, role: str, question: str) -> bool:
        """True for an interest question where disliking it fits the role best."""
        values = self.points[role][question]
        return (
            question != CODE_QUESTION
            and not question.startswith(SKILL_PREFIX)
            and (values[0] > values[max(INTERESTS)])
        )

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


def _percent_of(points: int, reachable: int) -> int:
    """`_percent(Fraction(points, reachable))` in whole numbers: floor((200p + r) / 2r)."""
    return (200 * points + reachable) // (2 * reachable)


def _is_open(question: str, value: Answer | None) -> bool:
    """Skipped, or answered "neutral": where one more answer tells us most."""
    interest = question.startswith(TASK_PREFIX) or question == DL_QUESTION
    return value is None or (interest and value == NEUTRAL_INTEREST)


def _whole(number: Fraction, scale: int) -> int:
    """`number * scale`, for a `scale` its denominator divides."""
    return number.numerator * (scale // number.denominator)


def _dense_ranks(keys: set[tuple[bool, int]]) -> dict[tuple[bool, int], int]:
    """Each key's place among the distinct keys, smallest first (equal keys, equal ranks)."""
    return {key: rank for rank, key in enumerate(sorted(keys))}


def _lead(
    totals: list[int], delta: tuple[int, ...], runner_up: int, others: list[int]
) -> int | None:
    """How many points the runner-up would lead by after a change of `delta` (None: it
    would not be first; on equal points the order of ROLE_IDS decides, as in `order`)."""
    mine = totals[runner_up] + delta[runner_up]
    second: int | None = None
    for r in others:  # the current leaders first: most changes fail at once
        theirs = totals[r] + delta[r]
        if theirs > mine or (theirs == mine and r < runner_up):
            return None
        if second is None or theirs > second:
            second = theirs
    return None if second is None else mine - second


def _half_steps(size: int, before: int | None, after: int) -> int:
    """The size of a change on a scale of `size` answers (see `swap_hint`), in half steps:
    two per step; a skipped question two for answering it plus the half steps from its middle.
    """
    if before is None:
        return 2 + abs(2 * after - (size - 1))
    return 2 * abs(after - before)


def in_sentence(name: str) -> str:
    """'Machine learning' -> 'machine learning' mid-sentence; 'AI infrastructure' stays."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name
