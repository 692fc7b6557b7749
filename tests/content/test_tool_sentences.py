"""Tools named in a sentence at the tools step: which ones, and whether the sentence asks."""

from __future__ import annotations

import pytest

from bot.content.tool_sentences import asks, tools_named

SPELLINGS = {"python": "python", "docker": "docker", "r": "r", "excel": "spreadsheets"}
SPELLINGS |= {"power bi": "power_bi", "cpp": "cpp", "pytorch": "pytorch", "aws": "aws"}
ASKING = ("what", "explain", "vs")


@pytest.mark.parametrize(
    ("said", "tools"),
    [
        (
            "I use Python, C++, PyTorch and Docker on the cluster",
            ("python", "cpp", "pytorch", "docker"),
        ),
        ("at work I use excel and spss, and some R for stats", ("spreadsheets", "r")),
        ("I work in excel all day and a bit of power bi", ("spreadsheets", "power_bi")),
        ("power bi mostly, and docker", ("power_bi", "docker")),  # the longest name first
        ("docker, docker and more docker", ("docker",)),
        ("i use R&D budgets", ()),  # "R" inside "R&D" names no tool
        ("r u kidding, i use my laptop", ("r",)),  # a letter alone is read: the hint says so
    ],
)
def test_the_tools_a_sentence_names_in_order(said: str, tools: tuple[str, ...]) -> None:
    assert tools_named(SPELLINGS, said) == tools


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("I use Python and Docker on the cluster", False),
        ("i use python but not docker", False),
        ("i use python, is that enough", True),  # a clause opens like a question
        ("i use python, what else should i learn", True),
        ("python or r for data science", True),  # weighs two
        ("explain docker vs kubernetes to me", True),
        ("do i need docker", True),
        ("is docker enough?", True),
    ],
)
def test_a_sentence_that_asks_is_left_for_the_faq(said: str, asked: bool) -> None:
    assert asks(said, ASKING) is asked
