"""The recommendation in words: the reasons for and against each role, the swap hint's
sentence and a question in words. Every sentence is a template from knowledge/recommender.yaml.

Which answers become reasons is decided once per model: each answer's pull on each role (its
points against a neutral answer, from the scoring model's integer tables) is ranked and
worded when the model is built, so a call only picks from those tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from bot.content.knowledge import ROLE_IDS, Knowledge
from bot.content.questions import (
    CODE_QUESTION,
    INTERESTS,
    QUESTION_IDS,
    SKILL_PREFIX,
    Answer,
    question_field,
)
from bot.content.recommender_config import (
    RecommenderConfig,
    Texts,
    interest_word,
    level_word,
)
from bot.content.schema import Role
from bot.content.text import in_sentence
from bot.recommend.climb import exact
from bot.recommend.result import Reason, Stance, SwapHint
from bot.recommend.scoring import Picks, ScoringModel

_Ranked = list[tuple[int, int, "_Lean"]]  # (rank, position among the answers, lean)


@dataclass(frozen=True, slots=True)
class _Lean:
    """What one answer says about one role, as `reasons` ranks it (computed once, exactly)."""

    pro: bool  # it leans for the role; else against
    # Its place in its group, as a dense rank (equal pulls, equal ranks): for, what the role
    # does before what it shuns, then the biggest gain first; against, the biggest loss first.
    rank: int
    costly: bool  # against, and it costs at least `min_against` points
    reason: Reason


class Explainer:
    """Words the scores of one `ScoringModel`; build it with the model. Roles and answers
    are indices, as on the model's tables (ROLE_IDS, each question's scale)."""

    def __init__(self, kb: Knowledge, config: RecommenderConfig, scoring: ScoringModel) -> None:
        self._kb, self._texts, self._scoring = kb, config.texts, scoring
        self._max_reasons = config.reasons.max
        self._min_lean = Fraction(config.reasons.min_lean)  # the float's exact value
        # in pull units: see `_role_leans`
        self._min_against = exact(config.reasons.min_against) * 2 * scoring.scale
        self._leans = [self._role_leans(r) for r in range(len(ROLE_IDS))]

    # ------------------------------------------------------------------ reasons

    def reasons(self, role: int, picks: Picks) -> tuple[Reason, ...]:
        """2-4 answers that moved this role's match most: for first, then the strongest
        reason against when it costs enough to matter. Fewer only when fewer answers count.

        Among the reasons for, what the role does ("you love modeling, which this role does")
        comes before what it does not ("you dislike business analysis, which it seldom does").
        """
        pros, cons = self._ranked(role, picks)
        worst = cons[:1] if cons and cons[0][2].costly else []
        room = self._max_reasons - len(worst)
        chosen = pros[:room] + worst
        spare = pros[room:] + cons[len(worst) :]
        chosen += spare[: max(0, 2 - len(chosen))]
        # for first, each group in its order
        return tuple(c.reason for *_, c in chosen if c.pro) + tuple(
            c.reason for *_, c in chosen if not c.pro
        )

    def _ranked(self, role: int, picks: Picks) -> tuple[_Ranked, _Ranked]:
        """The answers that count for and against `role`, each group best first; equal ranks
        keep the order of the answers."""
        leans = self._leans[role]
        pros: _Ranked = []
        cons: _Ranked = []
        for position, (i, value) in enumerate(picks):
            lean = leans[i][value]
            if lean is not None:
                (pros if lean.pro else cons).append((lean.rank, position, lean))
        return sorted(pros), sorted(cons)

    def _role_leans(self, r: int) -> list[list[_Lean | None]]:
        """Per question and answer: how it counts among the reasons for or against role `r`
        (None: it leans too little to be one). An answer's pull (points gained against a
        neutral answer) is (2p - w) / 2 `scale` for points p of weight w on the integer
        tables, its lean (from -1/2, a full misfit, to 1/2, a perfect fit) is (2p - w) / 2w;
        ranks span all of the role's answers, as `reasons` sorts them together. Read on the
        climb alone (`ScoringModel.climb_points`)."""
        scoring, role = self._scoring, ROLE_IDS[r]
        climbs = [
            [scoring.climb_points(r, i, v) for v in range(len(scoring.values[i]))]
            for i in range(len(QUESTION_IDS))
        ]
        pulls = [[2 * points - weight for points, weight in row] for row in climbs]
        weights = [row[0][1] for row in climbs]
        shuns = [self._shuns(role, q) for q in QUESTION_IDS]
        pro_rank = _dense_ranks({(shuns[i], -pull) for i, row in enumerate(pulls) for pull in row})
        con_rank = _dense_ranks({(False, pull) for row in pulls for pull in row})

        def rank(i: int, pull: int) -> int:
            return pro_rank[shuns[i], -pull] if pull > 0 else con_rank[False, pull]

        return [
            [
                self._lean(role, (QUESTION_IDS[i], weights[i]), value, pull, rank(i, pull))
                for value, pull in zip(scoring.values[i], row, strict=True)
            ]
            for i, row in enumerate(pulls)
        ]

    def _lean(
        self, role: str, asked: tuple[str, int], value: Answer, pull: int, rank: int
    ) -> _Lean | None:
        """`asked`: the question and its weight on the climb alone."""
        question, weight = asked
        min_lean = self._min_lean
        # |lean| < min_lean, cross-multiplied
        if pull == 0 or abs(pull) * min_lean.denominator < 2 * weight * min_lean.numerator:
            return None
        if self._unneeded(role, question) and (value == 0 or pull > 0):
            return None
        stance: Stance = "for" if pull > 0 else "against"
        reason = Reason(question, stance, self._reason_text(role, question, value, stance))
        return _Lean(pull > 0, rank, pull < 0 and -pull >= self._min_against, reason)

    def _unneeded(self, role: str, question: str) -> bool:
        """A skill the role does not need at all. Any level of it scores as a fit, but is no
        reason to choose the role: neither "you lack it and the role does not need it" (issue
        15) nor a beginner's "your deep learning is beginning, more than this role needs
        (none)" (a tester's data analyst result). It may still count against the role, as a
        strength the role would leave unused."""
        field_name, key = question_field(question)
        return field_name == "skills" and self._kb.roles[role].levels[str(key)] == 0

    def _shuns(self, role: str, question: str) -> bool:
        """True for an interest question where disliking it fits the role best."""
        values = self._scoring.points[role][question]
        return (
            question != CODE_QUESTION
            and not question.startswith(SKILL_PREFIX)
            and (values[0] > values[max(INTERESTS)])
        )

    def _reason_text(self, role_id: str, question: str, value: Answer, stance: Stance) -> str:
        texts, role = self._texts, self._kb.roles[role_id]
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
        texts = self._texts
        template = texts.reasons.code_differs
        if answer == role.code.style:
            template = texts.reasons.code_same
        elif stance == "for":
            template = texts.reasons.code_close
        code = getattr(texts.code_answer, answer)
        return template.format(code=code, role_code=getattr(texts.code_role, role.code.style))

    def _skill_reason(self, skill: str, have: int, need: int, stance: Stance) -> str:
        texts = self._texts
        words = texts.reasons
        if have == need:
            # Never none = none: lacking what a role does not need is no reason (issue 15).
            template = words.skill_meets
        elif have > need:
            template = words.skill_above if stance == "for" else words.skill_unused
        elif stance != "for":
            template = words.skill_below
        else:  # "a short climb" only one level short from some of it; else the role asks less
            close = need - have == 1 and have > 0
            template = words.skill_close if close else words.skill_modest
        levels = (level_word(texts.levels, have), level_word(texts.levels, need))
        return template.format(skill=self._skill_name(skill), have=levels[0], need=levels[1])

    # ------------------------------------------------------------------ swap hint

    def swap_hint(self, runner_up: int, question: int, before: int | None, after: int) -> SwapHint:
        """The change of answer to `question` (indices on its scale; `before` None: skipped)
        that puts `runner_up` first, in words."""
        values, question_id, role = (
            self._scoring.values[question],
            QUESTION_IDS[question],
            ROLE_IDS[runner_up],
        )
        was = None if before is None else values[before]
        text = self._swap_text(question_id, was, values[after], role)
        return SwapHint(role, question_id, was, values[after], text)

    def _swap_text(self, question: str, was: Answer | None, value: Answer, role: str) -> str:
        """The change in words: "more"/"less" than the answer given, never that answer."""
        swap, (field_name, key) = self._texts.swap, question_field(question)
        name = in_sentence(self._kb.roles[role].name)
        felt = interest_word(self._texts.felt, int(value)) if field_name != "code" else ""
        up = was is not None and field_name != "code" and int(value) > int(was)
        if field_name == "tasks":
            task = self._task_name(str(key))
            if was is None:
                return swap.task.format(felt=felt, task=task, role=name)
            template = swap.task_more if up else swap.task_less
            said = answer_phrase(question, was, self._texts)
            return template.format(task=task, role=name, answer=said)
        if field_name == "deep_learning_interest":
            if was is None:
                return swap.deep_learning.format(felt=felt, role=name)
            template = swap.deep_learning_more if up else swap.deep_learning_less
            return template.format(role=name, answer=answer_phrase(question, was, self._texts))
        if field_name == "code":
            code = getattr(self._texts.code_answer, str(value))
            return swap.code.format(code=code, role=name)
        level = level_word(self._texts.levels, int(value))
        template = swap.skill if was is None else swap.skill_up if up else swap.skill_down
        if int(value) == 0:
            template = swap.skill_none  # "were only none", "were none": no English
        return template.format(skill=self._skill_name(str(key)), level=level, role=name)

    def _task_name(self, task_id: str) -> str:
        return in_sentence(self._kb.tasks[task_id].name)

    def _skill_name(self, skill_id: str) -> str:
        return in_sentence(self._kb.skills[skill_id].name)


def question_text(question: str, kb: Knowledge, config: RecommenderConfig) -> str:
    """A quiz question in words, e.g. for the tie-breaker: "How much do you enjoy modeling?"."""
    texts = config.texts.questions
    field_name, key = question_field(question)
    if field_name == "tasks":
        return texts.task.format(task=in_sentence(kb.tasks[str(key)].name))
    if field_name == "skills":
        return texts.skill.format(skill=in_sentence(kb.skills[str(key)].name))
    return str(getattr(texts, field_name))


def answer_phrase(question: str, value: Answer, texts: Texts) -> str:
    """An answer given, said back: "you said you feel neutral about it", "you rated it
    beginning", "you chose quick prototype code"."""
    words = texts.summary
    field_name, _ = question_field(question)
    if field_name == "skills":
        return words.answered_skill.format(level=level_word(texts.levels, int(value)))
    if field_name == "code":
        return words.answered_code.format(code=getattr(texts.code_answer, str(value)))
    return words.answered_interest.format(feel=interest_word(texts.feel, int(value)))


def _dense_ranks(keys: set[tuple[bool, int]]) -> dict[tuple[bool, int], int]:
    """Each key's place among the distinct keys, smallest first (equal keys, equal ranks)."""
    return {key: rank for rank, key in enumerate(sorted(keys))}
