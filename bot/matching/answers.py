"""Compose the text, title and follow-ups of every answer id from the structured knowledge.

Answer ids are a public contract: `role.<id>` and `role.<id>.<facet>`, `compare.<a>.<b>`
(alphabetical), `task.<id>`, `skill.<id>`, `tool.<id>` and `faq.<slug>`. Nothing here is
retyped from faq.yaml: a role's skills answer is built from its levels, so the two can never
disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache

from bot.content.knowledge import Knowledge
from bot.content.schema import Skill, Task, Tool
from bot.matching.compose import RoleTexts, TopicTexts, doers, tool_users

MAX_FOLLOW_UPS = 3

# How an answer of the project's own says so in its words: no note then repeats it (a tester
# read "This is the project's general advice..." and "(Our take: ...)" one under the other).
_SAYS_WHOSE = ("project's", "not from my source", "our take")


class AnswerBook:
    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        self.roles = RoleTexts(kb)
        self.topics = TopicTexts(kb)
        self.title = cache(self._title)
        self.text = cache(self._text)

    def more(self, answer_id: str) -> str | None:
        """The rest of a long FAQ answer, shown behind a "More" button; None when it has none."""
        kind, _, slug = answer_id.partition(".")
        return self.kb.faq[slug].more if kind == "faq" and slug in self.kb.faq else None

    def ids(self) -> list[str]:
        return sorted(self.kb.answer_ids)

    def follow_ups(self, answer_id: str) -> tuple[str, ...]:
        """Related answer ids, offered as buttons after the answer."""
        kind, *rest = answer_id.split(".")
        if kind == "faq":
            return self.kb.faq[rest[0]].related[:MAX_FOLLOW_UPS]
        if kind == "role":
            facets = [f for f in ("skills", "tools", "path", "tasks") if rest[1:] != [f]]
            return tuple(f"role.{rest[0]}.{f}" for f in facets[:MAX_FOLLOW_UPS])
        if kind == "compare":
            return (f"role.{rest[0]}", f"role.{rest[1]}")
        if kind == "task":
            return ("faq.ai_lifecycle", *(f"role.{r}.tasks" for r in doers(self.kb, rest[0])[:2]))
        if kind == "skill":
            return ("faq.skill_levels", "faq.assess_skills")
        return tuple(f"role.{r}.tools" for r in tool_users(self.kb, rest[0])[:MAX_FOLLOW_UPS])

    # titles ---------------------------------------------------------------------------

    def _title(self, answer_id: str) -> str:
        kind, *rest = answer_id.split(".")
        kb = self.kb
        if kind == "faq":
            return kb.faq[rest[0]].title
        if kind == "role":
            suffix = f"_{rest[1]}" if len(rest) > 1 else ""
            return kb.text(f"title_role{suffix}", role=kb.roles[rest[0]].name)
        if kind == "compare":
            return kb.text("title_compare", a=kb.roles[rest[0]].name, b=kb.roles[rest[1]].name)
        names: dict[str, Mapping[str, Task | Skill | Tool]] = {
            "task": kb.tasks,
            "skill": kb.skills,
            "tool": kb.tools,
        }
        return kb.text(f"title_{kind}", **{kind: names[kind][rest[0]].name})

    # texts ----------------------------------------------------------------------------

    def _text(self, answer_id: str) -> str:
        kind, *rest = answer_id.split(".")
        if kind == "faq":
            entry = self.kb.faq[rest[0]]
            says_whose = any(words in entry.answer.lower() for words in _SAYS_WHOSE)
            if entry.take != "project" or says_whose:
                return entry.answer
            return entry.answer + "\n\n" + self.kb.text("our_take")
        if kind == "role":
            facet = rest[1] if len(rest) > 1 else "overview"
            return self.roles.facet(rest[0], facet)
        composers: dict[str, Callable[..., str]] = {
            "compare": self.roles.compare,
            "task": self.topics.task,
            "skill": self.topics.skill,
            "tool": self.topics.tool,
        }
        return composers[kind](*rest)
