"""What every turn reads and never changes: the content, the matchers, the recommender."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache

from bot.content.knowledge import Knowledge
from bot.content.questions import Answer, question_field
from bot.content.quiz import Quiz
from bot.content.recommender_config import RecommenderConfig
from bot.conversation.result_views import ResultViews
from bot.conversation.views import Views
from bot.conversation.why_views import WhyViews
from bot.matching.background import Background
from bot.matching.language import LanguageDetector
from bot.matching.matcher import FaqMatcher
from bot.matching.reader import QuestionReader
from bot.matching.roles import RoleFinder
from bot.recommend.comparison import Comparison
from bot.recommend.profile import Profile, parse_profile
from bot.recommend.recommender import Recommender
from bot.recommend.result import Recommendation

SortedAnswers = tuple[tuple[str, Answer], ...]
Tools = tuple[str, ...]
RECOMMENDATIONS_KEPT = 256


@dataclass(frozen=True)
class TurnContext:
    kb: Knowledge
    quiz: Quiz
    matcher: FaqMatcher
    recommender: RecommenderConfig
    charts: bool
    # The embedding matcher and language model, loading in the background: None when the bot
    # runs without them; `models.matcher` is None until they are ready.
    models: Background | None = None

    @cached_property
    def language(self) -> LanguageDetector:
        """The background's detector (complete once loaded), else the script stage alone."""
        return self.models.language if self.models else LanguageDetector()

    @cached_property
    def reader(self) -> QuestionReader:
        """Reads free text: the hybrid decision once the embedding matcher is ready, the
        lexical matcher until then (and for good when there is no model)."""
        return QuestionReader(self.matcher, self.models.slot if self.models else None)

    @cached_property
    def views(self) -> Views:
        return Views(self.kb, self.quiz, self.matcher.book, self.recommender, self.charts)

    @cached_property
    def result_views(self) -> ResultViews:
        return ResultViews(self.kb, self.quiz, self.matcher.book, self.recommender, self.charts)

    @cached_property
    def why_views(self) -> WhyViews:
        return WhyViews(self.kb, self.quiz, self.matcher.book, self.recommender, self.charts)

    @cached_property
    def roles(self) -> RoleFinder:
        return RoleFinder(self.matcher.analyzer, self.kb)

    def recommend(self, answers: Mapping[str, Answer], tools: Tools = ()) -> Recommendation:
        return self._recommend_sorted(tuple(sorted(answers.items())), tuple(sorted(tools)))

    def compare(self, answers: Mapping[str, Answer], tools: Tools, role: str) -> Comparison:
        """The suggestion for these answers against `role` ("why not ML engineer?")."""
        return self._scorer.compare(profile_of(answers, tools), role)

    @cached_property
    def _scorer(self) -> Recommender:
        return Recommender(self.kb, self.recommender)  # its tables are built once

    @cached_property
    def _recommend_sorted(self) -> Callable[[SortedAnswers, Tools], Recommendation]:
        # The same answers give the same result: the turn that finishes the quiz needs it for
        # the reply and for the statistics, and "Why not...?" right after needs it again.
        scorer = self._scorer

        @lru_cache(maxsize=RECOMMENDATIONS_KEPT)
        def recommend(answers: SortedAnswers, tools: Tools) -> Recommendation:
            return scorer.recommend(profile_of(dict(answers), tools))

        return recommend


def profile_of(answers: Mapping[str, Answer], tools: Tools = ()) -> Profile:
    """The recommender's profile from quiz answers stored by question id, and the tools."""
    data: dict[str, object] = {"known_tools": list(tools)} if tools else {}
    for question, value in answers.items():
        field, key = question_field(question)
        if key is None:
            data[field] = value
        else:
            data.setdefault(field, {})[key] = value  # type: ignore[index]
    return parse_profile(data)
