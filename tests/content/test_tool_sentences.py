"""Tools named in a sentence at the tools step: which ones, and whether it says they are used."""

from __future__ import annotations

import pytest

from bot.content.tool_sentences import says_used, tools_named

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
    "said",
    [
        "I use Python and Docker on the cluster",
        "at work I use excel and spss, and some R for stats",
        "we use aws and docker in production",
        "my team uses python",
    ],
)
def test_a_sentence_that_plainly_says_tools_are_used(said: str) -> None:
    assert says_used(said, ASKING)


@pytest.mark.parametrize(
    "said",
    [
        "i use python, is that enough",  # a clause opens like a question
        "i use python, what else should i learn",
        "is docker enough?",
        "explain docker vs kubernetes to me",
        "python or r for data science",  # weighs two
        "too old to learn python",  # no word of use: the FAQ's (a reviewer's)
        "I finished a python course",
        "I excel in math and statistics",
        "I want to become an ml engineer and I know python",  # a wish
        "i'll use docker next",  # a plan
        "i use python but not docker",  # a denial
        "my team uses spark but I only use excel",  # a contrast: whose is which?
        "no docker, just python",
        "I stopped using excel",
        "i heard people use docker",  # hearsay
        "most companies use python and docker",  # nobody's own
        "remove docker, i use python",
    ],
)
def test_any_other_sentence_is_left_for_the_faq(said: str) -> None:
    assert not says_used(said, ASKING)
