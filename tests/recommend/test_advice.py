"""What to do next: the gaps, tools and path all belong to the top role and follow the
person's own answers."""

from __future__ import annotations

from hypothesis import given

from bot.content.knowledge import SKILL_IDS, Knowledge
from bot.recommend.profile import Profile
from bot.recommend.recommender import Recommender
from tests.harness.profiles import profiles
from tests.recommend.helpers import PROPERTY_EXAMPLES, best_for, ranked


class TestGapsToolsPath:
    def test_gaps_are_the_rated_skills_below_target_widest_first(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        data = {
            "tasks": {"modeling": 4, "business_analysis": 4, "data_engineering": 3},
            "skills": {"machine_learning": 1, "communication": 2, "mathematics": 3},
        }
        result = best_for(recommender, data)
        assert ranked(result)[0] == "data_scientist"
        assert [(g.skill, g.have, g.need) for g in result.gaps] == [
            ("machine_learning", 1, 3),
            ("communication", 2, 3),
        ]
        assert result.gaps[0].first_step == kb.skills["machine_learning"].first_step
        assert result.gaps[0].name == kb.skills["machine_learning"].name

    def test_tools_follow_the_most_enjoyed_task_and_skip_known_ones(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        data = {
            "tasks": {"data_engineering": 4, "modeling": 1, "business_analysis": 3},
            "code": "prototyping",
            "known_tools": ["sql", "python"],
        }
        result = best_for(recommender, data)
        assert ranked(result)[0] == "data_analyst"
        role_tools = kb.roles["data_analyst"].tools
        expected = [r.tool for r in role_tools["data_engineering"]]
        expected += [r.tool for r in role_tools["business_analysis"] if r.tool not in expected]
        expected = [t for t in expected if t not in {"sql", "python"}]
        assert [t.tool for t in result.tools] == expected
        assert result.tools[0].task == "data_engineering"

    @PROPERTY_EXAMPLES
    @given(profiles())
    def test_gaps_tools_and_path_belong_to_the_top_role(
        self, recommender: Recommender, profile: Profile
    ) -> None:
        result = recommender.recommend(profile)
        role = recommender.kb.roles[result.ranking[0].role]
        below = [s for s in SKILL_IDS if s in profile.skills and profile.skills[s] < role.levels[s]]
        assert sorted(g.skill for g in result.gaps) == sorted(below)
        for gap in result.gaps:
            assert (gap.have, gap.need) == (profile.skills[gap.skill], role.levels[gap.skill])
        listed = {ref.tool for refs in role.tools.values() for ref in refs}
        tools = [t.tool for t in result.tools]
        assert len(tools) == len(set(tools))
        assert set(tools) == listed - profile.known_tools
        assert result.path == role.path
