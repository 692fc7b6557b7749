"""The climb to a role (issue 15, points 1 and 2): a skip is no evidence of being at the start;
when interests and skills pull apart, a missing skill counts against a role in proportion to
the climb times how central the skill is to the role, and that changes the order; interests
that like nothing cannot make anyone sure."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, ClassVar

from bot.content.knowledge import ROLE_IDS, SKILL_IDS, Knowledge
from bot.content.recommender_config import RecommenderConfig
from bot.recommend.guidance import is_at_start
from bot.recommend.profile import parse_profile
from bot.recommend.recommender import Recommender
from bot.recommend.scoring import ScoringModel
from tests.recommend.helpers import best_for, ranked

CODING_HEAVY = {"software_engineer", "software_engineer_ml", "software_engineer_dl"}
DEEP_LEARNING = {"deep_learning_engineer", "deep_learning_researcher", "software_engineer_dl"}
NONE_YET = dict.fromkeys(SKILL_IDS, 0)


class TestAtTheStart:
    def test_two_skills_rated_developing_and_the_rest_skipped_is_not_a_beginner(
        self, config: RecommenderConfig
    ) -> None:
        """Was: skipped skills counted as none, so this person was ranked as a beginner."""
        profile = parse_profile({"skills": {"deep_learning": 2, "mathematics": 2}})
        assert not is_at_start(profile, config.advice.at_start)

    def test_skills_rated_none_with_the_rest_skipped_is_a_beginner(
        self, config: RecommenderConfig
    ) -> None:
        profile = parse_profile({"skills": {"algorithmic_coding": 0, "software_engineering": 0}})
        assert is_at_start(profile, config.advice.at_start)

    def test_a_technical_skill_rated_accomplished_is_a_foothold_not_a_start(
        self, config: RecommenderConfig
    ) -> None:
        """A reviewer's: accomplished machine learning and deep learning, the rest none,
        read "on most of the technical skills you are at the start"."""
        rated = {**NONE_YET, "machine_learning": 3, "deep_learning": 3}
        assert not is_at_start(parse_profile({"skills": rated}), config.advice.at_start)
        rated = {**NONE_YET, "machine_learning": 2, "deep_learning": 2}
        assert is_at_start(parse_profile({"skills": rated}), config.advice.at_start)

    def test_a_maths_teacher_with_no_coding_is_at_the_start(
        self, config: RecommenderConfig
    ) -> None:
        """A reviewer's: accomplished mathematics had taken the at-start advice away, and
        with it the strengths named beside it; every role still needs the coding."""
        rated = {**NONE_YET, "mathematics": 3, "communication": 3}
        assert is_at_start(parse_profile({"skills": rated}), config.advice.at_start)
        assert set(config.advice.at_start.footholds) <= set(config.advice.at_start.skills)

    def test_nothing_rated_is_not_a_beginner(self, config: RecommenderConfig) -> None:
        assert not is_at_start(parse_profile({"tasks": {"modeling": 4}}), config.advice.at_start)

    def test_at_the_start_only_the_technical_climb_weighs_more(
        self, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        """Communication and business sense grow on any job: a beginner's low rating of them
        weighs as usual, while the technical skills' climb weighs `skill_weight` times more."""
        usual, start = ScoringModel(kb, config), ScoringModel(kb, config, at_start=True)
        factor = Fraction(str(config.advice.at_start.skill_weight))
        for skill in SKILL_IDS:
            question = f"skill_{skill}"
            grows = factor if skill in config.advice.at_start.skills else 1
            assert start.weight[question] == usual.weight[question] * grows

    def test_a_beginner_who_loves_modeling_sees_the_scientist_route_in_the_top_3(
        self, recommender: Recommender
    ) -> None:
        """Was: a teenager who loves neural nets and maths, never coded, saw the data
        scientist (the modeling entry route) sixth, behind software engineering, because a
        teenager's communication and business sense counted as a climb six times over."""
        data = {
            "tasks": {"modeling": 4, "data_engineering": 1, "deployment": 1},
            "code": "prototyping",
            "deep_learning_interest": 4,
            "skills": {**NONE_YET, "mathematics": 2, "data_science": 1, "communication": 1},
        }
        result = best_for(recommender, data)
        assert result.at_start
        assert "data_scientist" in ranked(result)[:3]
        assert ranked(result)[0] == "data_analyst"


