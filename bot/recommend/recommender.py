"""The one entry to recommending: a profile in, a ranked and explained role suggestion out.

`Recommender` joins the parts, each in its own module: the scoring model (numbers only), how
sure the ranking is (confidence, tie-breaker, swap search), the wording of reasons and hints,
and the advice for the top role (gaps, tools, path).
"""

from __future__ import annotations

from bot.content.knowledge import ROLE_IDS, Knowledge
from bot.content.questions import QUESTION_IDS
from bot.content.recommender_config import RecommenderConfig
from bot.recommend.advice import skill_gaps, tools_to_learn
from bot.recommend.confidence import ConfidenceModel
from bot.recommend.explain import Explainer
from bot.recommend.profile import Profile
from bot.recommend.result import Recommendation, RoleMatch, SwapHint
from bot.recommend.scoring import Scorecard, ScoringModel


def recommend(profile: Profile, kb: Knowledge, config: RecommenderConfig) -> Recommendation:
    """Rank the roles for `profile` and explain the result, once (a caller that recommends
    often keeps one `Recommender`: building its tables costs more than a call)."""
    return Recommender(kb, config).recommend(profile)


class Recommender:
    """Build once per knowledge base and config; it holds no state beyond its tables."""

    def __init__(self, kb: Knowledge, config: RecommenderConfig) -> None:
        self.kb, self.config = kb, config
        self.scoring = ScoringModel(kb, config)
        self._confidence = ConfidenceModel(self.scoring, config.confidence)
        self._explainer = Explainer(kb, config, self.scoring)
        self._names = [kb.roles[role].name for role in ROLE_IDS]

    def recommend(self, profile: Profile) -> Recommendation:
        card = self.scoring.score(profile)
        top = ROLE_IDS[card.order[0]]
        confidence = self._confidence.level(card)
        return Recommendation(
            ranking=tuple(self._match(role, card) for role in card.order),
            confidence=confidence,
            tie_breaker=None if confidence == "high" else self._tie_breaker(card),
            margin=card.margin,
            swap_hint=self._swap_hint(card),
            gaps=skill_gaps(profile, top, self.kb),
            tools=tools_to_learn(profile, top, self.kb),
            path=self.kb.roles[top].path,
        )

    def _match(self, role: int, card: Scorecard) -> RoleMatch:
        reasons = self._explainer.reasons(role, card.picks)
        return RoleMatch(ROLE_IDS[role], self._names[role], card.shown[role], reasons)

    def _tie_breaker(self, card: Scorecard) -> str | None:
        question = self._confidence.tie_breaker(card)
        return None if question is None else QUESTION_IDS[question]

    def _swap_hint(self, card: Scorecard) -> SwapHint | None:
        move = self._confidence.smallest_swap(card)
        if move is None:
            return None
        before = card.answer_index[move.question]
        return self._explainer.swap_hint(card.order[1], move.question, before, move.after)
