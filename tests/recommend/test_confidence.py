"""How sure the ranking is: confidence agrees with the margin, the tie-breaker asks the
question that settles a dead heat, the swap hint is the smallest change that swaps the top two."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.knowledge import ROLE_IDS, SKILL_IDS, Knowledge
from bot.content.questions import INTERESTS, QUESTION_IDS, Answer, answer_values
from bot.content.recommender_config import RecommenderConfig, interest_word, level_word
from bot.recommend.confidence import neighbours
from bot.recommend.explain import Explainer, answer_phrase, question_text
from bot.recommend.profile import Profile, parse_profile
from bot.recommend.recommender import Recommender
from tests.harness.profiles import profiles
from tests.recommend.helpers import (
    PROPERTY_EXAMPLES,
    best_for,
    counted_answers,
    persona,
    ranked,
)

# Roles that differ in one respect only (one task, one step of code, deep learning's place),
# spelt out from roles.yaml as the specification the recommender's table must match.
NEIGHBOURS = {
    frozenset(pair)
    for pair in (
        ("data_scientist", "data_analyst"),
        ("data_scientist", "machine_learning_researcher"),
        ("machine_learning_engineer", "deep_learning_engineer"),
        ("machine_learning_researcher", "deep_learning_researcher"),
        ("software_engineer_ml", "software_engineer_dl"),
    )
}


class TestConfidence:
    def test_a_clear_full_profile_is_high(self, recommender: Recommender) -> None:
        result = best_for(recommender, persona("swe_textbook")["profile"])
        assert (result.confidence, result.tie_breaker) == ("high", None)

    @pytest.mark.parametrize(("tools", "shown"), [([], "15 of 16"), (["sql"], "16 of 16")])
    def test_how_much_was_answered_counts_the_quiz_with_its_tools_step(
        self, recommender: Recommender, tools: list[str], shown: str
    ) -> None:
        full = {**persona("swe_textbook")["profile"], "known_tools": tools}
        parts = best_for(recommender, full).confidence_parts
        assert parts is not None
        assert f"How much you answered: {shown} questions." in parts.texts

    @pytest.mark.parametrize("name", ["swe_textbook", "mle_beginner"])
    def test_how_close_shows_both_matches_as_the_person_reads_them(
        self, recommender: Recommender, name: str
    ) -> None:
        result = best_for(recommender, persona(name)["profile"])
        assert result.confidence_parts is not None
        first, second = result.ranking[0], result.ranking[1]
        closeness = result.confidence_parts.texts[0]
        assert f"{second.name} matches {second.score}% against {first.score}%" in closeness

    def test_a_dead_heat_is_low_and_asks_the_question_that_settles_it(
        self, recommender: Recommender, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        data = {"tasks": {"modeling": 4, "ai_infrastructure": 4, "business_analysis": 0}}
        result = best_for(recommender, {**data, "code": "production"})
        assert ranked(result)[:2] == ["software_engineer_ml", "software_engineer_dl"]
        assert (result.confidence, result.margin) == ("low", 0)
        assert result.tie_breaker == "deep_learning_interest"
        text = question_text("deep_learning_interest", kb, config)
        assert text == config.texts.questions.deep_learning_interest

    def test_neighbours_are_the_roles_that_differ_in_one_respect(
        self, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        found = {frozenset(ROLE_IDS[i] for i in pair) for pair in neighbours(kb, config)}
        assert found == NEIGHBOURS

    def test_a_close_call_between_neighbours_is_medium_and_still_asks_a_question(
        self, recommender: Recommender
    ) -> None:
        """A lab technician who likes data preparation and modeling, prototypes in Python and
        rates statistics developing: data scientist and machine learning researcher tie, but both
        go the same way (data, models, prototypes), so either way the start is the same."""
        data = {
            "tasks": {
                "data_engineering": 3,
                "modeling": 3,
                "deployment": 1,
                "business_analysis": 2,
                "ai_infrastructure": 0,
            },
            "code": "prototyping",
            "deep_learning_interest": 2,
            "skills": dict.fromkeys(SKILL_IDS, 1)
            | {"data_science": 2, "software_engineering": 0, "communication": 2},
            "known_tools": ["python", "pandas", "jupyter"],
        }
        result = best_for(recommender, data)
        assert set(ranked(result)[:2]) == {"data_scientist", "machine_learning_researcher"}
        assert result.margin < recommender.config.confidence.low_margin
        assert result.confidence == "medium"
        assert result.tie_breaker is not None
        # and the closeness part says why the close call starts the same way
        parts = result.confidence_parts
        assert parts is not None
        texts = recommender.config.advice.texts
        runner_up = result.ranking[1].name
        first, second = (match.score for match in result.ranking[:2])
        assert parts.texts[0] == texts.closeness_neighbour.format(
            role=runner_up, margin=result.margin, first=first, second=second
        )

    def test_neighbours_close_behind_are_a_close_call_when_interests_and_skills_pull_apart(
        self, recommender: Recommender
    ) -> None:
        """A student who loves modeling and deep learning but rates the skills beginning or
        none (a terminal tester's answers): the confidence is low because interests and
        skills pull apart, so the neighbour close behind is a close call, not a clear way."""
        data = {
            "tasks": {
                "data_engineering": 2,
                "modeling": 4,
                "deployment": 1,
                "business_analysis": 1,
                "ai_infrastructure": 2,
            },
            "deep_learning_interest": 4,
            "skills": dict(zip(SKILL_IDS, (1, 1, 0, 1, 1, 0, 1, 0), strict=True)),
            "known_tools": ["python"],
        }
        result = best_for(recommender, data)
        parts = result.confidence_parts
        assert parts is not None
        assert parts.conflict is not None
        assert frozenset(ranked(result)[:2]) in NEIGHBOURS
        assert result.margin < recommender.config.advice.confidence.close_below
        assert result.confidence == "low"
        first, second = (match.score for match in result.ranking[:2])
        close = recommender.config.advice.texts.closeness_close
        role = result.ranking[1].name
        assert parts.texts[0] == close.format(role=role, first=first, second=second)

    def test_a_close_call_between_roles_further_apart_is_low(
        self, recommender: Recommender
    ) -> None:
        """A student who loves serving and running models and rates every technical skill
        beginning or developing: software engineer and software engineer - machine learning
        tie, and they differ in two tasks (data preparation, modeling), a real doubt."""
        data = {
            "tasks": {
                "data_engineering": 2,
                "modeling": 2,
                "deployment": 4,
                "business_analysis": 1,
                "ai_infrastructure": 4,
            },
            "code": "production",
            "deep_learning_interest": 2,
            "skills": dict.fromkeys(SKILL_IDS, 1)
            | {"mathematics": 2, "algorithmic_coding": 2, "software_engineering": 2}
            | {"communication": 2},
        }
        result = best_for(recommender, data)
        top_two = frozenset(ranked(result)[:2])
        assert top_two not in NEIGHBOURS
        assert result.margin < recommender.config.confidence.low_margin
        assert result.confidence == "low"
        parts = result.confidence_parts
        assert parts is not None
        texts = recommender.config.advice.texts
        runner_up = result.ranking[1].name
        first, second = (match.score for match in result.ranking[:2])
        assert parts.texts[0] == texts.closeness_close.format(
            role=runner_up, margin=result.margin, first=first, second=second
        )

    def test_a_neutral_answer_counts_as_open_for_the_tie_breaker(
        self, recommender: Recommender
    ) -> None:
        result = best_for(recommender, {"tasks": {"modeling": 2}})
        assert result.tie_breaker == "task_modeling"

    @PROPERTY_EXAMPLES
    @given(profiles())
    def test_confidence_agrees_with_the_margin(
        self, recommender: Recommender, profile: Profile
    ) -> None:
        result = recommender.recommend(profile)
        limits = recommender.config.confidence
        assert result.margin == result.ranking[0].score - result.ranking[1].score
        if result.margin < limits.low_margin:
            # a close call is low, unless the top two are neighbouring roles (then medium)
            top_two = frozenset(r.role for r in result.ranking[:2])
            expected = {"low", "medium"} if top_two in NEIGHBOURS else {"low"}
            assert result.confidence in expected
        if result.confidence == "high":
            assert result.margin >= limits.high_margin
            assert len(profile.answers()) >= limits.high_min_answers
        # A tie-breaker only when unsure, and only when some answer would change the order
        # (issue 15): an unsure result with no such question gets none.
        if result.confidence == "high":
            assert result.tie_breaker is None

    @PROPERTY_EXAMPLES
    @given(profiles())
    def test_interests_and_skills_pull_apart_only_between_two_roles(
        self, recommender: Recommender, profile: Profile
    ) -> None:
        """ "Point different ways" names the interests' role beside another suggestion; when
        the interests' role is the suggestion, its long climb is said as such (a tester read
        "point different ways" with both halves naming data scientist)."""
        result = recommender.recommend(profile)
        parts = result.confidence_parts
        if parts is None or parts.conflict is None:
            return
        texts = recommender.config.advice.texts
        same = parts.conflict.role == result.ranking[0].role
        opening = (texts.conflict_same_role if same else texts.conflict).split("{role}")[0]
        assert parts.texts[2].startswith(opening)

    @PROPERTY_EXAMPLES
    @given(st.sampled_from(INTERESTS), st.sampled_from(range(4)), st.booleans())
    def test_all_the_same_answers_are_low(
        self, recommender: Recommender, interest: int, level: int, with_skills: bool
    ) -> None:
        data: dict[str, Any] = {"tasks": dict.fromkeys(recommender.kb.tasks, interest)}
        if with_skills:
            data["skills"] = dict.fromkeys(SKILL_IDS, level)
        result = best_for(recommender, data)
        assert result.confidence == "low"
        # and no line beside it says the two start the same way (a tester saw "the direction
        # is clear" beside it, in the terminal)
        parts = result.confidence_parts
        assert parts is not None
        neighbour = recommender.config.advice.texts.closeness_neighbour
        first, second = (match.score for match in result.ranking[:2])
        runner_up = result.ranking[1].name
        assert parts.texts[0] != neighbour.format(
            role=runner_up, margin=result.margin, first=first, second=second
        )


def _steps(question: str, before: Answer | None, after: Answer) -> Fraction:
    """The size of a change, as the swap hint promises to measure it."""
    values = answer_values(question)
    if before is None:
        return 1 + abs(values.index(after) - Fraction(len(values) - 1, 2))
    return Fraction(abs(values.index(after) - values.index(before)))


def _flat(profile: Profile) -> bool:
    return counted_answers(profile) != profile.answers()


def _top(recommender: Recommender, profile: Profile) -> str:
    """The top role, scored only: the whole recommendation costs more."""
    return ROLE_IDS[recommender.scoring_for(profile).score(profile).order[0]]


class TestSwapHint:
    def test_the_hint_says_which_answer_to_change_and_to_what(
        self, recommender: Recommender, config: RecommenderConfig
    ) -> None:
        hint = best_for(recommender, persona("dle_textbook")["profile"]).swap_hint
        assert hint is not None
        assert (hint.role, hint.question, hint.before) == (
            "machine_learning_engineer",
            "deep_learning_interest",
            4,
        )
        # Issue 15: the hint speaks of the change (less than the love given), never of an
        # answer the person already gave that way.
        role = "machine learning engineer"
        said = "you said you love it"  # the answer given, said back (a postdoc's wish)
        assert hint.text == config.texts.swap.deep_learning_less.format(role=role, answer=said)
        assert interest_word(config.texts.felt, 4) not in hint.text

    @pytest.mark.parametrize(
        ("before", "after", "template"),
        [(4, 2, "task_less"), (1, 3, "task_more"), (None, 3, "task")],
        ids=["loved, less", "not keen, more", "skipped"],
    )
    def test_a_task_hint_says_more_or_less_than_the_answer_given(
        self, recommender: Recommender, before: int | None, after: int, template: str
    ) -> None:
        explainer = Explainer(recommender.kb, recommender.config, recommender.scoring)
        question = QUESTION_IDS.index("task_data_engineering")
        hint = explainer.swap_hint(ROLE_IDS.index("software_engineer"), question, before, after)
        texts = recommender.config.texts
        said = "" if before is None else answer_phrase("task_data_engineering", before, texts)
        expected = getattr(texts.swap, template).format(
            task="data engineering", role="software engineer", felt="liked", answer=said
        )
        assert hint.text == expected
        if before is not None:  # "If you enjoyed data engineering more (you said you ...)"
            assert f"({said})" in hint.text

    @pytest.mark.parametrize(
        ("before", "after", "template"),
        [
            (1, 0, "skill_none"),
            (None, 0, "skill_none"),
            (2, 1, "skill_down"),
            (1, 2, "skill_up"),
            (None, 2, "skill"),
        ],
        ids=["down to none", "skipped, none", "down a level", "up a level", "skipped"],
    )
    def test_a_skill_hint_names_the_level_or_says_none_at_all(
        self, recommender: Recommender, before: int | None, after: int, template: str
    ) -> None:
        """None is said as having none ("if your deep learning were only none", or "were
        none" for a skipped skill, was broken English); other levels are named."""
        explainer = Explainer(recommender.kb, recommender.config, recommender.scoring)
        question = QUESTION_IDS.index("skill_deep_learning")
        hint = explainer.swap_hint(ROLE_IDS.index("software_engineer"), question, before, after)
        swap, levels = recommender.config.texts.swap, recommender.config.texts.levels
        level = level_word(levels, after)
        expected = getattr(swap, template).format(
            skill="deep learning", level=level, role="software engineer"
        )
        assert hint.text == expected
        assert "only none" not in hint.text
        assert "were none" not in hint.text

    def test_the_hint_is_the_smallest_change_with_a_task_skipped(
        self, recommender: Recommender
    ) -> None:
        """Found by the property below (a random run): with modeling skipped, answering it
        Neutral puts the runner-up first in one step; the hint named a skill change of one
        and a half (answering a task changes what the other task answers count for)."""
        profile = parse_profile(
            {
                "tasks": {"data_engineering": 0, "deployment": 0, "business_analysis": 2},
                "code": "prototyping",
                "deep_learning_interest": 0,
                "skills": {
                    "machine_learning": 3,
                    "mathematics": 0,
                    "algorithmic_coding": 2,
                    "communication": 0,
                    "deep_learning": 1,
                },
                "known_tools": ["pandas", "python"],
            }
        )
        hint = recommender.recommend(profile).swap_hint
        assert hint is not None
        assert _steps(hint.question, profile.answer(hint.question), hint.after) == 1

    @PROPERTY_EXAMPLES
    @given(profiles())
    def test_the_hint_is_the_smallest_change_that_puts_the_runner_up_first(
        self, recommender: Recommender, profile: Profile
    ) -> None:
        result = recommender.recommend(profile)
        runner_up, answers = result.ranking[1].role, profile.answers()
        wins = {
            (q, value): _steps(q, answers.get(q), value)
            for q in QUESTION_IDS
            for value in answer_values(q)
            if value != answers.get(q)
            and _top(recommender, profile.with_answer(q, value)) == runner_up
            # the swap is searched within the profile's own scoring model: a change that
            # makes the person a beginner (or not) is scored by the other one
            and recommender.scoring_for(profile.with_answer(q, value))
            is recommender.scoring_for(profile)
            # nor a change that makes the task answers all alike, or no longer alike
            and _flat(profile.with_answer(q, value)) == _flat(profile)
        }
        hint = result.swap_hint
        if hint is None:
            # no hint: nothing swaps, or the smallest change would switch scoring models
            # (the person would become, or stop being, a beginner)
            switches = any(
                recommender.scoring_for(profile.with_answer(q, v))
                is not recommender.scoring_for(profile)
                or _flat(profile.with_answer(q, v)) != _flat(profile)
                for q in QUESTION_IDS
                for v in answer_values(q)
            )
            assert wins == {} or switches
            return
        assert hint.role == runner_up
        assert hint.before == profile.answer(hint.question)
        assert wins[(hint.question, hint.after)] == min(wins.values())
        changed = profile.with_answer(hint.question, hint.after)
        assert ranked(recommender.recommend(changed))[0] == runner_up
