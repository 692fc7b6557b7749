"""Compose the text, title and follow-ups of every answer id from the structured knowledge.

Answer ids are a public contract: `role.<id>` and `role.<id>.<facet>`, `compare.<a>.<b>`
(alphabetical), `task.<id>`, `skill.<id>`, `tool.<id>` and `faq.<slug>`. Nothing here is
retyped from faq.yaml: a role's skills answer is built from its levels, so the two can never
disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache

from bot.content.knowledge import SKILL_IDS, Knowledge
from bot.content.schema import Skill, Task, Tool

MAX_FOLLOW_UPS = 3


class AnswerBook:
    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        self.title = cache(self._title)
        self.text = cache(self._text)

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
            return ("faq.ai_lifecycle", *(f"role.{r}.tasks" for r in self._doers(rest[0])[:2]))
        if kind == "skill":
            return ("faq.skill_levels", "faq.assess_skills")
        return tuple(f"role.{r}.tools" for r in self._tool_users(rest[0])[:MAX_FOLLOW_UPS])

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
            return self.kb.faq[rest[0]].answer
        if kind == "role":
            facet = rest[1] if len(rest) > 1 else "overview"
            return self._role_composers()[facet](rest[0])
        composers: dict[str, Callable[..., str]] = {
            "compare": self._compare,
            "task": self._task,
            "skill": self._skill,
            "tool": self._tool,
        }
        return composers[kind](*rest)

    def _role_composers(self) -> dict[str, Callable[[str], str]]:
        return {
            "overview": self._role,
            "tasks": self._role_tasks,
            "skills": self._role_skills,
            "tools": self._role_tools,
            "code": self._role_code,
            "path": self._role_path,
        }

    def _role(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        return kb.text(
            "answer_role",
            role=role.name,
            summary=role.summary,
            tasks=self._join(kb.tasks[t].name.lower() for t in role.tasks),
            code=kb.text(f"style_{role.code.style}"),
            titles=self._join(role.titles),
        )

    def _role_tasks(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        lines = [kb.text("answer_role_tasks", role=role.name.lower())]
        for task_id, subtasks in role.tasks.items():
            lines += ["", kb.tasks[task_id].name, *self._bullets(subtasks)]
        return "\n".join(lines)

    def _role_skills(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        lines = [kb.text("answer_role_skills", role=role.name.lower()), ""]
        for skill_id in sorted(SKILL_IDS, key=lambda s: -role.levels[s]):
            level = role.levels[skill_id]
            text = f"{'●' * level}{'○' * (3 - level)} {kb.text(f'level_{level}')}"
            lines.append(kb.text("labelled", label=kb.skills[skill_id].name, text=text))
        return "\n".join(lines)

    def _role_tools(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        lines = [kb.text("answer_role_tools", role=role.name.lower()), ""]
        for task_id, refs in role.tools.items():
            names = (kb.tools[r.tool].name + ("*" if r.source == "project" else "") for r in refs)
            lines += self._bullets(
                [kb.text("labelled", label=kb.tasks[task_id].name, text=self._join(names))]
            )
        return "\n".join([*lines, "", kb.text("answer_role_tools_note")])

    def _role_code(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        style = kb.text(f"style_{role.code.style}")
        return kb.text("answer_role_code", role=role.name, style=style) + "\n\n" + role.code.text

    def _role_path(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        steps = (kb.text("numbered", number=i, text=s) for i, s in enumerate(role.path, 1))
        return "\n".join([kb.text("answer_role_path", role=role.name.lower()), *steps])

    def _compare(self, a: str, b: str) -> str:
        kb = self.kb
        first, second = kb.roles[a], kb.roles[b]
        differs = first.differs.get(b) or second.differs.get(a)
        parts = [kb.text("title_compare", a=first.name, b=second.name)]
        parts += [kb.text("labelled", label=r.name, text=r.summary) for r in (first, second)]
        if differs:
            parts.append(kb.text("answer_compare_differs", text=differs))
        parts.append(self._compare_tasks(a, b))
        parts.append(kb.text("answer_compare_skills", skills=self._skill_gaps(a, b)))
        return "\n\n".join(p for p in parts if p)

    def _compare_tasks(self, a: str, b: str) -> str:
        kb, lines = self.kb, []
        for one, other in ((a, b), (b, a)):
            only = [
                kb.tasks[t].name.lower()
                for t in kb.roles[one].tasks
                if t not in kb.roles[other].tasks
            ]
            if only:
                lines.append(
                    kb.text(
                        "answer_compare_tasks",
                        role=kb.roles[one].name.lower(),
                        tasks=self._join(only),
                    )
                )
        return "\n".join(lines)

    def _skill_gaps(self, a: str, b: str) -> str:
        kb = self.kb
        levels_a, levels_b = kb.roles[a].levels, kb.roles[b].levels
        differing = sorted(SKILL_IDS, key=lambda s: -abs(levels_a[s] - levels_b[s]))
        shown = [s for s in differing if levels_a[s] != levels_b[s]][:3]
        return self._join(
            f"{kb.skills[s].name.lower()} ({levels_a[s]} vs {levels_b[s]})" for s in shown
        ) or kb.text("none")

    def _task(self, task_id: str) -> str:
        kb, task = self.kb, self.kb.tasks[task_id]
        lines = [kb.text("answer_task", task=task.name, description=task.description), ""]
        lines += self._bullets(task.subtasks)
        roles = self._join(kb.roles[r].name.lower() for r in self._doers(task_id))
        skills = self._join(kb.skills[s].name.lower() for s in task.skills)
        lines += ["", kb.text("answer_task_roles", roles=roles)]
        lines.append(kb.text("answer_task_skills", skills=skills))
        return "\n".join(lines)

    def _skill(self, skill_id: str) -> str:
        kb, skill = self.kb, self.kb.skills[skill_id]
        levels = skill.levels
        lines = [skill.name, "", skill.covers, "", kb.text("answer_skill_levels")]
        for n, text in enumerate((levels.beginning, levels.developing, levels.accomplished), 1):
            lines += self._bullets([kb.text("labelled", label=kb.text(f"level_{n}"), text=text)])
        lines += ["", kb.text("answer_skill_learn"), *self._bullets(skill.learn), ""]
        lines.append(kb.text("answer_skill_check", text=skill.check))
        needing = [r.name.lower() for r in kb.roles.values() if r.levels[skill_id] == 3]
        if needing:
            lines.append(kb.text("answer_skill_roles", roles=self._join(needing)))
        return "\n".join(lines)

    def _tool(self, tool_id: str) -> str:
        kb, tool = self.kb, self.kb.tools[tool_id]
        text = kb.text(
            "answer_tool",
            tool=tool.name,
            category=tool.category.replace("_", " "),
            purpose=tool.purpose,
        )
        users = self._tool_users(tool_id)
        if users:
            roles = self._join(kb.roles[r].name.lower() for r in users)
            text += "\n\n" + kb.text("answer_tool_roles", roles=roles)
        return text

    # helpers --------------------------------------------------------------------------

    def _doers(self, task_id: str) -> list[str]:
        return [r for r, role in self.kb.roles.items() if task_id in role.tasks]

    def _tool_users(self, tool_id: str) -> list[str]:
        return [
            r
            for r, role in self.kb.roles.items()
            if any(ref.tool == tool_id for refs in role.tools.values() for ref in refs)
        ]

    def _bullets(self, items: Iterable[str]) -> list[str]:
        return [self.kb.text("bullet", text=item) for item in items]

    def _join(self, items: Iterable[str]) -> str:
        return self.kb.text("list_separator").join(items)
