"""What to do next: the gaps, tools and path all belong to the top role and follow the
person's own answers."""

from __future__ import annotations

from hypothesis import given

from bot.content.knowledge import SKILL_IDS, Knowledge
from bot.content.recommender_config import RecommenderConfig
from bot.content.text import in_sentence
from bot.recommend.advice import named_tools
from bot.recommend.profile import Profile, parse_profile
from bot.recommend.recommender import Recommender
from bot.recommend.summary import tools_lines
from tests.harness.profiles import profiles
from tests.recommend.helpers import PROPERTY_EXAMPLES, best_for, ranked


class TestGapsToolsPath:
    def test_gaps_are_the_rated_skills_below_target_widest_first(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        data = {
            "tasks": {"modeling": 4, "business_analysis": 4, "data_engineering": 3},
            "skills": {
                "machine_learning": 1,
                "communication": 2,
                "mathematics": 3,
                "data_science": 3,
                "algorithmic_coding": 2,
            },
        }
        result = best_for(recommender, data)
        assert ranked(result)[0] == "data_scientist"
        assert [(g.skill, g.have, g.need) for g in result.gaps] == [
            ("machine_learning", 1, 3),
            ("communication", 2, 3),
        ]
        # The first step from each person's own level, not from none.
        assert result.gaps[0].first_step == kb.skills["machine_learning"].steps.beginning
        assert result.gaps[1].first_step == kb.skills["communication"].steps.developing
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

    def test_tools_for_a_task_answered_below_neutral_say_so(
        self, recommender: Recommender, kb: Knowledge, config: RecommenderConfig
    ) -> None:
        """A student who disliked data engineering read SQL and Spark "for data engineering"
        beside the line saying the role does it every day, and asked why."""
        data = {
            "tasks": {"data_engineering": 1, "modeling": 4, "deployment": 3},
            "deep_learning_interest": 4,
            "code": "prototyping",
        }
        profile = parse_profile(data)
        result = recommender.recommend(profile)
        unwanted = {t.task for t in result.tools if t.unwanted}
        assert unwanted == {"data_engineering"}
        lines = tools_lines(result, kb, config)
        task = in_sentence(kb.tasks["data_engineering"].name)
        said = [line for line in lines if f"for {task}" in line]
        assert said
        assert all("not your favourite" in line for line in said)
        assert not any("not your favourite" in line for line in lines if line not in said)

    def test_a_tool_that_does_the_job_of_one_in_use_is_not_to_learn(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        # A tester on AWS was told to learn Azure: one cloud is enough, and so is one
        # dashboard tool; a tool of another job is still offered.
        data = {
            "tasks": {"deployment": 4, "ai_infrastructure": 4, "modeling": 0},
            "code": "production",
        }
        with_aws = {**data, "known_tools": ["aws", "docker"]}
        told = {t.tool for t in best_for(recommender, data).tools}
        told_on_aws = {t.tool for t in best_for(recommender, with_aws).tools}
        clouds = {t for t, tool in kb.tools.items() if tool.one_of == "cloud"}
        assert told & clouds - {"aws"}  # without a cloud, another cloud is offered
        assert not told_on_aws & clouds
        assert told_on_aws  # other tools of the role are still to learn

    def test_a_skill_step_is_the_roles_own_where_it_has_one(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        """Testers who got data analyst were told to compute a gradient-descent step: the
        analyst's mathematics is for analysis (skills.yaml, steps_for_role)."""
        analyst = {
            "tasks": {"business_analysis": 4, "data_engineering": 4, "modeling": 1},
            "skills": {"mathematics": 1, "communication": 3, "business_acumen": 3},
        }
        result = best_for(recommender, analyst)
        assert ranked(result)[0] == "data_analyst"
        step = next(g.first_step for g in result.gaps if g.skill == "mathematics")
        assert step == kb.skills["mathematics"].steps_for_role["data_analyst"].beginning
        assert "gradient" not in step
        modeler = {"tasks": {"modeling": 4, "deployment": 4}, "skills": {"mathematics": 1}}
        result = best_for(recommender, modeler)
        assert ranked(result)[0] != "data_analyst"
        step = next(g.first_step for g in result.gaps if g.skill == "mathematics")
        assert step == kb.skills["mathematics"].steps.beginning

    def test_a_conflicts_step_is_the_roles_own_too(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        """The line that weighs a loved task against a missing skill gives the leading
        role's own step (certainty.py), as the gaps do."""
        tasks = {"data_engineering": 3, "modeling": 1, "deployment": 2, "business_analysis": 2}
        tasks["ai_infrastructure"] = 0
        skills = dict(zip(SKILL_IDS, (3, 3, 1, 0, 2, 2, 1, 2), strict=True))  # maths none
        result = best_for(recommender, {"tasks": tasks, "skills": skills})
        parts = result.confidence_parts
        assert parts is not None
        assert parts.conflict is not None
        assert (parts.conflict.role, parts.conflict.skill) == ("data_analyst", "mathematics")
        assert parts.conflict.step == kb.skills["mathematics"].steps_for_role["data_analyst"].none

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
        # A tool that does the job of one in use (`one_of`: PyTorch, TensorFlow) is not to learn.
        kb_tools = recommender.kb.tools
        covered = {kb_tools[t].one_of for t in profile.known_tools} - {None}
        assert set(tools) == {
            t for t in listed - profile.known_tools if kb_tools[t].one_of not in covered
        }
        # each step is one of the role's, in its order, with notes after it at most
        steps = iter(role.path)
        assert all(any(shown.startswith(step) for step in steps) for shown in result.path)

    def test_a_developing_person_gets_the_developing_step(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        """Issue 15: "Machine learning: developing now ... First step: Fit a linear
        regression" was the step from none."""
        data = {
            "tasks": {"modeling": 4, "deployment": 4, "data_engineering": 3},
            "code": "both",
            "skills": dict.fromkeys(SKILL_IDS, 2),
        }
        result = best_for(recommender, data)
        gap = next(g for g in result.gaps if g.skill == "machine_learning")
        assert gap.first_step == kb.skills["machine_learning"].steps.developing
        assert gap.first_step != kb.skills["machine_learning"].steps.none

    def test_the_path_skips_what_the_person_already_has(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        """Issue 15: the path said "build a strong base in linear algebra" after Mathematics
        = Accomplished."""
        data = {
            "tasks": {"modeling": 4, "data_engineering": 2, "deployment": 0},
            "code": "prototyping",
            "deep_learning_interest": 1,
            "skills": {**dict.fromkeys(SKILL_IDS, 2), "mathematics": 3, "data_science": 3},
        }
        result = best_for(recommender, data)
        assert ranked(result)[0] == "machine_learning_researcher"
        assert not any("linear algebra" in step for step in result.path)
        assert result.path == kb.roles["machine_learning_researcher"].path[1:]

    def test_the_path_skips_steps_about_tools_the_person_uses_and_nothing_else(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        """A tester: an accountant who ticked spreadsheets and rated business acumen
        accomplished was told to get fluent with spreadsheets and learn an industry's
        metrics."""
        data = {
            "tasks": {"business_analysis": 4, "data_engineering": 2, "modeling": 1},
            "code": "prototyping",
            "skills": {"business_acumen": 3, "data_science": 1},
        }
        path = kb.roles["data_analyst"].path
        spreadsheets, sql, metrics = path[1], path[0], path[4]
        without = best_for(recommender, data)
        assert ranked(without)[0] == "data_analyst"
        assert spreadsheets in without.path
        assert metrics not in without.path  # business acumen at the role's target

        uses = best_for(recommender, {**data, "known_tools": ["spreadsheets", "python"]})

        assert ranked(uses)[0] == "data_analyst"
        assert spreadsheets not in uses.path
        assert sql in uses.path  # SQL is not among the tools ticked

    def test_a_platform_step_is_behind_someone_who_runs_its_tools(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        """A terminal tester, an SRE on Kubernetes, Terraform, Prometheus and AWS, was told to
        learn a cloud platform plus those three, with "you already use" them beside it."""
        data = {
            "tasks": {"ai_infrastructure": 4, "deployment": 4, "modeling": 1},
            "code": "production",
            "skills": {"software_engineering": 2, "algorithmic_coding": 1},
        }
        platform = kb.roles["software_engineer"].path[3]
        assert platform in best_for(recommender, data).path
        tools = ["kubernetes", "terraform", "prometheus", "aws", "docker"]
        sre = best_for(recommender, {**data, "known_tools": tools})
        assert ranked(sre)[0] == "software_engineer"
        assert not any(step.startswith(platform) for step in sre.path)

    def test_a_step_kept_says_which_of_its_tools_and_skills_the_person_has(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        """Terminal testers: a backend engineer who ticked Docker and Kubernetes was told
        "Learn Kubernetes", and one with accomplished machine learning "Learn classic machine
        learning first". The steps stay (MLflow, deep learning), and say what is done."""
        texts = recommender.config.advice.texts
        engineer = {
            "tasks": {"deployment": 4, "ai_infrastructure": 4, "modeling": 2},
            "code": "production",
            "skills": {"software_engineering": 3, "algorithmic_coding": 2},
            "known_tools": ["docker", "kubernetes", "aws"],
        }
        result = best_for(recommender, engineer)
        assert ranked(result)[0] == "software_engineer_ml"
        kubernetes_step = kb.roles["software_engineer_ml"].path[4]
        uses = texts.path_uses.format(tools="Kubernetes")
        assert f"{kubernetes_step} {uses}" in result.path
        # the step about those two tools alone goes once both are in use
        both = best_for(recommender, {**engineer, "known_tools": ["kubernetes", "mlflow"]})
        assert ranked(both)[0] == "software_engineer_ml"
        assert not any(step.startswith(kubernetes_step) for step in both.path)

        builder = {
            "tasks": {"modeling": 4, "deployment": 3},
            "code": "both",
            "deep_learning_interest": 4,
            "skills": {"machine_learning": 3, "deep_learning": 1, "software_engineering": 2},
        }
        result = best_for(recommender, builder)
        assert ranked(result)[0] == "deep_learning_engineer"
        learn = kb.roles["deep_learning_engineer"].path[1]
        has = texts.path_has.format(skills="machine learning")
        assert f"{learn} {has}" in result.path

    def test_an_analysts_data_science_path_skips_presenting_and_notes_python_and_sql(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        """A ninth tester, an analyst with Python and SQL ticked and communication rated
        accomplished, was told to practise presenting. The Python and SQL step stays, with
        a note: a tick says nothing of how much (a reviewer's "python a tiny bit")."""
        skills = {"mathematics": 2, "machine_learning": 1, "data_science": 2}
        skills |= {"algorithmic_coding": 1, "software_engineering": 1, "deep_learning": 0}
        analyst = {
            "tasks": {"modeling": 4, "business_analysis": 3, "data_engineering": 3},
            "code": "prototyping",
            "skills": {**skills, "communication": 3, "business_acumen": 3},
            "known_tools": ["python", "sql", "spreadsheets", "tableau"],
        }
        result = best_for(recommender, analyst)
        assert ranked(result)[0] == "data_scientist"
        path = kb.roles["data_scientist"].path
        uses = recommender.config.advice.texts.path_uses.format(tools="Python, SQL")
        assert result.path == (f"{path[0]} {uses}", path[1], path[2], path[3], path[5])

    def test_a_step_with_tools_used_and_skills_had_says_both_in_one_note(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        """A tester found two brackets in a row hard to read: "(you already use Python)
        (already at this role's level: software engineering)"."""
        texts = recommender.config.advice.texts
        builder = {
            "tasks": {"modeling": 4, "deployment": 2, "data_engineering": 3},
            "code": "both",
            "deep_learning_interest": 3,
            "skills": {"mathematics": 1, "software_engineering": 3},
            "known_tools": ["python", "numpy"],
        }
        result = best_for(recommender, builder)
        assert ranked(result)[0] == "deep_learning_engineer"
        first = kb.roles["deep_learning_engineer"].path[0]
        note = texts.path_uses_and_has.format(tools="Python, NumPy", skills="software engineering")
        assert result.path[0] == f"{first} {note}"
        assert result.path[0].count("(") == 1

    def test_tools_named_by_a_step_are_found_by_name_bracket_or_label_in_any_case(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        named = named_tools(kb)
        # in the step's order, each by a name, a form in brackets or a label
        assert named["software_engineer_ml"][3] == ("fastapi", "docker")
        assert named["software_engineer_ml"][4] == ("kubernetes", "mlflow")
        assert named["software_engineer_dl"][0] == ("python", "cpp", "git")  # "C++" whole
        assert named["data_analyst"][1] == ("spreadsheets",)  # "get fluent with spreadsheets"
        assert named["deep_learning_engineer"][2] == ("pytorch", "hugging_face")
        assert 1 not in named["data_scientist"]  # "probability and statistics": no tool
        # a step about tools alone names each of them
        for role, steps in recommender.config.advice.path_tools.items():
            for index, tools in steps.items():
                assert set(tools) <= set(named[role].get(index, ())), (role, index)

    def test_path_tags_name_real_roles_steps_skills_and_tools(
        self, recommender: Recommender, kb: Knowledge
    ) -> None:
        advice = recommender.config.advice
        for tags, known in ((advice.path_skills, kb.skills), (advice.path_tools, kb.tools)):
            for role, steps in tags.items():
                assert role in kb.roles
                for index, names in steps.items():
                    assert 0 <= index < len(kb.roles[role].path), (role, index)
                    assert names, (role, index)
                    assert set(names) <= set(known), (role, index)

    def test_every_skill_has_a_step_from_every_level_below_accomplished(
        self, kb: Knowledge
    ) -> None:
        for skill in kb.skills.values():
            steps = [skill.steps.none, skill.steps.beginning, skill.steps.developing]
            assert len(set(steps)) == 3, skill.name
