"""The scoring model: every role ranked once with a 0-100 match, every point traced to an
answer, the weights from the YAML file, no evidence when nothing is answered."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from bot.content.knowledge import ROLE_IDS, TASK_IDS, Knowledge
from bot.content.questions import INTERESTS
from bot.content.recommender_config import RecommenderConfig
from bot.recommend.profile import Profile, parse_profile
from bot.recommend.recommender import Recommender, recommend
from tests.harness.profiles import profiles
from tests.recommend.helpers import (
    PROPERTY_EXAMPLES,
    best_for,
    counted_answers,
    exact_scores,
    match_of,
    ranked,
)


class TestScores:
    def test_nothing_answered_is_no_evidence_either_way(self, recommender: Recommender) -> None:
        result = best_for(recommender, {})
        assert [m.score for m in result.ranking] == [50] * len(ROLE_IDS)
        assert ranked(result) == list(ROLE_IDS)  # ties keep the order of ROLE_IDS
        assert result.confidence == "low"
        assert all(m.reasons == () for m in result.ranking)
        assert result.gaps == ()

    def test_equal_matches_keep_the_order_of_role_ids(self, recommender: Recommender) -> None:
        # Without a deep-learning signal a role and its deep-learning twin score the same
        # (twins whose core, the skills needed at accomplished, is the same: the skipped
        # skills count alike for both).
        result = best_for(recommender, {"tasks": {"modeling": 4, "business_analysis": 0}})
        roles, scores = ranked(result), {m.role: m.score for m in result.ranking}
        assert scores["software_engineer_ml"] == scores["software_engineer_dl"]
        assert roles.index("software_engineer_ml") < roles.index("software_engineer_dl")

    def test_deep_learning_interest_separates_the_twins(self, recommender: Recommender) -> None:
        base = {"tasks": {"data_engineering": 3, "modeling": 4, "deployment": 4}, "code": "both"}
        keen = best_for(recommender, {**base, "deep_learning_interest": 4})
        not_keen = best_for(recommender, {**base, "deep_learning_interest": 0})
        assert ranked(keen)[0] == "deep_learning_engineer"
        assert ranked(not_keen)[0] == "machine_learning_engineer"

    def test_loving_deep_learning_as_much_as_every_task_does_not_favour_the_twins(
        self, recommender: Recommender
    ) -> None:
        """Loving everything, deep learning included, says nothing about which twin fits:
        the skills decide (here a machine learning researcher's, deep learning developing)."""
        skills = {"machine_learning": 3, "deep_learning": 2, "data_science": 3, "mathematics": 3}
        tasks = dict.fromkeys(TASK_IDS, 4)
        loves_all = best_for(
            recommender, {"tasks": tasks, "deep_learning_interest": 4, "skills": skills}
        )
        scores = {m.role: m.score for m in loves_all.ranking}
        assert scores["machine_learning_researcher"] > scores["deep_learning_researcher"]
        keen = best_for(
            recommender,
            {"tasks": {**tasks, "modeling": 3}, "deep_learning_interest": 4, "skills": skills},
        )
        scores = {m.role: m.score for m in keen.ranking}
        assert scores["deep_learning_researcher"] > scores["machine_learning_researcher"]

    def test_skills_alone_give_a_ranking(self, recommender: Recommender) -> None:
        skills = {"algorithmic_coding": 3, "software_engineering": 3, "machine_learning": 0}
        assert ranked(best_for(recommender, {"skills": skills}))[0] == "software_engineer"

    def test_the_weights_come_from_the_yaml_file(
        self, recommender: Recommender, config: RecommenderConfig
    ) -> None:
        weight = recommender.scoring.weight
        assert weight["task_modeling"] == Fraction(str(config.weights.task))
        assert weight["code"] == Fraction(str(config.weights.code))
        assert weight["skill_mathematics"] == Fraction(str(config.weights.skill))

    def test_a_heavier_weight_changes_the_result(
        self, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        data = {"tasks": {"modeling": 4, "deployment": 0}, "code": "production"}
        heavy = config.model_copy(
            update={"weights": config.weights.model_copy(update={"code": 50.0})}
        )
        light_top = ranked(recommend(parse_profile(data), kb, config))[0]
        heavy_top = ranked(recommend(parse_profile(data), kb, heavy))[0]
        assert (light_top, heavy_top) == ("data_scientist", "software_engineer_ml")

    @PROPERTY_EXAMPLES
    @given(profiles())
    def test_every_role_is_ranked_once_with_a_score_from_0_to_100(
        self, recommender: Recommender, profile: Profile
    ) -> None:
        result = recommender.recommend(profile)
        assert sorted(ranked(result)) == sorted(ROLE_IDS)
        scores = [m.score for m in result.ranking]
        assert all(0 <= s <= 100 for s in scores)
        assert scores == sorted(scores, reverse=True)

    @PROPERTY_EXAMPLES
    @given(profiles(), st.sampled_from(ROLE_IDS), st.data())
    def test_enjoying_a_roles_own_task_more_never_lowers_its_score(
        self, recommender: Recommender, profile: Profile, role: str, data: st.DataObject
    ) -> None:
        task = data.draw(st.sampled_from(sorted(recommender.kb.roles[role].tasks)))
        before = data.draw(st.sampled_from(INTERESTS[:-1]))
        lower = profile.with_answer(f"task_{task}", before)
        higher = profile.with_answer(f"task_{task}", before + 1)
        # Three or more task answers all alike count for no role (they cannot tell roles
        # apart), and a beginner is scored by the at-start model: compare like with like.
        assume(counted_answers(lower) == lower.answers())
        assume(counted_answers(higher) == higher.answers())
        assume(recommender.scoring_for(lower) is recommender.scoring_for(higher))
        scoring = recommender.scoring_for(lower)
        exact = (exact_scores(scoring, p.answers(), p.known_tools)[role] for p in (lower, higher))
        assert next(exact) <= next(exact)
        shown = [match_of(recommender.recommend(p), role).score for p in (lower, higher)]
        assert shown[0] <= shown[1]

    @PROPERTY_EXAMPLES
    @given(profiles())
    def test_every_point_of_a_score_is_traced_to_an_answer(
        self, recommender: Recommender, profile: Profile
    ) -> None:
        """Each answer gives a role from 0 to its question's weight in points, and a shown
        match is exactly the points of the answers given over the most they could give."""
        answers, scoring = counted_answers(profile), recommender.scoring_for(profile)
        exact = exact_scores(scoring, answers, profile.known_tools)
        for match in recommender.recommend(profile).ranking:
            for question, value in answers.items():
                assert 0 <= scoring.points[match.role][question][value] <= scoring.weight[question]
            assert match.score == math.floor(exact[match.role] * 100 + Fraction(1, 2))
