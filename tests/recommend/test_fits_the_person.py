"""Advice that fits the person (issue 15, points 1, 2, 4 and 5): each case the issue lists
under "Why", as it was reported, and what the bot does now."""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given

from bot.content.knowledge import SKILL_IDS, Knowledge
from bot.content.questions import QUESTION_IDS, answer_values
from bot.content.recommender_config import RecommenderConfig
from bot.content.text import in_sentence
from bot.recommend.certainty import profile_size
from bot.recommend.explain import answer_phrase, question_text
from bot.recommend.profile import Profile, parse_profile
from bot.recommend.recommender import Recommender
from bot.recommend.summary import summary_text
from tests.harness.profiles import profiles
from tests.recommend.helpers import PROPERTY_EXAMPLES, best_for, ranked

CODING_HEAVY = {"software_engineer", "software_engineer_ml", "software_engineer_dl"}
RESEARCH = {"machine_learning_researcher", "deep_learning_researcher"}
NONE_YET = dict.fromkeys(SKILL_IDS, 0)


class TestBeginners:
    def test_all_skills_none_is_not_sent_to_software_engineering(
        self, recommender: Recommender
    ) -> None:
        """Was: "Software engineer 59%" for all skills "none yet"."""
        data = {
            "tasks": {"deployment": 3, "ai_infrastructure": 2, "data_engineering": 2},
            "code": "production",
            "skills": NONE_YET,
        }
        result = best_for(recommender, data)
        assert ranked(result)[0] not in CODING_HEAVY
        assert result.at_start
        assert "data_analyst" in [route.role for route in result.entry_routes]

    def test_a_teenager_who_likes_neural_nets_is_not_sent_to_deep_learning_first(
        self, recommender: Recommender
    ) -> None:
        """Was: "software engineer - deep learning" for a teenager who never coded."""
        data = {
            "tasks": {"modeling": 4, "deployment": 1, "data_engineering": 1},
            "code": "prototyping",
            "deep_learning_interest": 4,
            "skills": {**NONE_YET, "mathematics": 2, "data_science": 1},
        }
        result = best_for(recommender, data)
        assert ranked(result)[0] not in CODING_HEAVY | RESEARCH | {"deep_learning_engineer"}
        assert result.confidence_parts is not None
        assert result.confidence_parts.conflict is not None  # the pull is named

    def test_a_returning_parent_with_no_technical_skills_gets_the_entry_route(
        self, recommender: Recommender
    ) -> None:
        data = {
            "tasks": {"business_analysis": 3, "data_engineering": 2, "deployment": 1},
            "skills": {**NONE_YET, "communication": 2, "business_acumen": 1},
        }
        assert ranked(best_for(recommender, data))[0] == "data_analyst"

    def test_someone_who_skipped_most_questions_is_never_highly_confident(
        self, recommender: Recommender
    ) -> None:
        """Was: a truck driver who skipped most questions got software engineer, high."""
        data = {"tasks": {"deployment": 3}, "code": "production", "skills": {"mathematics": 0}}
        result = best_for(recommender, data)
        assert result.confidence == "low"
        assert result.confidence_parts is not None
        assert result.confidence_parts.thin

    def test_the_summary_says_plainly_the_person_is_at_the_start_with_a_plan(
        self, recommender: Recommender, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        profile = parse_profile({"tasks": {"business_analysis": 3}, "skills": NONE_YET})
        text = summary_text(recommender.recommend(profile), profile, kb, config)
        words = config.advice.texts
        assert text.index(words.at_start) < text.index(words.first_months)
        assert text.index(words.first_months) < text.index("Best match")
        for month in config.advice.at_start.first_months:
            assert month.step in text

    def test_at_the_start_a_first_month_on_tools_the_person_uses_says_so(
        self, recommender: Recommender, config: RecommenderConfig
    ) -> None:
        """A tester who ticked Python and pandas read "Python: the basics, then pandas"."""
        python, data, *_ = config.advice.at_start.first_months
        assert python.known is not None
        assert data.known is not None
        tools = ["python", "pandas", "sql"]
        answers = {"tasks": {"modeling": 3}, "skills": NONE_YET, "known_tools": tools}
        months = recommender.recommend(parse_profile(answers)).first_months
        assert python.known in months
        assert python.step not in months
        assert data.step in months  # SQL without spreadsheets: the step as it stands
        fewer = parse_profile({**answers, "known_tools": ["python"]})
        assert python.step in recommender.recommend(fewer).first_months

    def test_at_the_start_the_skills_outside_the_climb_are_named_as_strengths(
        self, recommender: Recommender, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        """A nurse who presents every week read only what she lacked; a reviewer's
        machine learning went unnamed beside "at the start" (rated accomplished, it is no
        longer a start at all)."""
        skills = {**NONE_YET, "communication": 3, "business_acumen": 1}
        profile = parse_profile({"tasks": {"business_analysis": 4}, "skills": skills})
        result = recommender.recommend(profile)
        assert result.at_start
        text = summary_text(result, profile, kb, config)
        strengths = config.advice.texts.at_start_strengths
        assert strengths.format(skills="communication") in text
        assert "business acumen" not in text.split("\n\n")[0]  # beginning: no strength yet
        both = parse_profile(
            {"tasks": {"modeling": 4}, "skills": {**skills, "machine_learning": 2}}
        )
        text = summary_text(recommender.recommend(both), both, kb, config)
        assert strengths.format(skills="machine learning, communication") in text
        growing = parse_profile(
            {"tasks": {"business_analysis": 4}, "skills": {**skills, "business_acumen": 2}}
        )
        result = recommender.recommend(growing)
        assert "business_acumen" in [gap.skill for gap in result.gaps]  # a nurse's run
        text = summary_text(result, growing, kb, config)
        assert strengths.format(skills="communication") in text  # not "..., business acumen"
        plain = parse_profile({"tasks": {"business_analysis": 4}, "skills": NONE_YET})
        assert strengths.split("{skills}")[1] not in summary_text(
            recommender.recommend(plain), plain, kb, config
        )


@PROPERTY_EXAMPLES
@given(profiles())
def test_a_skill_to_grow_is_not_also_named_a_strength(
    recommender: Recommender, kb: Knowledge, config: RecommenderConfig, profile: Profile
) -> None:
    """A nurse's result read "Already on your side: communication, business acumen" above a
    business acumen gap: developing is a strength only where the role needs no more."""
    result = recommender.recommend(profile)
    opening = config.advice.texts.at_start_strengths.split("{skills}")[0]
    text = summary_text(result, profile, kb, config)
    lines = [line for line in text.splitlines() if line.startswith(opening)]
    for line in lines:
        for gap in result.gaps:
            assert in_sentence(gap.name) not in line.removeprefix(opening)


@PROPERTY_EXAMPLES
@given(profiles())
def test_a_result_names_its_deciding_question_once(
    recommender: Recommender, kb: Knowledge, config: RecommenderConfig, profile: Profile
) -> None:
    """A tester: "To settle it, think about this question: How much do you enjoy modeling?"
    and, below, "If you enjoyed modeling more, data scientist would come first"."""
    result = recommender.recommend(profile)
    text = summary_text(result, profile, kb, config)
    words = config.texts.summary
    openings = [
        template.split("{")[0] for template in (words.tie_breaker, words.tie_breaker_answered)
    ]
    asked = [opening for opening in openings if opening in text]
    if result.swap_hint is not None and result.swap_hint.question == result.tie_breaker:
        assert asked == []
    elif result.tie_breaker is not None:
        answered = profile.answer(result.tie_breaker) is not None
        assert asked == [openings[1] if answered else openings[0]]


def test_a_skipped_skill_the_role_needs_is_named_beside_the_gaps(
    recommender: Recommender, kb: Knowledge, config: RecommenderConfig
) -> None:
    """A tester skipped business acumen and read no word on it beside a data analyst's
    accomplished target: only the chart said "not rated" (as the line does: a skill the
    quiz never asked, after "Show my result", is not rated either)."""
    skills = {"mathematics": 2, "machine_learning": 0, "deep_learning": 0, "data_science": 1}
    skills |= {"algorithmic_coding": 1, "software_engineering": 0, "communication": 3}
    tasks = {"modeling": 4, "business_analysis": 1, "data_engineering": 2, "deployment": 1}
    profile = parse_profile({"tasks": tasks, "code": "prototyping", "skills": skills})
    result = recommender.recommend(profile)
    assert result.ranking[0].role == "data_analyst"
    assert result.unknown_skills == ("business_acumen",)
    text = summary_text(result, profile, kb, config)
    assert config.advice.texts.gap_unknown.format(skills="business acumen") in text.splitlines()


def test_with_no_gaps_a_skipped_skill_is_a_line_of_its_own(
    recommender: Recommender, kb: Knowledge, config: RecommenderConfig
) -> None:
    """Every rated skill at the role's level and one skipped: the line follows "already meet
    this role's targets" unindented, not as an item of a list with no heading (a reviewer)."""
    skills = dict.fromkeys(kb.skills, 3)
    del skills["business_acumen"]
    tasks = {"modeling": 4, "business_analysis": 1, "data_engineering": 2, "deployment": 1}
    profile = parse_profile({"tasks": tasks, "code": "prototyping", "skills": skills})
    result = recommender.recommend(profile)
    assert result.gaps == ()
    assert "business_acumen" in result.unknown_skills
    lines = summary_text(result, profile, kb, config).splitlines()
    no_gaps = lines.index(config.texts.summary.no_gaps)
    assert lines[no_gaps + 1].startswith("Not rated, so their gap is unknown: ")
    assert "business acumen" in lines[no_gaps + 1]


def test_an_answered_tie_breaker_is_not_asked_as_if_skipped(
    recommender: Recommender, kb: Knowledge, config: RecommenderConfig
) -> None:
    """A tester answered AI infrastructure Neutral and read "think about this question: How
    much do you enjoy AI infrastructure?" as the bot asking it again."""
    tasks = {"data_engineering": 0, "modeling": 0, "deployment": 0, "ai_infrastructure": 3}
    profile = parse_profile({"tasks": {**tasks, "business_analysis": 2}})
    result = recommender.recommend(profile)
    assert result.tie_breaker == "task_business_analysis"
    text = summary_text(result, profile, kb, config)
    question = question_text("task_business_analysis", kb, config)
    # With the answer said back: a student read the line without it as cryptic.
    said = answer_phrase("task_business_analysis", 2, config.texts)
    assert said == "you said you feel neutral about it"
    line = config.texts.summary.tie_breaker_answered.format(question=question, answer=said)
    assert line in text.splitlines()


def test_an_answer_is_said_back_in_the_words_of_its_kind(config: RecommenderConfig) -> None:
    assert answer_phrase("skill_mathematics", 1, config.texts) == "you rated it beginning"
    assert answer_phrase("code", "prototyping", config.texts) == "you chose quick prototype code"
    assert answer_phrase("deep_learning_interest", 4, config.texts) == "you said you love it"


class TestLovesEverything:
    def test_loving_every_task_does_not_reward_the_role_with_most_tasks(
        self, recommender: Recommender
    ) -> None:
        """Was: software engineer - deep learning, with coding two levels below its target."""
        data: dict[str, Any] = {
            "tasks": dict.fromkeys(recommender.kb.tasks, 4),
            "code": "both",
            "deep_learning_interest": 4,
            "skills": {**dict.fromkeys(SKILL_IDS, 2), "algorithmic_coding": 1},
        }
        result = best_for(recommender, data)
        assert ranked(result)[0] != "software_engineer_dl"
        assert result.confidence == "low"


class TestConflicts:
    def test_inventing_architectures_with_no_maths_is_a_named_conflict(
        self, recommender: Recommender
    ) -> None:
        """Was: deep learning researcher with high confidence; the maths gap only in a list."""
        data = {
            "tasks": {"modeling": 4, "data_engineering": 1, "deployment": 0},
            "code": "prototyping",
            "deep_learning_interest": 4,
            "skills": {**dict.fromkeys(SKILL_IDS, 1), "mathematics": 0},
        }
        result = best_for(recommender, data)
        assert result.confidence == "low"
        parts = result.confidence_parts
        assert parts is not None
        assert parts.conflict is not None
        assert parts.conflict.skill == "mathematics"
        assert "mathematics" in parts.texts[2]

    def test_with_no_skill_rated_it_does_not_claim_skills_agree(
        self, recommender: Recommender, config: RecommenderConfig
    ) -> None:
        """A tester: "Interests and skills point the same way" after rating no skill."""
        data = {"tasks": {"modeling": 4, "deployment": 1, "business_analysis": 2}, "code": "both"}
        parts = best_for(recommender, data).confidence_parts
        assert parts is not None
        assert parts.texts[2] == config.advice.texts.no_skills
        rated = best_for(recommender, {**data, "skills": {"machine_learning": 2}})
        assert rated.confidence_parts is not None
        assert rated.confidence_parts.texts[2] == config.advice.texts.no_conflict


class TestTieBreaker:
    @PROPERTY_EXAMPLES
    @given(profiles())
    def test_the_tie_breaker_asks_a_question_whose_answer_would_change_the_order(
        self, recommender: Recommender, profile: Profile
    ) -> None:
        """Was: the tie-breaker named a question already answered, to no effect."""
        result = recommender.recommend(profile)
        question = result.tie_breaker
        assume(question is not None)
        assert question in QUESTION_IDS
        top, second = ranked(result)[:2]
        now = profile.answer(str(question))
        changed = [
            profile.with_answer(str(question), value)
            for value in answer_values(str(question))
            if value != now
        ]
        after = [ranked(recommender.recommend(p)) for p in changed]
        assert any(order.index(second) < order.index(top) for order in after)


class TestAdjacentCareers:
    def test_a_person_who_loves_data_pipelines_is_told_about_data_engineering(
        self, recommender: Recommender, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        data = {
            "tasks": {"data_engineering": 4, "modeling": 1, "deployment": 2},
            "code": "production",
            "skills": {**dict.fromkeys(SKILL_IDS, 2), "software_engineering": 3},
        }
        profile = parse_profile(data)
        result = recommender.recommend(profile)
        assert result.adjacent is not None
        assert (result.adjacent.career, result.adjacent.faq) == (
            "data_engineering",
            "faq.data_engineer_role",
        )
        assert result.adjacent.role in ranked(result)[:3]
        text = summary_text(result, profile, kb, config)
        assert kb.faq["data_engineer_role"].title in text

    def test_mlops_minded_and_bi_people_get_their_careers(self, recommender: Recommender) -> None:
        mlops = {"tasks": {"deployment": 4, "ai_infrastructure": 4, "modeling": 1}}
        bi = {
            "tasks": {"data_engineering": 4, "business_analysis": 3},
            "known_tools": ["dbt", "sql"],
        }
        found = [best_for(recommender, d).adjacent for d in (mlops, bi)]
        assert [a.faq if a else None for a in found] == ["faq.mlops", "faq.bi_analytics_engineer"]

    def test_no_adjacent_career_for_a_modeling_lover(self, recommender: Recommender) -> None:
        data = {"tasks": {"modeling": 4, "data_engineering": 4, "deployment": 1}}
        assert best_for(recommender, data).adjacent is None


@PROPERTY_EXAMPLES
@given(profiles())
def test_a_match_percentage_is_shown_only_when_the_answers_can_measure_one(
    recommender: Recommender, kb: Knowledge, config: RecommenderConfig, profile: Profile
) -> None:
    """A tester answered every interest Neutral and "Both" and read "94% match": a number
    from the coding answer alone, read as sure advice. One "Love it" read "97% match"."""
    result = recommender.recommend(profile)
    parts = result.confidence_parts
    assert parts is not None
    # Counted as "How much you answered" counts: the tools step is one answer.
    answered = profile_size(profile) + bool(profile.known_tools)
    assert parts.sparse is (answered < config.advice.confidence.percent_from)
    text = summary_text(result, profile, kb, config)
    best = next(line for line in text.splitlines() if line.startswith("Best match"))
    assert ("% match" in best) is not (parts.flat or parts.sparse)
    if parts.flat or parts.sparse:  # nor beside the runner-ups, nor in "How close"
        assert "%" not in text


def test_one_answer_gets_no_percentage_and_four_do(
    recommender: Recommender, kb: Knowledge, config: RecommenderConfig
) -> None:
    answers = {"data_engineering": 4, "modeling": 1, "deployment": 3, "business_analysis": 0}
    texts = [
        summary_for(recommender, kb, config, {"tasks": dict(list(answers.items())[:count])})
        for count in (1, 4)
    ]
    assert "too few answers to measure a match" in texts[0]
    assert "with so few answers the order can easily change" in texts[0]
    assert "% match" in texts[1]


def test_all_neutral_interests_get_no_percentage(
    recommender: Recommender, kb: Knowledge, config: RecommenderConfig
) -> None:
    tasks = dict.fromkeys(
        ["data_engineering", "modeling", "deployment", "business_analysis", "ai_infrastructure"], 2
    )
    data = {"tasks": tasks, "code": "both", "deep_learning_interest": 2}
    text = summary_for(recommender, kb, config, data)
    best = next(line for line in text.splitlines() if line.startswith("Best match"))
    assert best.startswith("Best match: ")
    assert "%" not in best


def test_the_closing_line_names_skills_only_when_some_were_rated(
    recommender: Recommender, kb: Knowledge, config: RecommenderConfig
) -> None:
    """A tester skipped every skill and read that the suggestion rests on how they rate them."""
    tasks = {"data_engineering": 4, "modeling": 3, "deployment": 1, "business_analysis": 2}
    texts = {
        bool(skills): summary_for(recommender, kb, config, {"tasks": tasks, "skills": skills})
        for skills in ({}, {"mathematics": 2})
    }
    assert texts[False].endswith(config.texts.summary.disclaimer_no_skills)
    assert "rate your skills" not in texts[False].splitlines()[-1]
    assert texts[True].endswith(config.texts.summary.disclaimer)


def summary_for(
    recommender: Recommender, kb: Knowledge, config: RecommenderConfig, data: dict[str, Any]
) -> str:
    """The result a person reads for a profile written as `career-bot recommend` reads it."""
    profile = parse_profile(data)
    return summary_text(recommender.recommend(profile), profile, kb, config)
