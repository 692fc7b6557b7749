""" "Why not X?": the suggestion against the runner-up, answer by answer and skill by skill."""

from __future__ import annotations

from hypothesis import given

from bot.content.knowledge import SKILL_IDS
from bot.recommend.profile import Profile, parse_profile
from bot.recommend.recommender import Recommender
from tests.harness.profiles import profiles
from tests.recommend.helpers import PROPERTY_EXAMPLES


@PROPERTY_EXAMPLES
@given(profiles())
def test_the_separating_answers_are_given_answers_that_favour_the_suggestion(
    recommender: Recommender, profile: Profile
) -> None:
    result = recommender.recommend(profile)
    comparison = result.why_not
    assert comparison is not None
    assert (comparison.first, comparison.second) == (
        result.ranking[0].role,
        result.ranking[1].role,
    )
    assert len(comparison.separating) <= 3
    points = recommender.scoring_for(profile).points
    leads = [
        points[comparison.first][q][v] - points[comparison.second][q][v]
        for q, v in comparison.separating
    ]
    assert all(lead > 0 for lead in leads)
    assert leads == sorted(leads, reverse=True), "the answers that separate most come first"
    assert all(profile.answers()[q] == v for q, v in comparison.separating)


@PROPERTY_EXAMPLES
@given(profiles())
def test_any_role_compares_as_the_runner_up_does(
    recommender: Recommender, profile: Profile
) -> None:
    """ "why not <role>?" typed after a result: the runner-up's comparison is the result's own,
    and every role below it is compared with the same suggestion."""
    result = recommender.recommend(profile)
    assert recommender.compare(profile, result.ranking[1].role) == result.why_not
    last = result.ranking[-1].role
    comparison = recommender.compare(profile, last)
    assert (comparison.first, comparison.second) == (result.ranking[0].role, last)


def test_the_skill_targets_stand_side_by_side_where_the_roles_differ(
    recommender: Recommender,
) -> None:
    profile = parse_profile(
        {
            "tasks": {"modeling": 4, "business_analysis": 4, "deployment": 0},
            "skills": {"machine_learning": 1, "communication": 3},
        }
    )
    comparison = recommender.recommend(profile).why_not
    assert comparison is not None
    roles = recommender.kb.roles
    first, second = roles[comparison.first].levels, roles[comparison.second].levels
    shown = {t.skill: t for t in comparison.skills}
    assert set(shown) == {s for s in SKILL_IDS if first[s] != second[s]}
    for skill, targets in shown.items():
        assert (targets.first, targets.second) == (first[skill], second[skill])
        assert targets.have == profile.skills.get(skill)
