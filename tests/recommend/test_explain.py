"""The wording: reasons quote the person's answers in the files' words and agree with the
points; a question reads as the quiz asks it."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given

from bot.content.knowledge import Knowledge
from bot.content.recommender_config import RecommenderConfig, interest_word, level_word
from bot.content.text import in_sentence
from bot.recommend.explain import question_text
from bot.recommend.profile import Profile
from bot.recommend.recommender import Recommender
from tests.harness.profiles import profiles
from tests.recommend.helpers import (
    PROPERTY_EXAMPLES,
    best_for,
    counted_answers,
    exact_lean,
    match_of,
)


class TestReasons:
    def test_a_reason_quotes_the_answer_in_the_files_words(
        self, recommender: Recommender, config: RecommenderConfig
    ) -> None:
        result = best_for(recommender, {"tasks": {"modeling": 4, "business_analysis": 4}})
        first = result.ranking[0].reasons[0]
        feel = interest_word(config.texts.feel, 4)
        assert first.question == "task_modeling"
        assert first.stance == "for"
        assert first.text == config.texts.reasons.task_done.format(feel=feel, task="modeling")

    def test_the_strongest_reason_against_is_given_where_it_matters(
        self, recommender: Recommender
    ) -> None:
        data = {"tasks": {"modeling": 4, "data_engineering": 3, "business_analysis": 4}}
        researcher = match_of(best_for(recommender, data), "machine_learning_researcher")
        against = [r for r in researcher.reasons if r.stance == "against"]
        assert [r.question for r in against] == ["task_business_analysis"]
        assert researcher.reasons[-1] == against[0]  # reasons for come first

    def test_a_skill_one_early_level_short_reads_as_close_not_as_a_gap(
        self, recommender: Recommender, config: RecommenderConfig
    ) -> None:
        result = best_for(recommender, {"skills": {"mathematics": 1}})
        scientist = match_of(result, "data_scientist")
        levels = config.texts.levels
        expected = config.texts.reasons.skill_close.format(
            skill="mathematics", have=level_word(levels, 1), need=level_word(levels, 2)
        )
        assert [(r.stance, r.text) for r in scientist.reasons] == [("for", expected)]

    def test_two_levels_short_is_never_called_close(
        self, recommender: Recommender, config: RecommenderConfig
    ) -> None:
        """A tester: "Your mathematics is none, close to the developing level" for a beginner.
        A skill two levels short that still counts for a role says the role asks less."""
        result = best_for(
            recommender,
            {"tasks": {"business_analysis": 3, "modeling": 3}, "skills": {"mathematics": 0}},
        )
        analyst = match_of(result, "data_analyst")
        levels = config.texts.levels
        modest = config.texts.reasons.skill_modest.format(
            skill="mathematics", have=level_word(levels, 0), need=level_word(levels, 2)
        )
        close = config.texts.reasons.skill_close.format(
            skill="mathematics", have=level_word(levels, 0), need=level_word(levels, 2)
        )
        assert ("for", modest) in [(r.stance, r.text) for r in analyst.reasons]
        assert close not in [r.text for r in analyst.reasons]

    def test_none_is_never_a_short_climb(
        self, recommender: Recommender, config: RecommenderConfig
    ) -> None:
        """A tester: "+ Your machine learning is none, close to the beginning level" beside
        "Machine learning: none now, beginning needed" among the skills to grow."""
        result = best_for(
            recommender,
            {"tasks": {"business_analysis": 3}, "skills": {"machine_learning": 0}},
        )
        analyst = match_of(result, "data_analyst")
        levels = config.texts.levels
        modest = config.texts.reasons.skill_modest.format(
            skill="machine learning", have=level_word(levels, 0), need=level_word(levels, 1)
        )
        close = config.texts.reasons.skill_close.format(
            skill="machine learning", have=level_word(levels, 0), need=level_word(levels, 1)
        )
        assert ("for", modest) in [(r.stance, r.text) for r in analyst.reasons]
        assert close not in [r.text for r in analyst.reasons]
        # A third tester read "+ Your machine learning is none, a shorter climb..." as a lack
        # counted as a strength: the plus is said of the role, which asks less.
        assert modest.startswith("This role asks less machine learning (beginning)")

    def test_the_last_level_is_the_long_climb_and_reads_as_a_gap(
        self, recommender: Recommender, config: RecommenderConfig
    ) -> None:
        """Issue 15: a missing skill counts in proportion to the climb, and developing ->
        accomplished is the longest step."""
        result = best_for(recommender, {"skills": {"machine_learning": 2}})
        scientist = match_of(result, "data_scientist")
        levels = config.texts.levels
        expected = config.texts.reasons.skill_below.format(
            skill="machine learning", have=level_word(levels, 2), need=level_word(levels, 3)
        )
        assert [(r.stance, r.text) for r in scientist.reasons] == [("against", expected)]

    @PROPERTY_EXAMPLES
    @given(profiles())
    def test_reasons_cite_only_answers_given_and_agree_with_the_points(
        self, recommender: Recommender, profile: Profile
    ) -> None:
        answers, scoring = counted_answers(profile), recommender.scoring_for(profile)
        min_lean = Fraction(str(recommender.config.reasons.min_lean))
        for match in recommender.recommend(profile).ranking:
            lean = {q: exact_lean(scoring, match.role, q, value) for q, value in answers.items()}
            for reason in match.reasons:
                assert reason.question in answers  # never an unanswered question
                assert (lean[reason.question] > 0) == (reason.stance == "for")
                assert abs(lean[reason.question]) >= min_lean
            levels = recommender.kb.roles[match.role].levels
            # a skill the role does not need is never a reason for it, nor at none against
            # it (issue 15; a tester's "beginning, more than this role needs (none)")
            reasons_possible = {
                q: v
                for q, v in lean.items()
                if not (
                    q.startswith("skill_") and levels[q[6:]] == 0 and (answers[q] == 0 or v > 0)
                )
            }
            counted = sum(abs(v) >= min_lean for v in reasons_possible.values())
            assert min(2, counted) <= len(match.reasons) <= 4
            stances = [r.stance for r in match.reasons]
            assert stances == sorted(stances, key=lambda s: s == "against")

    def test_a_skill_the_role_does_not_need_is_never_a_reason_for_it(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        # A tester's beginner got "Your deep learning is beginning, more than this role needs
        # (none)" as a reason for data analyst.
        data = {
            "tasks": {"business_analysis": 4, "data_engineering": 3, "modeling": 1},
            "skills": {"deep_learning": 1, "mathematics": 1, "machine_learning": 1},
        }
        result = best_for(recommender, data)
        for match in result.ranking:
            levels = kb.roles[match.role].levels
            for reason in match.reasons:
                unneeded = reason.question.startswith("skill_") and not levels[reason.question[6:]]
                assert not (unneeded and reason.stance == "for"), (match.role, reason.text)

    def test_lacking_a_skill_the_role_does_not_need_is_never_a_reason(
        self, recommender: Recommender
    ) -> None:
        """Issue 15: all skills none gave "+ This role does not need machine learning, so
        starting from none is fine" for software engineer."""
        data = {"skills": dict.fromkeys(recommender.kb.skills, 0)}
        for match in best_for(recommender, data).ranking:
            assert all("starting from none is fine" not in r.text for r in match.reasons)


class TestWords:
    def test_a_question_reads_as_the_files_say(
        self, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        texts = config.texts.questions
        assert question_text("deep_learning_interest", kb, config) == texts.deep_learning_interest
        assert question_text("task_modeling", kb, config) == texts.task.format(task="modeling")

    def test_a_name_mid_sentence_keeps_its_acronyms(self) -> None:
        assert in_sentence("Machine learning") == "machine learning"
        assert in_sentence("AI infrastructure") == "AI infrastructure"
