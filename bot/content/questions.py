"""The quiz's questions as the profile names them: ids, the field each fills, answer scales.

Each quiz question has an id (`QUESTION_IDS`); the quiz, the recommender's tie-breaker and
swap hint speak in those ids. This vocabulary sits with the content because the quiz
definition (conversations/quiz.yaml) is validated against it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

from bot.content.knowledge import SKILL_IDS, TASK_IDS
from bot.problems import InputError

CodeStyle = Literal["prototyping", "both", "production"]
# From throwaway to lasting code: the order counts steps between code answers.
CODE_STYLES: tuple[CodeStyle, ...] = get_args(CodeStyle)
INTERESTS = range(5)  # 0 dislike, 1 not keen, 2 neutral, 3 like, 4 love
NEUTRAL_INTEREST = 2
LEVELS = range(4)  # 0 none, 1 beginning, 2 developing, 3 accomplished
# A quiz answer: the value of the option chosen. (What the FAQ matcher finds is an "answer id".)
Answer = int | str

TASK_PREFIX, SKILL_PREFIX = "task_", "skill_"
CODE_QUESTION, DL_QUESTION = "code", "deep_learning_interest"
QUESTION_IDS: tuple[str, ...] = (
    *(TASK_PREFIX + task for task in TASK_IDS),
    CODE_QUESTION,
    DL_QUESTION,
    *(SKILL_PREFIX + skill for skill in SKILL_IDS),
)


def question_field(question: str) -> tuple[str, str | None]:
    """The profile field a question fills: ("tasks", "modeling"), ("code", None), ..."""
    if question not in QUESTION_IDS:
        raise InputError(f"question: unknown id '{question}' (use one of: {listed(QUESTION_IDS)})")
    if question.startswith(TASK_PREFIX):
        return "tasks", question.removeprefix(TASK_PREFIX)
    if question.startswith(SKILL_PREFIX):
        return "skills", question.removeprefix(SKILL_PREFIX)
    return question, None


def question_id(field_name: str, key: str | None = None) -> str:
    """The inverse of `question_field`: ("skills", "mathematics") -> "skill_mathematics"."""
    prefixes = {"tasks": TASK_PREFIX, "skills": SKILL_PREFIX}
    question = prefixes[field_name] + str(key) if field_name in prefixes else field_name
    question_field(question)  # refuses anything that is not a quiz question
    return question


def answer_values(question: str) -> tuple[Answer, ...]:
    """Every answer a question accepts, in scale order."""
    field_name, _ = question_field(question)
    if field_name == "code":
        return CODE_STYLES
    return tuple(LEVELS if field_name == "skills" else INTERESTS)


def listed(items: Iterable[str], last: str = "") -> str:
    items = tuple(items)
    if last and len(items) > 1:
        return f"{', '.join(items[:-1])} {last} {items[-1]}"
    return ", ".join(items)
