"""The composed answers: role cards and their facets, comparisons, tasks, skills and tools,
each built from the structured knowledge (so a role's skills answer can never disagree with its
levels). Every sentence comes from knowledge/messages.yaml."""

from __future__ import annotations

from collections.abc import Iterable

from bot.content.knowledge import SKILL_IDS, Knowledge
from bot.content.text import in_sentence


class RoleTexts:
    """A role's card, its facets (tasks, skills, tools, code, path) and role comparisons."""

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb

    def facet(self, role_id: str, facet: str) -> str:
        composers = {
            "overview": self.role,
            "tasks": self.role_tasks,
            "skills": self.role_skills,
            "tools": self.role_tools,
            "code": self.role_code,
            "path": self.role_path,
        }
        return composers[facet](role_id)

    def role(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        return kb.text(
            "answer_role",
            role=role.name,
            summary=role.summary,
            tasks=join(self.kb, [in_sentence(kb.tasks[t].name) for t in role.tasks]),
            code=kb.text(f"style_{role.code.style}"),
            titles=join(self.kb, role.titles),
        )

    def role_tasks(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        lines = [kb.text("answer_role_tasks", role=in_sentence(role.name))]
        for task_id, subtasks in role.tasks.items():
            lines += ["", kb.tasks[task_id].name, *bullets(self.kb, subtasks)]
        return "\n".join(lines)

    def role_skills(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        lines = [kb.text("answer_role_skills", role=in_sentence(role.name)), ""]
        for skill_id in sorted(SKILL_IDS, key=lambda s: -role.levels[s]):
            level = role.levels[skill_id]
            text = f"{'●' * level}{'○' * (3 - level)} {kb.text(f'level_{level}')}"
            lines.append(kb.text("labelled", label=kb.skills[skill_id].name, text=text))
        return "\n".join(lines)

    def role_tools(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        lines = [kb.text("answer_role_tools", role=in_sentence(role.name)), ""]
        for task_id, refs in role.tools.items():
            names = (kb.tools[r.tool].name + ("*" if r.source == "project" else "") for r in refs)
            lines += bullets(
                self.kb,
                [kb.text("labelled", label=kb.tasks[task_id].name, text=join(self.kb, names))],
            )
        return "\n".join([*lines, "", kb.text("answer_role_tools_note")])

    def role_code(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        style = kb.text(f"style_{role.code.style}")
        return kb.text("answer_role_code", role=role.name, style=style) + "\n\n" + role.code.text

    def role_path(self, role_id: str) -> str:
        role, kb = self.kb.roles[role_id], self.kb
        steps = (kb.text("numbered", number=i, text=s) for i, s in enumerate(role.path, 1))
        return "\n".join([kb.text("answer_role_path", role=in_sentence(role.name)), *steps])

    def compare(self, a: str, b: str) -> str:
        kb = self.kb
        first, second = kb.roles[a], kb.roles[b]
        differs = first.differs.get(b) or second.differs.get(a)
        parts = [kb.text("title_compare", a=first.name, b=second.name)]
        parts += [kb.text("labelled", label=r.name, text=r.summary) for r in (first, second)]
        if differs:
            parts.append(kb.text("answer_compare_differs", text=differs))
        parts.append(self.compare_tasks(a, b))
        parts.append(kb.text("answer_compare_skills", skills=self.skill_gaps(a, b)))
        return "\n\n".join(p for p in parts if p)

    def compare_tasks(self, a: str, b: str) -> str:
        kb, lines = self.kb, []
        for one, other in ((a, b), (b, a)):
            only = [
                in_sentence(kb.tasks[t].name)
                for t in kb.roles[one].tasks
                if t not in kb.roles[other].tasks
            ]
            if only:
                lines.append(
                    kb.text(
                        "answer_compare_tasks",
                        role=in_sentence(kb.roles[one].name),
                        tasks=join(self.kb, only),
                    )
                )
        return "\n".join(lines)

    def skill_gaps(self, a: str, b: str) -> str:
        kb = self.kb
        levels_a, levels_b = kb.roles[a].levels, kb.roles[b].levels
        differing = sorted(SKILL_IDS, key=lambda s: -abs(levels_a[s] - levels_b[s]))
        shown = [s for s in differing if levels_a[s] != levels_b[s]][:3]

        # Level names, not numbers: "(3 vs 1)" meant nothing to a tester.
        def levels(s: str) -> str:
            return f"{kb.text(f'level_{levels_a[s]}')} vs {kb.text(f'level_{levels_b[s]}')}"

        named = [f"{in_sentence(kb.skills[s].name)} ({levels(s)})" for s in shown]
        return join(self.kb, named) or kb.text("none")


class TopicTexts:
    """What a task, a skill or a tool is, and which roles it concerns."""

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb

    def task(self, task_id: str) -> str:
        kb, task = self.kb, self.kb.tasks[task_id]
        lines = [kb.text("answer_task", task=task.name, description=task.description), ""]
        lines += bullets(self.kb, task.subtasks)
        roles = join(self.kb, [in_sentence(kb.roles[r].name) for r in doers(self.kb, task_id)])
        skills = join(self.kb, [in_sentence(kb.skills[s].name) for s in task.skills])
        lines += ["", kb.text("answer_task_roles", roles=roles)]
        lines.append(kb.text("answer_task_skills", skills=skills))
        return "\n".join(lines)

    def skill(self, skill_id: str) -> str:
        kb, skill = self.kb, self.kb.skills[skill_id]
        levels = skill.levels
        lines = [skill.name, "", skill.covers, "", kb.text("answer_skill_levels")]
        for n, text in enumerate((levels.beginning, levels.developing, levels.accomplished), 1):
            lines += bullets(self.kb, [kb.text("labelled", label=kb.text(f"level_{n}"), text=text)])
        lines += ["", kb.text("answer_skill_learn"), *bullets(self.kb, skill.learn), ""]
        lines.append(kb.text("answer_skill_check", text=skill.check))
        needing = [in_sentence(r.name) for r in kb.roles.values() if r.levels[skill_id] == 3]
        if needing:
            lines.append(kb.text("answer_skill_roles", roles=join(self.kb, needing)))
        return "\n".join(lines)

    def tool(self, tool_id: str) -> str:
        kb, tool = self.kb, self.kb.tools[tool_id]
        text = kb.text(
            "answer_tool",
            tool=tool.name,
            category=tool.category.replace("_", " "),
            purpose=tool.purpose,
        )
        users = tool_users(self.kb, tool_id)
        if users:
            roles = join(self.kb, [in_sentence(kb.roles[r].name) for r in users])
            text += "\n\n" + kb.text("answer_tool_roles", roles=roles)
        return text


def doers(kb: Knowledge, task_id: str) -> list[str]:
    return [r for r, role in kb.roles.items() if task_id in role.tasks]


def tool_users(kb: Knowledge, tool_id: str) -> list[str]:
    return [
        r
        for r, role in kb.roles.items()
        if any(ref.tool == tool_id for refs in role.tools.values() for ref in refs)
    ]


def bullets(kb: Knowledge, items: Iterable[str]) -> list[str]:
    return [kb.text("bullet", text=item) for item in items]


def join(kb: Knowledge, items: Iterable[str]) -> str:
    return kb.text("list_separator").join(items)
