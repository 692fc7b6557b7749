"""Confidence in three parts a person can read: how close the top two are, how much of the
quiz was answered, and whether interests and skills pull apart (with the skill that does it).
"""

from __future__ import annotations

import math
from fractions import Fraction

from bot.content.advice_config import Advice
from bot.content.knowledge import ROLE_IDS, SKILL_IDS, Knowledge
from bot.content.questions import NEUTRAL_INTEREST, QUESTION_IDS, SKILL_PREFIX, question_field
from bot.content.recommender_config import RecommenderConfig, interest_word, level_word
from bot.content.text import in_sentence
from bot.recommend.advice import next_step
from bot.recommend.climb import exact
from bot.recommend.profile import Profile
from bot.recommend.result import ConfidenceParts, Conflict, parts_say_low
from bot.recommend.scoring import Scorecard, ScoringModel

FULL_CLIMB = 3  # none -> accomplished


class Certainty:
    """Reads a scorecard for the three parts; build once with its scoring model."""

    def __init__(
        self,
        kb: Knowledge,
        config: RecommenderConfig,
        scoring: ScoringModel,
        neighbours: frozenset[frozenset[int]],
    ) -> None:
        self._kb, self._config, self._scoring = kb, config, scoring
        self._neighbours = neighbours
        self._advice: Advice = config.advice
        self._interests = [not q.startswith(SKILL_PREFIX) for q in QUESTION_IDS]
        self._tabulate_core_climbs()

    def parts(
        self, card: Scorecard, profile: Profile, flat: bool, conflict: Conflict | None
    ) -> ConfidenceParts:
        """The three parts; `conflict` as found before the climb reordered the roles."""
        thin = profile_size(profile) < self._advice.confidence.thin_below
        # The quiz's count, its tools step included (empty tools read as skipped); whether
        # the profile is thin is judged on the scored questions alone.
        answered = profile_size(profile) + bool(profile.known_tools)
        # Judged on the count the person reads in "How much you answered".
        sparse = answered < self._advice.confidence.percent_from
        total = len(QUESTION_IDS) + 1
        texts = (
            self._closeness(
                card,
                settled=not parts_say_low(thin=thin, flat=flat, conflict=conflict),
                flat=flat,
                sparse=sparse,
            ),
            self._answered(answered, total, thin),
            self._pull(conflict, flat, profile, top=ROLE_IDS[card.order[0]]),
        )
        return ConfidenceParts(card.margin, answered, total, thin, flat, sparse, conflict, texts)

    # ------------------------------------------------------------------ conflict

    def conflict(self, card: Scorecard, profile: Profile) -> Conflict | None:
        """The role the interests alone rank first, when it is not the suggestion and one of
        its skills is `conflict_climb` levels or more above the person's rating."""
        leader = self._interest_leader(card)
        if leader is None:
            return None
        levels = self._kb.roles[leader].levels
        shortfalls = [(levels[s] - profile.skills[s], s) for s in SKILL_IDS if s in profile.skills]
        short, skill = max(shortfalls, default=(0, ""), key=lambda pair: pair[0])
        # When the suggestion is the interests' own choice, only a full climb (none to
        # accomplished) pulls apart: the ranking has already weighed the smaller ones.
        least = self._advice.confidence.conflict_climb
        if leader == ROLE_IDS[card.order[0]]:
            least = FULL_CLIMB
            if self._far_from_core(leader, profile):
                least = 1  # the role's core is far, the person's strengths lie elsewhere
        if short < least:
            return None
        have = profile.skills[skill]
        task = self._loved_task(leader, profile)
        step = next_step(self._kb, skill, have, leader)
        return Conflict(leader, task, skill, have, levels[skill], step)

    def _far_from_core(self, role: str, profile: Profile) -> bool:
        """The role's core is `core_climbs` full climbs away or more, while the person's
        strengths (skills rated accomplished) are side skills of the role: interests point
        to it, skills to another. (Someone at the start everywhere has no such pull.)"""
        levels = self._kb.roles[role].levels
        elsewhere = any(
            have == FULL_CLIMB and levels[skill] < FULL_CLIMB
            for skill, have in profile.skills.items()
        )
        if not elsewhere:
            return False
        costs = self._core_costs[role]
        far = sum(costs[skill][have] for skill, have in profile.skills.items())
        return far >= self._core_least

    def _tabulate_core_climbs(self) -> None:
        """How far each role's core is, in full climbs, per rated skill and level: the share
        of the climb to the role's target (by the effort of each level step) times the
        skill's difficulty and its centrality to the role (a target of accomplished is its
        core). A researcher with mathematics, statistics and deep learning two levels short
        is about three full climbs away, however much the research itself appeals. Kept as
        whole numbers over one denominator, so a call only adds."""
        climb = self._advice.climb
        steps = [exact(step) for step in climb.steps]
        costs = {
            role: {
                skill: [
                    sum(steps[have:need], Fraction(0))
                    / sum(steps)
                    * exact(climb.difficulty.get(skill, 1.0))
                    * exact(climb.centrality[need])
                    for have in range(FULL_CLIMB + 1)
                ]
                for skill, need in self._kb.roles[role].levels.items()
            }
            for role in ROLE_IDS
        }
        least = exact(self._advice.confidence.core_climbs)
        every = [c for table in costs.values() for row in table.values() for c in row]
        scale = math.lcm(least.denominator, *(c.denominator for c in every))
        self._core_costs = {
            role: {skill: [int(c * scale) for c in row] for skill, row in table.items()}
            for role, table in costs.items()
        }
        self._core_least = int(least * scale)

    def _interest_leader(self, card: Scorecard) -> str | None:
        """The role the interest answers alone rank first, unless the suggestion is nearly
        as good on interests (then they do not pull elsewhere)."""
        picks = [(i, v) for i, v in card.picks if self._interests[i]]
        if not picks:
            return None
        rows = [self._scoring.whole_points[i][v] for i, v in picks]
        totals = [sum(column) for column in zip(*rows, strict=True)]
        best = max(range(len(ROLE_IDS)), key=lambda r: (totals[r], -r))
        reachable = sum(self._scoring.whole_weight[i] for i, _ in picks)
        behind = (totals[best] - totals[card.order[0]]) * 100
        if behind < self._advice.confidence.interest_gap * reachable:
            return ROLE_IDS[card.order[0]]
        return ROLE_IDS[best]

    def _loved_task(self, role: str, profile: Profile) -> str | None:
        """The role's task the person enjoys most; None, so that deep learning is named,
        when the deep learning interest is liked, as strong, and pulls fully towards the role:
        a tester who loved deep learning, data engineering and modeling read "you love data
        engineering" as the reason for deep learning researcher."""
        done = [t for t in self._kb.roles[role].tasks if t in profile.tasks]
        task = max(done, key=lambda t: profile.tasks[t], default=None)
        liked = profile.deep_learning_interest
        if liked is None or liked <= NEUTRAL_INTEREST:
            return task
        if task is not None and profile.tasks[task] > liked:
            return task
        pull = self._scoring.points[role]["deep_learning_interest"]
        return None if pull[liked] == max(pull.values()) else task

    # ------------------------------------------------------------------ words

    def _closeness(self, card: Scorecard, *, settled: bool, flat: bool, sparse: bool) -> str:
        """How close the runner-up is. A close neighbour is said to start the same way only
        when the parts do not make the confidence low (`settled`): beside all-alike or too few
        answers, or interests and skills pulling apart, "the direction is clear" contradicted
        "Confidence: low" above it."""
        texts = self._advice.texts
        runner_up = self._kb.roles[ROLE_IDS[card.order[1]]].name
        if flat:
            return texts.closeness_flat.format(role=runner_up)
        if sparse:
            return texts.closeness_sparse.format(role=runner_up)
        close = card.margin < self._advice.confidence.close_below
        template = texts.closeness_close if close else texts.closeness_clear
        if close and settled and frozenset(card.order[:2]) in self._neighbours:
            template = texts.closeness_neighbour  # a close call with the same first steps
        first, second = (card.shown[role] for role in card.order[:2])
        return template.format(role=runner_up, margin=card.margin, first=first, second=second)

    def _answered(self, answered: int, total: int, thin: bool) -> str:
        texts = self._advice.texts
        template = texts.answered_thin if thin else texts.answered
        return template.format(answered=answered, total=total)

    def _pull(self, conflict: Conflict | None, flat: bool, profile: Profile, top: str) -> str:
        """The line on whether skills and interests agree. When the interests' role is the
        suggestion itself, its long climb is said as such: "point different ways" beside
        two halves naming one role read as a contradiction (a tester's)."""
        texts, words = self._advice.texts, self._config.texts
        if conflict is None:
            if flat:
                return texts.flat
            return texts.no_conflict if profile.skills else texts.no_skills
        kb = self._kb
        task = kb.tasks[conflict.task].name if conflict.task else kb.skills["deep_learning"].name
        interest = profile.tasks[conflict.task] if conflict.task else profile.deep_learning_interest
        feel = interest_word(words.feel, interest if interest is not None else 2)
        template = texts.conflict_same_role if conflict.role == top else texts.conflict
        return template.format(
            feel=feel,
            task=in_sentence(task),
            role=in_sentence(kb.roles[conflict.role].name),
            skill=in_sentence(kb.skills[conflict.skill].name),
            need=level_word(words.levels, conflict.need),
            have=level_word(words.levels, conflict.have),
            step=conflict.step,
        )


def profile_size(profile: Profile) -> int:
    """How many quiz questions the profile answers."""
    return sum(_answered(profile, q) for q in QUESTION_IDS)


def _answered(profile: Profile, question: str) -> bool:
    field_name, key = question_field(question)
    value = getattr(profile, field_name)
    return (value.get(key) if key is not None else value) is not None
