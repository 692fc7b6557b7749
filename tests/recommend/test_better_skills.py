"""A better skill rating, scored by the same model, never lowers a match of a role that
needs that skill at the new level or more. Across models it can (README, "Known limit: a
better skill can lower a match"; `python -m benchmarks.monotonic` counts how often)."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from bot.recommend.profile import Profile
from bot.recommend.recommender import Recommender
from bot.recommend.result import Recommendation
from tests.harness.profiles import profiles
from tests.recommend.helpers import PROPERTY_EXAMPLES


def model(result: Recommendation) -> tuple[bool, bool]:
    """Which model ranked: at start or not, with the conflict weighting or not."""
    parts = result.confidence_parts
    return result.at_start, parts is not None and parts.conflict is not None


@PROPERTY_EXAMPLES
@given(profiles(), st.data())
def test_within_one_model_a_raised_skill_lowers_no_match_that_needs_it(
    recommender: Recommender, profile: Profile, data: st.DataObject
) -> None:
    below = sorted(skill for skill, level in profile.skills.items() if level < 3)
    assume(below)
    skill = data.draw(st.sampled_from(below))
    level = profile.skills[skill] + 1
    before = recommender.recommend(profile)
    after = recommender.recommend(profile.with_answer(f"skill_{skill}", level))
    assume(model(before) == model(after))
    was = {match.role: match.score for match in before.ranking}
    roles = recommender.kb.roles
    for match in after.ranking:
        if roles[match.role].levels[skill] >= level:
            assert match.score >= was[match.role], (match.role, skill, level)
