"""The profile contract: what the quiz hands the recommender, and how bad input is refused."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.knowledge import SKILL_IDS, TASK_IDS
from bot.content.questions import (
    CODE_STYLES,
    INTERESTS,
    QUESTION_IDS,
    answer_values,
    question_field,
    question_id,
)
from bot.problems import InputError
from bot.recommend.profile import Profile, parse_profile, profile_from_json
from tests.harness.profiles import TOOL_IDS, profile_data


def _error(data: object, tool_ids: tuple[str, ...] | None = TOOL_IDS) -> str:
    with pytest.raises(InputError) as caught:
        parse_profile(data, tool_ids=tool_ids)
    return str(caught.value)


class TestValidProfiles:
    def test_a_full_profile_keeps_every_answer(self) -> None:
        data = {
            "tasks": dict.fromkeys(TASK_IDS, 3),
            "code": "both",
            "deep_learning_interest": 4,
            "skills": dict.fromkeys(SKILL_IDS, 2),
            "known_tools": ["sql", "python"],
        }
        profile = parse_profile(data, tool_ids=TOOL_IDS)
        assert profile.tasks == dict.fromkeys(TASK_IDS, 3)
        assert profile.code == "both"
        assert profile.deep_learning_interest == 4
        assert profile.skills == dict.fromkeys(SKILL_IDS, 2)
        assert profile.known_tools == {"python", "sql"}
        assert len(profile.answers()) == len(QUESTION_IDS)

    def test_every_key_is_optional(self) -> None:
        profile = parse_profile({})
        assert profile.answers() == {}
        assert profile.known_tools == frozenset()

    def test_a_skipped_question_is_unknown_not_zero(self) -> None:
        profile = parse_profile({"tasks": {"modeling": 4}, "skills": {"mathematics": 0}})
        assert profile.answer("task_modeling") == 4
        assert profile.answer("task_deployment") is None
        assert profile.answer("skill_mathematics") == 0
        assert profile.answer("skill_communication") is None

    def test_null_means_skipped(self) -> None:
        data = {"tasks": {"modeling": None}, "code": None, "skills": None, "known_tools": None}
        assert parse_profile(data) == parse_profile({})

    @given(profile_data())
    def test_to_dict_gives_the_same_profile_back(self, data: dict[str, Any]) -> None:
        profile = parse_profile(data)
        assert parse_profile(profile.to_dict()) == profile

    def test_a_profile_is_frozen(self) -> None:
        profile = parse_profile({"tasks": {"modeling": 4}})
        with pytest.raises(dataclasses.FrozenInstanceError):
            profile.code = "both"  # type: ignore[misc]
        with pytest.raises(TypeError):
            profile.tasks["modeling"] = 0  # type: ignore[index]

    def test_a_profile_does_not_share_the_callers_dict(self) -> None:
        tasks = {"modeling": 4}
        profile = Profile(tasks=tasks)
        tasks["modeling"] = 0
        assert profile.tasks["modeling"] == 4

    def test_equal_profiles_hash_equal(self) -> None:
        a = parse_profile({"tasks": {"modeling": 4, "deployment": 1}})
        b = parse_profile({"tasks": {"deployment": 1, "modeling": 4}})
        assert a == b
        assert hash(a) == hash(b)

    def test_a_none_answer_built_in_code_is_skipped_too(self) -> None:
        profile = Profile(tasks={"modeling": None, "deployment": 3})  # type: ignore[dict-item]
        assert profile.to_dict() == {"tasks": {"deployment": 3}}

    def test_building_a_profile_directly_is_validated_too(self) -> None:
        with pytest.raises(InputError, match=r"skills\.mathematics: 4 is out of range"):
            Profile(skills={"mathematics": 4})
        with pytest.raises(InputError, match=r"tasks\.cooking: unknown task"):
            Profile(tasks={"cooking": None})  # type: ignore[dict-item]


class TestQuestionIds:
    def test_there_is_one_question_per_task_skill_code_and_deep_learning(self) -> None:
        tasks = tuple(f"task_{t}" for t in TASK_IDS)
        skills = tuple(f"skill_{s}" for s in SKILL_IDS)
        expected = (*tasks, "code", "deep_learning_interest", *skills)
        assert expected == QUESTION_IDS

    @pytest.mark.parametrize("question", QUESTION_IDS)
    def test_question_field_and_question_id_are_inverse(self, question: str) -> None:
        assert question_id(*question_field(question)) == question

    def test_question_fields(self) -> None:
        assert question_field("task_modeling") == ("tasks", "modeling")
        assert question_field("code") == ("code", None)
        assert question_field("deep_learning_interest") == ("deep_learning_interest", None)
        assert question_field("skill_mathematics") == ("skills", "mathematics")

    def test_answer_values_follow_each_scale(self) -> None:
        assert answer_values("task_modeling") == (0, 1, 2, 3, 4)
        assert answer_values("deep_learning_interest") == (0, 1, 2, 3, 4)
        assert answer_values("skill_mathematics") == (0, 1, 2, 3)
        assert answer_values("code") == ("prototyping", "both", "production")

    def test_unknown_question_ids_are_refused(self) -> None:
        with pytest.raises(InputError, match="question: unknown id 'task_cooking'"):
            question_field("task_cooking")
        with pytest.raises(InputError, match="unknown id 'skill_'"):
            question_id("skills", "")

    def test_with_answer_changes_one_answer_and_keeps_the_rest(self) -> None:
        profile = parse_profile({"tasks": {"modeling": 4}, "code": "both"})
        changed = profile.with_answer("skill_mathematics", 2)
        assert changed.answers() == {"task_modeling": 4, "code": "both", "skill_mathematics": 2}
        assert profile.answer("skill_mathematics") is None

    def test_with_answer_none_skips_the_question(self) -> None:
        profile = parse_profile({"tasks": {"modeling": 4}, "code": "both"})
        assert profile.with_answer("code", None).answers() == {"task_modeling": 4}
        assert profile.with_answer("task_modeling", None).answers() == {"code": "both"}

    def test_with_answer_validates_the_new_answer(self) -> None:
        with pytest.raises(InputError, match=r"tasks\.modeling: 7 is out of range \(use 0-4\)"):
            parse_profile({}).with_answer("task_modeling", 7)


class TestRefusedProfiles:
    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"skills": {"mathematics": 5}}, "skills.mathematics: 5 is out of range (use 0-3)"),
            ({"tasks": {"modeling": -1}}, "tasks.modeling: -1 is out of range (use 0-4)"),
            ({"deep_learning_interest": 9}, "deep_learning_interest: 9 is out of range (use 0-4)"),
            (
                {"tasks": {"modeling": "4"}},
                'tasks.modeling: expected a whole number, got "4" (use 0-4)',
            ),
            (
                {"skills": {"mathematics": 2.5}},
                "skills.mathematics: expected a whole number, got 2.5 (use 0-3)",
            ),
            (
                {"deep_learning_interest": True},
                "deep_learning_interest: expected a whole number, got true (use 0-4)",
            ),
            (
                {"code": "fast"},
                'code: "fast" is not allowed (use prototyping, both or production)',
            ),
            ({"skils": {}}, "skils: unknown key (did you mean 'skills'?)"),
            (
                {"tasks": {"modelling": 3}},
                "tasks.modelling: unknown task (did you mean 'modeling'?)",
            ),
            ({"tasks": [3, 4]}, "tasks: expected an object of task ids to 0-4, got a list"),
            ({"skills": "lots"}, "skills: expected an object of skill ids to 0-3, got text"),
            ({"known_tools": "python"}, "known_tools: expected a list of tool ids, got text"),
            (
                {"known_tools": ["python", "pands"]},
                "known_tools[1]: unknown tool 'pands' (did you mean 'pandas'?)",
            ),
            (
                {"known_tools": [3]},
                "known_tools[0]: 3 is not a tool id (use snake_case, e.g. 'python')",
            ),
            ([1, 2], "profile: expected a JSON object, got a list (start with {)"),
            ("tasks", "profile: expected a JSON object, got text (start with {)"),
        ],
    )
    def test_the_message_names_the_field_and_the_fix(self, data: object, message: str) -> None:
        assert _error(data) == message

    def test_an_unknown_key_far_from_any_lists_the_allowed_ones(self) -> None:
        message = _error({"colour": "blue"})
        assert message.startswith("colour: unknown key (use one of: tasks, code,")

    def test_every_problem_is_reported_at_once(self) -> None:
        message = _error({"tasks": {"modeling": 9}, "code": "fast", "skills": {"maths": 1}})
        assert message.splitlines() == [
            "tasks.modeling: 9 is out of range (use 0-4)",
            "skills.maths: unknown skill (did you mean 'mathematics'?)",
            'code: "fast" is not allowed (use prototyping, both or production)',
        ]

    def test_without_tool_ids_only_the_form_of_a_tool_is_checked(self) -> None:
        assert parse_profile({"known_tools": ["anything_goes"]}, tool_ids=None).known_tools
        assert _error({"known_tools": ["Not An Id"]}, tool_ids=None).startswith("known_tools[0]:")

    @given(profile_data(), st.data())
    def test_random_invalid_profiles_always_get_an_error_naming_the_field(
        self, data: dict[str, Any], draw: st.DataObject
    ) -> None:
        field, broken = draw.draw(_breakage())
        message = _error(_break(data, field, broken))
        assert any(line.startswith(f"{field}:") for line in message.splitlines()), message


_not_code = st.text(max_size=12).filter(lambda text: text not in CODE_STYLES)


def _breakage() -> st.SearchStrategy[tuple[str, object]]:
    """A field path and a value that has no place there."""
    wrong = st.one_of(
        st.integers().filter(lambda n: n not in INTERESTS),
        st.floats(allow_nan=False),
        st.text(max_size=5),
        st.booleans(),
        st.lists(st.integers(), max_size=2),
    )
    task = st.sampled_from(TASK_IDS).map(lambda t: f"tasks.{t}")
    skill = st.sampled_from(SKILL_IDS).map(lambda s: f"skills.{s}")
    level_wrong = st.one_of(wrong, st.just(4))
    return st.one_of(
        st.tuples(task, wrong),
        st.tuples(skill, level_wrong),
        st.tuples(st.just("deep_learning_interest"), wrong),
        st.tuples(st.just("code"), st.one_of(_not_code, st.integers(), st.booleans())),
        st.tuples(st.sampled_from(["tasks.cooking", "skills.juggling", "hobbies"]), wrong),
        st.tuples(st.just("known_tools"), st.one_of(st.text(max_size=5), st.integers())),
    )


def _break(data: dict[str, Any], field: str, value: object) -> dict[str, Any]:
    broken = {key: dict(v) if isinstance(v, dict) else v for key, v in data.items()}
    if "." in field:
        group, key = field.split(".")
        broken[group] = {**(broken.get(group) or {}), key: value}
    else:
        broken[field] = value
    return broken


class TestProfileFromJson:
    def test_json_text_becomes_a_profile(self) -> None:
        profile = profile_from_json('{"code": "production"}', "stdin")
        assert profile.code == "production"

    def test_invalid_json_names_the_source_and_the_place(self) -> None:
        with pytest.raises(InputError) as caught:
            profile_from_json('{"code": "production",}', "me.json")
        assert str(caught.value).startswith("me.json: not valid JSON at line 1 column 23:")

    def test_valid_json_that_is_not_a_profile_names_the_field(self) -> None:
        with pytest.raises(InputError, match=r"^skills\.mathematics: 5 is out of range"):
            profile_from_json('{"skills": {"mathematics": 5}}', "stdin")