class TestTheClimbInAConflict:
    def test_the_same_climb_costs_more_where_the_skill_is_the_roles_core(
        self, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        """Mathematics at none: the researcher needs it at accomplished (its core), the
        engineer at developing. In a conflict the gap between the two grows."""
        usual, conflict = ScoringModel(kb, config), ScoringModel(kb, config, conflict=True)

        def lead(model: ScoringModel) -> object:
            points = model.points
            engineer = points["deep_learning_engineer"]["skill_mathematics"][0]
            researcher = points["deep_learning_researcher"]["skill_mathematics"][0]
            return (engineer - researcher) / model.weight["skill_mathematics"]

        assert lead(conflict) > lead(usual) > 0  # type: ignore[operator]

    def test_no_climb_costs_nothing_in_a_conflict_either(
        self, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        conflict = ScoringModel(kb, config, conflict=True)
        for role_id, role in kb.roles.items():
            for skill in SKILL_IDS:
                question = f"skill_{skill}"
                assert (
                    conflict.points[role_id][question][role.levels[skill]]
                    == (conflict.weight[question])
                )

    def test_a_beginner_who_wants_to_run_systems_starts_with_data_not_code(
        self, recommender: Recommender
    ) -> None:
        """Deployment and infrastructure loved, never coded: software engineering is shown
        with its climb, not first, and the pull is named."""
        data = {
            "tasks": {"deployment": 3, "ai_infrastructure": 3, "data_engineering": 2},
            "code": "production",
            "skills": {**NONE_YET, "communication": 1, "business_acumen": 1},
        }
        result = best_for(recommender, data)
        assert ranked(result)[0] not in CODING_HEAVY
        assert "software_engineer" in ranked(result)[:3]
        assert result.confidence == "low"
        assert result.confidence_parts is not None
        assert result.confidence_parts.conflict is not None
        assert result.confidence_parts.conflict.role in CODING_HEAVY
        # The pull names the role the interests alone chose, and says that is where it comes
        # from: it may be in no other line of the result.
        pull = result.confidence_parts.texts[2]
        role = recommender.kb.roles[result.confidence_parts.conflict.role].name
        assert f"what you enjoy points to {role[0].lower()}{role[1:]} (you " in pull

    def test_the_pull_to_a_deep_learning_role_names_the_deep_learning_interest(
        self, recommender: Recommender
    ) -> None:
        """A tester who loved deep learning, data engineering and modeling read "you love
        data engineering" as the reason the interests point to deep learning researcher."""
        tasks = {"data_engineering": 4, "modeling": 4, "deployment": 1, "business_analysis": 1}
        skills = {**NONE_YET, "machine_learning": 1, "data_science": 1, "mathematics": 2}
        skills |= {"algorithmic_coding": 1, "software_engineering": 1, "communication": 2}
        data: dict[str, Any] = {"tasks": tasks, "code": "prototyping", "skills": skills}
        result = best_for(recommender, {**data, "deep_learning_interest": 4})
        assert result.confidence_parts is not None
        assert result.confidence_parts.conflict is not None
        assert result.confidence_parts.conflict.role == "deep_learning_researcher"
        assert "(you love deep learning, part of its work)" in result.confidence_parts.texts[2]

    def test_an_analyst_captivated_by_deep_learning_is_not_sent_to_it_first(
        self, recommender: Recommender
    ) -> None:
        """Deep learning roles need it and machine learning at accomplished, from none and
        beginning: the order changes, and the confidence says why. Deep learning at none is
        the deep learning engineer's core with no foothold, so the data scientist, the
        bridge from analyst skills toward modeling, is among the first three (was sixth)."""
        data = {
            "tasks": {"modeling": 4, "data_engineering": 2, "business_analysis": 1},
            "code": "prototyping",
            "deep_learning_interest": 4,
            "skills": {
                **NONE_YET,
                "machine_learning": 1,
                "data_science": 2,
                "mathematics": 2,
                "algorithmic_coding": 1,
                "communication": 3,
                "business_acumen": 2,
            },
        }
        result = best_for(recommender, data)
        assert ranked(result)[0] not in DEEP_LEARNING
        assert "data_scientist" in ranked(result)[:3]
        assert result.confidence == "low"
        assert result.confidence_parts is not None
        assert result.confidence_parts.conflict is not None

    ENGINEER_WHO_LOVES_RESEARCH: ClassVar[dict[str, Any]] = {
        "tasks": {
            "data_engineering": 1,
            "modeling": 4,
            "deployment": 1,
            "business_analysis": 0,
            "ai_infrastructure": 1,
        },
        "code": "prototyping",
        "deep_learning_interest": 3,
        "skills": {
            "machine_learning": 2,
            "deep_learning": 1,
            "data_science": 1,
            "mathematics": 1,
            "algorithmic_coding": 3,
            "software_engineering": 3,
            "communication": 2,
            "business_acumen": 0,
        },
    }

    def test_research_is_not_first_when_its_core_is_far_and_the_strengths_lie_elsewhere(
        self, recommender: Recommender
    ) -> None:
        """A strong engineer who loves research, with maths, statistics and deep learning
        two levels below a researcher's: no single full climb, but about three in all, while
        his accomplished coding is a side skill for research. Was: deep learning researcher
        first, with interests and skills said to point the same way."""
        result = best_for(recommender, self.ENGINEER_WHO_LOVES_RESEARCH)
        assert ranked(result)[0] not in {"deep_learning_researcher", "machine_learning_researcher"}
        assert "machine_learning_engineer" in ranked(result)[:3]
        parts = result.confidence_parts
        assert parts is not None
        assert parts.conflict is not None
        assert parts.conflict.role == "deep_learning_researcher"
        assert result.confidence == "low"

    def test_a_beginner_everywhere_who_loves_research_keeps_it_near_the_top(
        self, recommender: Recommender
    ) -> None:
        """The same interests with every skill beginning: the research core is as far, but
        no strength pulls elsewhere, so the interests still rank (no conflict is claimed)."""
        beginner = {**self.ENGINEER_WHO_LOVES_RESEARCH, "skills": dict.fromkeys(SKILL_IDS, 1)}
        result = best_for(recommender, beginner)
        assert "deep_learning_researcher" in ranked(result)[:3]
        parts = result.confidence_parts
        assert parts is not None
        assert parts.conflict is None


class TestACoreSkillRatedNone:
    """In a conflict, a core skill rated none is a climb with no foothold: it counts again
    (`advice.climb.no_foothold`), so the applied role next to a research role whose core the
    person has not started comes first, and the research climb is named."""

    RESEARCH_LOVER_NO_MATHS: ClassVar[dict[str, Any]] = {
        "tasks": {
            "data_engineering": 1,
            "modeling": 4,
            "deployment": 0,
            "business_analysis": 0,
            "ai_infrastructure": 0,
        },
        "code": "prototyping",
        "deep_learning_interest": 4,
        "skills": {
            **dict.fromkeys(SKILL_IDS, 1),
            "mathematics": 0,
            "communication": 2,
            "business_acumen": 0,
        },
    }

    def test_none_on_a_core_skill_costs_more_than_beginning_in_a_conflict_only(
        self, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        """Mathematics for the researcher (its core): outside a conflict none costs a
        twelfth more than beginning (the first step is the shortest); in a conflict the
        missing foothold adds its own part."""
        usual, conflict = ScoringModel(kb, config), ScoringModel(kb, config, conflict=True)

        def foothold(model: ScoringModel) -> Fraction:
            points = model.points["deep_learning_researcher"]["skill_mathematics"]
            return (points[1] - points[0]) / model.weight["skill_mathematics"]

        assert foothold(usual) == Fraction(1, 12)
        no_foothold = Fraction(str(config.advice.climb.no_foothold))
        assert foothold(conflict) > no_foothold / (1 + no_foothold)

    def test_none_on_a_side_skill_has_no_foothold_part(
        self, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        """The deep learning engineer needs mathematics at developing: starting it from none
        is an ordinary climb, its foothold part kept."""
        conflict = ScoringModel(kb, config, conflict=True)
        share = conflict.climb.foothold_share
        points = conflict.points["deep_learning_engineer"]["skill_mathematics"]
        assert points[0] >= share * conflict.weight["skill_mathematics"]

    def test_at_the_start_there_is_no_foothold_part(
        self, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        """At the start no technical skill has a foothold, which the at-start weight counts."""
        model = ScoringModel(kb, config, at_start=True, conflict=True)
        assert model.climb.foothold_share == 0

    def test_the_research_lover_who_failed_calculus_gets_an_applied_role_first(
        self, recommender: Recommender
    ) -> None:
        """The issue's case: wants to invent architectures, failed calculus. Was: deep
        learning researcher first, the deep learning engineer fourth."""
        result = best_for(recommender, self.RESEARCH_LOVER_NO_MATHS)
        research = {"deep_learning_researcher", "machine_learning_researcher"}
        assert ranked(result)[0] not in research
        assert "deep_learning_engineer" in ranked(result)[:3]
        assert result.confidence == "low"
        parts = result.confidence_parts
        assert parts is not None
        assert parts.conflict is not None
        assert (parts.conflict.role, parts.conflict.skill) == (
            "deep_learning_researcher",
            "mathematics",
        )

    def test_the_same_person_with_some_maths_keeps_research_in_reach(
        self, recommender: Recommender
    ) -> None:
        """Mathematics at beginning: a foothold, so only the climb counts and research
        stays among the first three."""
        data = {**self.RESEARCH_LOVER_NO_MATHS}
        data["skills"] = {**data["skills"], "mathematics": 1}
        assert set(ranked(best_for(recommender, data))[:3]) & {
            "deep_learning_researcher",
            "machine_learning_researcher",
        }


class TestInterestsThatLikeNothing:
    def test_no_task_above_neutral_is_low_with_that_cause(
        self, recommender: Recommender, config: RecommenderConfig
    ) -> None:
        """Skilled, but dislikes or is lukewarm about every task: skills alone lead."""
        data = {
            "tasks": {"data_engineering": 1, "modeling": 1, "deployment": 2},
            "code": "production",
            "skills": {**dict.fromkeys(SKILL_IDS, 2), "software_engineering": 3},
        }
        result = best_for(recommender, data)
        assert result.confidence == "low"
        parts = result.confidence_parts
        assert parts is not None
        assert parts.flat
        assert parts.texts[2] == config.advice.texts.flat

    def test_one_liked_task_is_a_direction(self, recommender: Recommender) -> None:
        data = {"tasks": {"data_engineering": 1, "modeling": 1, "deployment": 3}}
        parts = best_for(recommender, data).confidence_parts
        assert parts is not None
        assert not parts.flat


class TestASkippedSkillIsUnknown:
    """A skipped skill is unknown, not met: it costs a role that needs it at accomplished (its
    core) half a climb, and a role that needs less nothing; alone it ranks nothing."""

    BASE: ClassVar[dict[str, Any]] = {
        "tasks": {"modeling": 4, "deployment": 3},
        "skills": {"deep_learning": 2, "mathematics": 2},
    }

    @staticmethod
    def _match(recommender: Recommender, role: str, skills: dict[str, int]) -> int:
        data = {**TestASkippedSkillIsUnknown.BASE}
        data["skills"] = {**data["skills"], **skills}
        result = best_for(recommender, data)
        return next(m.score for m in result.ranking if m.role == role)

    def test_a_skipped_core_skill_scores_between_none_and_accomplished(
        self, recommender: Recommender
    ) -> None:
        """Software engineering is the software engineer's core (accomplished)."""
        role = "software_engineer_dl"
        skipped = self._match(recommender, role, {})
        none = self._match(recommender, role, {"software_engineering": 0})
        accomplished = self._match(recommender, role, {"software_engineering": 3})
        assert none < skipped < accomplished

    def test_a_skipped_side_skill_costs_nothing(self, recommender: Recommender) -> None:
        """The deep learning engineer needs software engineering at developing only: skipping
        it scores as meeting it."""
        role = "deep_learning_engineer"
        skipped = self._match(recommender, role, {})
        met = self._match(recommender, role, {"software_engineering": 2})
        assert skipped == met

    def test_a_role_whose_core_was_skipped_no_longer_leads_for_nothing(
        self, recommender: Recommender
    ) -> None:
        """Was: a deep learning fan who rated deep learning and mathematics developing and
        skipped the rest got software engineer - deep learning first by 6 points, its coding
        core unknown; the deep learning engineer's unknown core (machine learning) is one
        skill, the coder's two."""
        data = {
            "tasks": {"modeling": 4},
            "deep_learning_interest": 4,
            "skills": {"deep_learning": 2, "mathematics": 2},
        }
        scores = {m.role: m.score for m in best_for(recommender, data).ranking}
        assert scores["deep_learning_engineer"] >= scores["software_engineer_dl"]

    def test_unknown_skills_alone_rank_nothing(self, recommender: Recommender) -> None:
        """Python alone: every role lists it, and the skipped skills do not rank the roles
        by how little they need."""
        result = best_for(recommender, {"known_tools": ["python"]})
        assert ranked(result) == list(ROLE_IDS)
        assert len({m.score for m in result.ranking}) == 1
