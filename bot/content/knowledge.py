"""Load `knowledge/*.yaml` into typed, frozen records, checking everything at once.

Every problem in every file is collected and reported together as `file:line: what (fix)`,
so a writer fixes a whole batch in one pass instead of one error per run: first each file's
shape (schema.py), then, once every file has the right shape, the references between them
(knowledge_checks.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from bot.content.home import data_home
from bot.content.knowledge_base import ROLE_FACETS, ROLE_IDS, SKILL_IDS, TASK_IDS, Knowledge
from bot.content.knowledge_checks import cross_check
from bot.content.located import Located, load_located
from bot.content.schema import (
    FaqFile,
    MessagesFile,
    PhrasingsFile,
    RolesFile,
    SkillsFile,
    TasksFile,
    ToolsFile,
)
from bot.content.validation import validate_file
from bot.problems import DataError, Problem

# The record and its ids live in knowledge_base.py so that the cross-checks can use them
# without importing this loader; code across bot/ imports them from here, beside it.
__all__ = ["ROLE_FACETS", "ROLE_IDS", "SKILL_IDS", "TASK_IDS", "Knowledge", "load_knowledge"]

M = TypeVar("M", bound=BaseModel)


def load_knowledge(root: Path | None = None) -> Knowledge:
    """Load and validate `root/knowledge/`; raise DataError listing every problem."""
    folder = (root or data_home()) / "knowledge"
    problems: list[Problem] = []
    files = {
        name: _load(folder, name, model, problems)
        for name, model in (
            ("roles", RolesFile),
            ("tasks", TasksFile),
            ("skills", SkillsFile),
            ("tools", ToolsFile),
            ("faq", FaqFile),
            ("messages", MessagesFile),
            ("phrasings", PhrasingsFile),
        )
    }
    if problems:
        raise DataError(problems)
    kb = _assemble(files)
    problems.extend(cross_check(kb, {name: src for name, (src, _) in files.items()}))
    if problems:
        raise DataError(problems)
    return kb


def _load(
    folder: Path, name: str, model: type[M], problems: list[Problem]
) -> tuple[Located, M | None]:
    display = f"{folder.name}/{name}.yaml"
    try:
        src = load_located(folder / f"{name}.yaml", display)
    except DataError as exc:
        problems.extend(exc.problems)
        return Located(display, None), None
    record, found = validate_file(model, src)
    problems.extend(found)
    return src, record


def _assemble(files: Mapping[str, tuple[Located, Any]]) -> Knowledge:
    records = {name: record for name, (_, record) in files.items()}
    return Knowledge(
        roles=records["roles"].roles,
        tasks=records["tasks"].tasks,
        skills=records["skills"].skills,
        tools=records["tools"].tools,
        faq=records["faq"].entries,
        messages=records["messages"].messages,
        commands=records["messages"].commands,
        phrasings=records["phrasings"],
        versions={name: record.version for name, record in records.items()},
    )
