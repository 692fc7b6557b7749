"""The knowledge base: the shipped files are complete and consistent, and broken ones are
reported with the exact file, line and exit code 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.content.knowledge import ROLE_IDS, SKILL_IDS, TASK_IDS, Knowledge, load_knowledge
from bot.content.knowledge_checks import title_places
from bot.content.messages import one_or_more
from bot.content.text import fold
from tests.harness.breakage import Breakage, apply_breakage, assert_reported

# The project's reading of the source: ../shared/reference/ai-career-facts.md, "target levels".
REFERENCE_LEVELS = {
    "data_scientist": (3, 1, 3, 2, 2, 1, 3, 3),
    "data_analyst": (1, 0, 2, 2, 1, 0, 3, 3),
    "machine_learning_engineer": (3, 1, 2, 2, 2, 2, 2, 1),
    "deep_learning_engineer": (3, 3, 2, 2, 2, 2, 2, 1),
    "machine_learning_researcher": (3, 1, 3, 3, 2, 1, 2, 1),
    "deep_learning_researcher": (3, 3, 3, 3, 2, 1, 2, 1),
    "software_engineer_ml": (2, 1, 2, 1, 3, 3, 2, 1),
    "software_engineer_dl": (2, 2, 2, 1, 3, 3, 2, 1),
    "software_engineer": (0, 0, 0, 1, 3, 3, 2, 1),
}
DE, MO, DP, BA, AI = TASK_IDS
REFERENCE_TASKS = {
    "data_scientist": {DE, MO, BA},
    "data_analyst": {DE, BA},
    "machine_learning_engineer": {DE, MO, DP},
    "deep_learning_engineer": {DE, MO, DP},
    "machine_learning_researcher": {DE, MO},
    "deep_learning_researcher": {DE, MO},
    "software_engineer_ml": {DE, MO, DP, AI},
    "software_engineer_dl": {DE, MO, DP, AI},
    "software_engineer": {DP, AI},
}
REFERENCE_CODE = {
    "data_scientist": "prototyping",
    "data_analyst": "prototyping",
    "machine_learning_engineer": "both",
    "deep_learning_engineer": "both",
    "machine_learning_researcher": "prototyping",
    "deep_learning_researcher": "prototyping",
    "software_engineer_ml": "production",
    "software_engineer_dl": "production",
    "software_engineer": "production",
}
REQUIRED_FAQ = (
    "what_can_you_do how_quiz_works data_privacy source which_role_for_me ai_lifecycle "
    "list_roles team_structure prototype_vs_production skill_levels job_titles phd_required "
    "math_required learn_programming python_vs_r getting_started career_switch_from_swe "
    "career_switch_non_tech portfolio courses certifications interview_prep assess_skills "
    "deep_learning_vs_ml data_engineer_role mlops llm_engineer salary time_to_learn "
    "cloud_platforms"
).split()


class TestShippedKnowledge:
    def test_has_exactly_the_fixed_ids(self, kb: Knowledge) -> None:
        assert tuple(kb.roles) == ROLE_IDS
        assert tuple(kb.tasks) == TASK_IDS
        assert tuple(kb.skills) == SKILL_IDS

    @pytest.mark.parametrize("role_id", ROLE_IDS)
    def test_role_levels_match_the_reference_table(self, kb: Knowledge, role_id: str) -> None:
        levels = tuple(kb.roles[role_id].levels[s] for s in SKILL_IDS)
        assert levels == REFERENCE_LEVELS[role_id]

    @pytest.mark.parametrize("role_id", ROLE_IDS)
    def test_role_tasks_and_code_match_the_reference(self, kb: Knowledge, role_id: str) -> None:
        role = kb.roles[role_id]
        assert set(role.tasks) == REFERENCE_TASKS[role_id]
        assert role.code.style == REFERENCE_CODE[role_id]

    @pytest.mark.parametrize("role_id", ROLE_IDS)
    def test_role_has_every_facet(self, kb: Knowledge, role_id: str) -> None:
        role = kb.roles[role_id]
        assert role.name
        assert role.summary
        assert role.aliases
        assert role.titles
        assert all(role.tasks[t] for t in role.tasks)
        assert set(role.tools) == set(role.tasks), "tools for every task the role does"
        assert 3 <= len(role.path) <= 6
        assert role.differs

    @pytest.mark.parametrize("role_id", ROLE_IDS)
    def test_a_comparison_that_says_less_or_more_of_a_skill_names_one_whose_targets_differ(
        self, kb: Knowledge, role_id: str
    ) -> None:
        """A tester read "the analyst role asks for less mathematics" beside the same
        developing mathematics for data analyst and data scientist."""
        role = kb.roles[role_id]
        names = {fold(skill.name): skill_id for skill_id, skill in kb.skills.items()}
        for other, text in role.differs.items():
            for phrase in re.findall(r"\b(?:less|more|stronger|deeper) ([a-z ]+)", fold(text)):
                for name, skill_id in names.items():
                    if phrase.startswith(name):
                        levels = role.levels[skill_id], kb.roles[other].levels[skill_id]
                        assert levels[0] != levels[1], (other, phrase)

    def test_every_tool_is_marked_with_its_source(self, kb: Knowledge) -> None:
        refs = [r for role in kb.roles.values() for rs in role.tools.values() for r in rs]
        refs += [r for task in kb.tasks.values() for r in task.tools]
        assert {r.source for r in refs} == {"workera", "project"}

    def test_every_listed_tool_is_used_by_a_role_or_task(self, kb: Knowledge) -> None:
        used = {r.tool for role in kb.roles.values() for rs in role.tools.values() for r in rs}
        used |= {r.tool for task in kb.tasks.values() for r in task.tools}
        assert set(kb.tools) - used == set()

    def test_a_role_that_models_lists_its_model_libraries_under_modelling(
        self, kb: Knowledge
    ) -> None:
        # A tester read Hugging Face (pretrained models) under the researcher's data
        # engineering alone as wrong: wherever a modelling role names a model library, its
        # modelling task holds it too.
        libraries = {"pytorch", "tensorflow", "hugging_face"}
        for role_id, role in kb.roles.items():
            listed = {r.tool for refs in role.tools.values() for r in refs} & libraries
            if "modeling" in role.tools:
                modelling = {r.tool for r in role.tools["modeling"]}
                assert listed <= modelling, role_id

    def test_faq_has_the_required_entries_with_three_phrasings(self, kb: Knowledge) -> None:
        assert set(REQUIRED_FAQ) <= set(kb.faq)
        assert all(len(entry.questions) >= 3 for entry in kb.faq.values())

    def test_every_file_has_a_version(self, kb: Knowledge) -> None:
        assert set(kb.versions) == {
            "roles",
            "tasks",
            "skills",
            "tools",
            "faq",
            "messages",
            "phrasings",
        }
        assert all(v >= 1 for v in kb.versions.values())

    def test_every_command_has_a_help_line(self, kb: Knowledge) -> None:
        expected = {"start", "quiz", "restart", "cancel", "roles", "role", "tools", "result"}
        assert expected | {"help", "forget"} <= set(kb.commands)

    def test_kb_check_passes_and_prints_a_summary(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["kb", "check"]) == 0
        out = capsys.readouterr().out
        assert re.fullmatch(
            r"ok: 9 roles, 5 tasks, 8 skills, \d+ tools, \d+ FAQ entries, "
            r"\d+ phrasings, \d+ templates, \d+ quiz steps\n",
            out,
        )


BREAKAGES = {
    "yaml syntax": Breakage(
        "knowledge/faq.yaml",
        r"\n    title: ",
        "\n    title: a: b ",
        "YAML syntax error",
        r"title: a: b",
    ),
    "tab indentation": Breakage(
        "knowledge/tools.yaml",
        r"\n    name: Python",
        "\n\tname: Python",
        "YAML syntax error",
        r"^\tname",
    ),
    "unknown key (typo)": Breakage(
        "knowledge/roles.yaml",
        r"\n    aliases:",
        "\n    alises:",
        "unknown key 'alises'",
        r"alises:",
    ),
    "missing key": Breakage(
        "knowledge/skills.yaml", r"\n    check: ", "\n    chek: ", "unknown key 'chek'", r"chek:"
    ),
    "wrong type": Breakage(
        "knowledge/roles.yaml",
        r"machine_learning: 3",
        "machine_learning: three",
        "expected a whole number",
        r"machine_learning: three",
    ),
    "level out of range": Breakage(
        "knowledge/roles.yaml",
        r"deep_learning: 1",
        "deep_learning: 5",
        "out of range",
        r"deep_learning: 5",
    ),
    "unknown role of a skill's own step": Breakage(
        "knowledge/skills.yaml",
        r"\n      data_analyst:\n        none:",
        "\n      data_analysts:\n        none:",
        "unknown role id 'data_analysts'",
        r"data_analysts:",
    ),
    "a role's own step from the level the role needs": Breakage(
        "knowledge/skills.yaml",
        r"\n      data_analyst:\n        none:",
        "\n      data_analyst:\n        developing: Never shown.\n        none:",
        "never shown: data_analyst needs mathematics at level 2",
        r"^        developing: Never shown",
    ),
    "unknown task id": Breakage(
        "knowledge/roles.yaml",
        r"\n      business_analysis:",
        "\n      business_analysys:",
        "unknown task id",
        r"^      business_analysys:",
    ),
    "unknown tool id": Breakage(
        "knowledge/tasks.yaml",
        r"tool: pandas",
        "tool: pandass",
        "unknown tool id 'pandass'",
        r"pandass",
    ),
    "a tool group of one": Breakage(
        "knowledge/tools.yaml",
        r"one_of: dashboards",
        "one_of: dashboard",
        "no other tool is one_of 'dashboard'",
        r"one_of: dashboard$",
    ),
    "duplicate id": Breakage(
        "knowledge/tools.yaml",
        r"\n  r:\n",
        "\n  python:\n",
        "duplicate key 'python'",
        r"^  python:\n(?=    name: R)",
    ),
    "phrasing used twice": Breakage(
        "knowledge/faq.yaml",
        r"(questions:\n      - )",
        r"\1Do I need a PhD for AI?\n      - ",
        "also used by",
        r"^      - do i need a phd for ai$",
    ),
    "unknown related id": Breakage(
        "knowledge/faq.yaml",
        r"related: \[",
        "related: [faq.nope, ",
        "unknown answer id 'faq.nope'",
        r"faq\.nope",
    ),
    "missing version": Breakage(
        "knowledge/skills.yaml", r"^version: 1\n", "", "missing key 'version'", r"^skills:"
    ),
    "bad placeholder": Breakage(
        "knowledge/messages.yaml",
        r"help_line: \"/\{command\}",
        'help_line: "/{comand}',
        "placeholder",
        r"help_line:",
    ),
    "template with the wrong slot": Breakage(
        "knowledge/phrasings.yaml",
        r"    - what does a \{role\} do\n",
        "    - what does a {rol} do\n",
        "has the wrong slots",
        r"what does a \{rol\} do",
    ),
    "second role without a first": Breakage(
        "knowledge/phrasings.yaml",
        r"    - \"\{role\} vs \{other\} salary\"\n",
        '    - "{other} salary"\n',
        "{other} only beside {role}",
        r"\{other\} salary",
    ),
    "alias naming a skill": Breakage(
        "knowledge/roles.yaml",
        r"aliases: \[DS, ",
        "aliases: [DS, data science, ",
        "also names",
        r"aliases: \[DS, data science",
    ),
    "title mapped to a role and an FAQ entry": Breakage(
        "knowledge/faq.yaml",
        r"titles: \[MLOps engineer, ",
        "titles: [MLOps engineer, ML platform engineer, ",
        "title 'ML platform engineer' maps to faq.mlops here and to role.software_engineer_ml",
    ),
    "level missing (facet)": Breakage(
        "knowledge/roles.yaml",
        r"\n      business_acumen: 3",
        "",
        "no level for skill 'business_acumen'",
        r"^    levels:",
    ),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_broken_file_is_reported_at_its_line_with_exit_2(
    name: str, kb_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_reported(BREAKAGES[name], kb_copy, capsys)


def test_every_error_is_reported_at_once(kb_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Shape errors in two files are reported together; references between files are
    # checked once every file has the right shape.
    apply_breakage(kb_copy, BREAKAGES["tab indentation"])
    apply_breakage(kb_copy, BREAKAGES["level out of range"])
    assert main(["kb", "check", "--dir", str(kb_copy)]) == 2
    err = capsys.readouterr().err
    assert "tools.yaml" in err
    assert "roles.yaml" in err
    assert "Traceback" not in err


def test_a_title_mapped_two_ways_names_both_places_and_the_fix(
    kb_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "Statistician" has its own FAQ entry; listing it on a role card again is two truths.
    roles = kb_copy / "knowledge/roles.yaml"
    roles.write_text(
        roles.read_text().replace(
            "titles: [Decision scientist, ", "titles: [Statistician, Decision scientist, ", 1
        )
    )
    faq_text = (kb_copy / "knowledge/faq.yaml").read_text()
    faq_line = faq_text[: faq_text.index("titles: [Statistician")].count("\n") + 1
    role_line = (
        roles.read_text()[: roles.read_text().index("titles: [Statistician")].count("\n") + 1
    )
    assert main(["kb", "check", "--dir", str(kb_copy)]) == 2
    err = capsys.readouterr().err
    assert (
        f"knowledge/faq.yaml:{faq_line}: title 'Statistician' maps to "
        f"faq.statistician_vs_data_scientist here and to role.data_scientist at "
        f"knowledge/roles.yaml:{role_line}"
    ) in err
    assert "a title belongs to one role or one FAQ entry: remove it at" in err


def test_every_title_has_one_owner(kb: Knowledge) -> None:
    owners: dict[str, set[str]] = {}
    for title, owner, _, _ in title_places(kb):
        owners.setdefault(fold(title), set()).add(owner)
    assert {t: o for t, o in owners.items() if len(o) > 1} == {}
    faq_titles = {fold(t) for e in kb.faq.values() for t in e.titles}
    assert {"data engineer", "mlops engineer", "ai engineer", "statistician"} <= faq_titles


def test_a_missing_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kb", "check", "--dir", str(tmp_path)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert f"--dir: {tmp_path} holds no knowledge/ folder" in line


def test_a_mistyped_task_id_is_never_offered_back_as_a_choice(
    kb_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The role's task is misspelt, so its tools now name a task the role "does not do": the
    # hint lists the role's tasks that exist, never the typo itself.
    apply_breakage(kb_copy, BREAKAGES["unknown task id"])
    assert main(["kb", "check", "--dir", str(kb_copy)]) == 2
    hints = [line for line in capsys.readouterr().err.splitlines() if "use one of" in line]
    assert hints, "the typo is reported with the choices"
    for hint in hints:
        choices = hint.rsplit("use one of", 1)[1]
        assert "business_analysys" not in choices, hint


def test_a_knowledge_folder_older_than_the_unknown_word_settings_still_loads(
    kb_copy: Path,
) -> None:
    """`max_unknown_share` and `bot_entry_own_words` came later than the other settings: a
    knowledge folder of one's own (CAREER_BOT_HOME) written before them keeps working."""
    path = kb_copy / "knowledge" / "phrasings.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [
        line
        for line in lines
        if not line.lstrip().startswith(("max_unknown_share:", "bot_entry_own_words:"))
    ]
    assert len(kept) == len(lines) - 2
    path.write_text("".join(kept), encoding="utf-8")
    matching = load_knowledge(kb_copy).phrasings.matching
    assert (matching.max_unknown_share, matching.bot_entry_own_words) == (0.5, 0.5)


def test_a_single_suggestion_has_a_prompt_of_its_own(kb: Knowledge) -> None:
    # "Did you mean one of these?" above one button read oddly to a tester.
    assert one_or_more("did_you_mean", 1) == "did_you_mean_one"
    assert one_or_more("did_you_mean", 3) == "did_you_mean"
    assert "Did you mean this one?" in kb.text("did_you_mean_one")
