"""The knowledge base as one validated record, and the fixed ids that code and data share.

The bot's code names these roles, tasks, skills and role facets (the quiz profile, the
scoring model, the answers); the knowledge files must hold exactly these roles, tasks and
skills.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from bot.content.schema import FaqEntry, PhrasingsFile, Role, Skill, Task, Tool

ROLE_IDS = (
    "data_scientist",
    "data_analyst",
    "machine_learning_engineer",
    "deep_learning_engineer",
    "machine_learning_researcher",
    "deep_learning_researcher",
    "software_engineer_ml",
    "software_engineer_dl",
    "software_engineer",
)
TASK_IDS = ("data_engineering", "modeling", "deployment", "business_analysis", "ai_infrastructure")
SKILL_IDS = (
    "machine_learning",
    "deep_learning",
    "data_science",
    "mathematics",
    "algorithmic_coding",
    "software_engineering",
    "communication",
    "business_acumen",
)
ROLE_FACETS = ("tasks", "skills", "tools", "code", "path")


@dataclass(frozen=True)
class Knowledge:
    """Everything the bot knows and can say, validated."""

    roles: Mapping[str, Role]
    tasks: Mapping[str, Task]
    skills: Mapping[str, Skill]
    tools: Mapping[str, Tool]
    faq: Mapping[str, FaqEntry]
    messages: Mapping[str, str]
    commands: Mapping[str, str]
    phrasings: PhrasingsFile
    versions: Mapping[str, int]

    def text(self, message_id: str, **values: object) -> str:
        """A user-visible message with its placeholders filled in."""
        return self.messages[message_id].format(**values)

    def english_only(self, code: str, *, in_quiz: bool = False) -> str:
        """The note for a message in language `code`: "English for now" and, outside the
        quiz, that /quiz is answered with buttons (mid-quiz the question follows, and
        "/quiz" read as starting over)."""
        note = self.text(f"english_only_{code}")
        if in_quiz:
            return note
        space = "" if note.endswith("。") else " "  # Chinese and Japanese put none after 。
        return f"{note}{space}{self.text(f'english_quiz_{code}')}"

    @cached_property
    def answer_ids(self) -> frozenset[str]:
        """Every answer id the bot can give (the public contract of the FAQ matcher)."""
        ids = {f"faq.{slug}" for slug in self.faq}
        ids |= {f"task.{t}" for t in self.tasks} | {f"skill.{s}" for s in self.skills}
        ids |= {f"tool.{t}" for t in self.tools}
        for role in self.roles:
            ids |= {f"role.{role}"} | {f"role.{role}.{facet}" for facet in ROLE_FACETS}
        ids |= {f"compare.{a}.{b}" for a in self.roles for b in self.roles if a < b}
        return frozenset(ids)
