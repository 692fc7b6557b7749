"""Hypothesis strategies for recommender profiles: any valid answers a quiz can hand over."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from bot.content.knowledge import SKILL_IDS, TASK_IDS
from bot.content.questions import CODE_STYLES, INTERESTS, LEVELS
from bot.recommend.profile import Profile, parse_profile

TOOL_IDS = (
    *("python", "sql", "pandas", "docker", "pytorch", "kubernetes", "mlflow", "spreadsheets"),
    "aws",  # one of a group (`one_of`), as PyTorch is
)


def _some_of(keys: tuple[str, ...], values: st.SearchStrategy[int]) -> st.SearchStrategy[Any]:
    return st.dictionaries(st.sampled_from(keys), values, max_size=len(keys))


def profile_data() -> st.SearchStrategy[dict[str, Any]]:
    """Any valid profile JSON: every key optional, any subset of answers."""
    return st.fixed_dictionaries(
        {},
        optional={
            "tasks": _some_of(TASK_IDS, st.sampled_from(INTERESTS)),
            "code": st.sampled_from(CODE_STYLES),
            "deep_learning_interest": st.sampled_from(INTERESTS),
            "skills": _some_of(SKILL_IDS, st.sampled_from(LEVELS)),
            "known_tools": st.lists(st.sampled_from(TOOL_IDS), unique=True),
        },
    )


def profiles() -> st.SearchStrategy[Profile]:
    return profile_data().map(parse_profile)
