"""A tool typed at the tools step: its number, one of its spellings, or one slip away."""

from __future__ import annotations

import pytest

from bot.content.quiz_tools import list_parts, one_tool, toggled, typed_tools, with_tools

OFFERED = ("python", "docker", "tableau", "spark", "dbt")
SPELLINGS = {"python": "python", "docker": "docker", "tableau": "tableau", "spark": "spark"}
SPELLINGS |= {"apache spark": "spark", "dbt": "dbt", "pyton": "python"}


@pytest.mark.parametrize(
    ("typed", "tool"),
    [
        ("2", "docker"),
        ("Docker", "docker"),
        ("dokcer", "docker"),  # a tester's: two letters swapped
        ("tablaeu", "tableau"),
        ("pyhton", "python"),
        ("spakr", None),  # five letters: "spare" and "stark" would be Spark too
        ("pythn", None),
        ("kocker", None),  # a slip in the first letter is no slip
        ("dbx", None),  # under six letters: exact only
        ("apache sprak", None),  # several words: exact only
        ("dockerfiles", None),  # two letters more
    ],
)
def test_a_tool_is_named_by_number_spelling_or_one_slip(typed: str, tool: str | None) -> None:
    assert one_tool(OFFERED, SPELLINGS, typed) == tool


def test_a_slip_near_two_tools_names_neither() -> None:
    spellings = {"sparkss": "a", "sparkyy": "b"}
    assert one_tool(("a", "b"), spellings, "sparksy") is None


def test_a_plus_inside_a_name_splits_no_list() -> None:
    """A tester's "matlab, c++, git" lost C++ without a word."""
    assert [p.strip() for p in list_parts("matlab, c++, git")] == ["matlab", "c++", "git"]
    assert [p.strip() for p in list_parts("python+sql")] == ["python", "sql"]


def test_a_full_stop_ends_a_list_item_but_not_a_name() -> None:
    """A tester's "matlab, simulink, C, excel. little python" had read "excel python"."""
    parts = [p.strip() for p in list_parts("matlab, excel. little python")]
    assert parts == ["matlab", "excel", "little python"]
    assert [p.strip() for p in list_parts("node.js, sql")] == ["node.js", "sql"]
    assert [p.strip() for p in list_parts("python. 3")] == ["python. 3"]  # no button 3


def test_tools_with_no_button_stay_through_presses_and_lists() -> None:
    """A typed "pandas" has no button: a press or a typed list must not drop it (a tester who
    typed pandas and NumPy was then told to learn both); buttons first, in their order."""
    chosen = with_tools((), ("pandas", "docker"), OFFERED)
    assert chosen == ("docker", "pandas")
    assert toggled(chosen, "python", OFFERED) == ("python", "docker", "pandas")
    assert with_tools(chosen, ("numpy", "python"), OFFERED) == (
        "python",
        "docker",
        "pandas",
        "numpy",
    )
    assert toggled(chosen, "pandas", OFFERED) == ("docker",)


def test_a_list_of_done_words_is_done_and_a_bare_and_is_not() -> None:
    """A teacher's "That is all, I am done." got the FAQ's fallback; a reviewer's "and?", a
    list of no parts at all, must not end the quiz."""
    done = ("done", "that is all", "i am done")
    assert typed_tools(OFFERED, done, {}, "That is all, I am done.") == "done"
    assert typed_tools(OFFERED, done, {}, "and?") is None
    assert typed_tools(OFFERED, done, {}, "and, and") is None
