"""The tools a person already uses: modest evidence for the roles that list them, and gone
from the tools to learn next."""

from __future__ import annotations

import pytest
from hypothesis import given

from bot.content.knowledge import ROLE_IDS
from bot.recommend.profile import Profile, parse_profile
from bot.recommend.recommender import Recommender
from tests.harness.profiles import profiles
from tests.recommend.helpers import PROPERTY_EXAMPLES, match_of, ranked

UNDECIDED = {"tasks": {"modeling": 3, "business_analysis": 3, "deployment": 3}}


def with_tools(data: dict[str, object], *tools: str) -> Profile:
    return parse_profile({**data, "known_tools": list(tools)})


@pytest.mark.parametrize(
    ("tools", "role"),
    [
        (("tableau", "power_bi", "spreadsheets"), "data_analyst"),
        (("docker", "kubernetes", "aws"), "software_engineer_ml"),
        (("pytorch", "tensorflow"), "deep_learning_researcher"),
    ],
)
def test_tools_a_role_lists_raise_its_match(
    recommender: Recommender, tools: tuple[str, ...], role: str
) -> None:
    before = match_of(recommender.recommend(with_tools(UNDECIDED)), role).score
    after = match_of(recommender.recommend(with_tools(UNDECIDED, *tools)), role).score
    assert after > before


def test_a_tool_every_role_lists_moves_no_role_against_another(
    recommender: Recommender,
) -> None:
    roles = recommender.kb.roles
    assert all(
        any(t.tool == "python" for ts in roles[r].tools.values() for t in ts) for r in ROLE_IDS
    )
    alone = recommender.recommend(with_tools(UNDECIDED))
    python = recommender.recommend(with_tools(UNDECIDED, "python"))
    assert ranked(python) == ranked(alone)


@given(profiles())
@PROPERTY_EXAMPLES
def test_a_tool_no_role_lists_changes_no_score(recommender: Recommender, profile: Profile) -> None:
    """A tool no role lists (Hive) tells the roles nothing: counted, it would thin every
    role's share of the tools and could move the ranking."""
    roles = recommender.kb.roles
    assert not any(t.tool == "hive" for r in ROLE_IDS for ts in roles[r].tools.values() for t in ts)
    plain = recommender.recommend(profile)
    tools = sorted({*profile.known_tools, "hive"})
    with_hive = recommender.recommend(parse_profile({**profile.to_dict(), "known_tools": tools}))
    assert [(m.role, m.score) for m in with_hive.ranking] == [
        (m.role, m.score) for m in plain.ranking
    ]


def test_tools_are_modest_evidence_never_worth_more_than_a_few_points(
    recommender: Recommender,
) -> None:
    """A data lover with a researcher's maths who happens to use a platform engineer's
    tools: the tools nudge, the interests and skills decide."""
    researcher = {
        "tasks": {"modeling": 4, "deployment": 0, "ai_infrastructure": 0},
        "code": "prototyping",
        "skills": {"mathematics": 3, "machine_learning": 3},
    }
    plain = recommender.recommend(with_tools(researcher))
    tooled = recommender.recommend(with_tools(researcher, "docker", "kubernetes", "aws"))
    assert ranked(tooled)[0] == ranked(plain)[0]
    for role in ROLE_IDS:
        assert abs(match_of(tooled, role).score - match_of(plain, role).score) <= 6


@PROPERTY_EXAMPLES
@given(profiles())
def test_known_tools_never_appear_among_the_tools_to_learn(
    recommender: Recommender, profile: Profile
) -> None:
    learn = {tool.tool for tool in recommender.recommend(profile).tools}
    assert not learn & profile.known_tools
