"""Checks between the knowledge files, run once every file has the right shape: the fixed
ids are all there, every reference names something that exists, an alias or a phrasing
leads to one place, and every message and template uses only the placeholders it is given.
"""

from __future__ import annotations

import collections
import re
import string
from collections.abc import Iterable, Mapping
from typing import Any

from bot.content.knowledge_base import ROLE_FACETS, ROLE_IDS, SKILL_IDS, TASK_IDS, Knowledge
from bot.content.located import Located
from bot.content.messages import REQUIRED_MESSAGES
from bot.content.schema import Role, RoleSteps, Task, ToolRef
from bot.content.text import fold
from bot.problems import Problem


def cross_check(kb: Knowledge, src: Mapping[str, Located]) -> Iterable[Problem]:
    yield from _exact_ids(src["roles"], ("roles",), kb.roles, ROLE_IDS, "role")
    yield from _exact_ids(src["tasks"], ("tasks",), kb.tasks, TASK_IDS, "task")
    yield from _exact_ids(src["skills"], ("skills",), kb.skills, SKILL_IDS, "skill")
    for role_id, role in kb.roles.items():
        yield from _check_role(kb, src["roles"], role_id, role)
    yield from _check_aliases(kb, src["roles"])
    yield from _check_titles(kb, src["roles"], src["faq"])
    for task_id, task in kb.tasks.items():
        yield from _check_task(kb, src["tasks"], task_id, task)
    for skill_id in kb.skills:
        yield from _check_role_steps(kb, src["skills"], skill_id)
    yield from _check_faq(kb, src["faq"])
    yield from _check_messages(kb, src["messages"])
    yield from _check_phrasings(kb, src["phrasings"])
    yield from _check_tool_groups(kb, src["tools"])


def _check_role_steps(kb: Knowledge, src: Located, skill_id: str) -> Iterable[Problem]:
    """A role's own step from a level the role already reaches is never shown: a gap is a
    level below the role's (RoleSteps' fields are the levels from 0 up)."""
    for role_id, steps in kb.skills[skill_id].steps_for_role.items():
        at = ("skills", skill_id, "steps_for_role", role_id)
        if role_id not in kb.roles:
            yield _unknown(src, at, role_id, kb.roles, "role")
            continue
        target = kb.roles[role_id].levels[skill_id]
        for level, key in enumerate(RoleSteps.model_fields):
            if level >= target and getattr(steps, key) is not None:
                yield src.problem(
                    (*at, key),
                    f"never shown: {role_id} needs {skill_id} at level {target}",
                    f"remove the step from {key}, or write it for a level below {target}",
                )


def _check_tool_groups(kb: Knowledge, src: Located) -> Iterable[Problem]:
    """A `one_of` that no other tool shares is a slip of the pen (it would hide nothing)."""
    groups = collections.Counter(tool.one_of for tool in kb.tools.values() if tool.one_of)
    for tool_id, tool in kb.tools.items():
        if tool.one_of and groups[tool.one_of] < 2:
            yield src.problem(
                ("tools", tool_id, "one_of"),
                f"no other tool is one_of '{tool.one_of}'",
                "name the group another tool of the same job uses, or remove one_of",
            )


def _exact_ids(
    src: Located, at: tuple[str], found: Mapping[str, Any], expected: Iterable[str], kind: str
) -> Iterable[Problem]:
    expected = tuple(expected)
    for missing in (e for e in expected if e not in found):
        yield src.problem(at, f"{kind} '{missing}' is missing", f"add an entry '{missing}:'")
    for unknown in (f for f in found if f not in expected):
        yield src.problem(
            (*at, unknown), f"unknown {kind} id '{unknown}'", f"use one of: {', '.join(expected)}"
        )


def _unknown(
    src: Located, loc: tuple[str | int, ...], value: str, known: Iterable[str], kind: str
) -> Problem:
    return src.problem(loc, f"unknown {kind} id '{value}'", f"use one of: {', '.join(known)}")


def _check_role(kb: Knowledge, src: Located, role_id: str, role: Role) -> Iterable[Problem]:
    at = ("roles", role_id)
    sentences = len(re.findall(r"[.!?](?:\s|$)", role.summary))
    if sentences != 2:
        yield src.problem((*at, "summary"), f"summary has {sentences} sentences", "write two")
    for task_id in role.tasks:
        if task_id not in kb.tasks:
            yield _unknown(src, (*at, "tasks", task_id), task_id, kb.tasks, "task")
    for skill_id in SKILL_IDS:
        if skill_id not in role.levels:
            yield src.problem((*at, "levels"), f"no level for skill '{skill_id}'", "add 0-3")
    for skill_id in role.levels:
        if skill_id not in kb.skills:
            yield _unknown(src, (*at, "levels", skill_id), skill_id, kb.skills, "skill")
    for task_id, refs in role.tools.items():
        if task_id not in role.tasks:
            yield src.problem(
                (*at, "tools", task_id),
                f"tools for '{task_id}', which this role does not do",
                # Only the role's tasks that exist: a misspelt one is reported on its own.
                f"use one of the role's tasks: {', '.join(t for t in role.tasks if t in kb.tasks)}",
            )
        yield from _check_tool_refs(kb, src, (*at, "tools", task_id), refs)
    for other in role.differs:
        if other not in kb.roles or other == role_id:
            yield _unknown(src, (*at, "differs", other), other, kb.roles, "other role")


def _check_tool_refs(
    kb: Knowledge, src: Located, at: tuple[str | int, ...], refs: Iterable[ToolRef]
) -> Iterable[Problem]:
    seen: set[str] = set()
    for i, ref in enumerate(refs):
        if ref.tool not in kb.tools:
            yield _unknown(src, (*at, i), ref.tool, kb.tools, "tool")
        if ref.tool in seen:
            yield src.problem((*at, i), f"tool '{ref.tool}' listed twice", "remove one")
        seen.add(ref.tool)


def normalise_phrase(text: str) -> str:
    """Case, punctuation and spacing folded: two phrasings equal here are the same question."""
    cleaned = text.casefold().translate(str.maketrans(string.punctuation, " " * 32))
    return " ".join(cleaned.split())


def _check_aliases(kb: Knowledge, src: Located) -> Iterable[Problem]:
    owner: dict[str, str] = {normalise_phrase(r.name): rid for rid, r in kb.roles.items()}
    # A task or skill name is never a role alias: "data science" must mean the skill.
    owner |= {
        normalise_phrase(x.name): f"{kind} {xid}"
        for kind, things in (("task", kb.tasks), ("skill", kb.skills))
        for xid, x in things.items()
    }
    for role_id, role in kb.roles.items():
        for i, alias in enumerate(role.aliases):
            key = normalise_phrase(alias)
            if owner.setdefault(key, role_id) != role_id:
                yield src.problem(
                    ("roles", role_id, "aliases", i),
                    f"alias '{alias}' also names '{owner[key]}'",
                    "an alias must point at one role; remove it from one of them",
                )


def title_places(kb: Knowledge) -> Iterable[tuple[str, str, tuple[str | int, ...], str]]:
    """Every job title the bot names, with its owner ("role.<id>" or "faq.<slug>"), the
    file and location it is written at: role names, aliases and titles, FAQ entries' titles."""
    for role_id, role in kb.roles.items():
        owner = f"role.{role_id}"
        yield role.name, owner, ("roles", role_id, "name"), "roles"
        for field in ("aliases", "titles"):
            for i, title in enumerate(getattr(role, field)):
                yield title, owner, ("roles", role_id, field, i), "roles"
    for slug, entry in kb.faq.items():
        for i, title in enumerate(entry.titles):
            yield title, f"faq.{slug}", ("entries", slug, "titles", i), "faq"


def _check_titles(kb: Knowledge, roles: Located, faq: Located) -> Iterable[Problem]:
    """One truth for job titles: a title (folded) leads to one role or one FAQ entry."""
    files = {"roles": roles, "faq": faq}
    first: dict[str, tuple[str, str]] = {}  # folded title -> (owner, "file:line")
    for title, owner, loc, file in title_places(kb):
        src = files[file]
        here = f"{src.file}:{src.line(loc)}"
        other, there = first.setdefault(fold(title), (owner, here))
        if other != owner:
            yield src.problem(
                loc,
                f"title '{title}' maps to {owner} here and to {other} at {there}",
                f"a title belongs to one role or one FAQ entry: remove it at {here} or {there}",
            )


def _check_task(kb: Knowledge, src: Located, task_id: str, task: Task) -> Iterable[Problem]:
    at = ("tasks", task_id)
    for i, skill_id in enumerate(task.skills):
        if skill_id not in kb.skills:
            yield _unknown(src, (*at, "skills", i), skill_id, kb.skills, "skill")
    yield from _check_tool_refs(kb, src, (*at, "tools"), task.tools)


def _check_faq(kb: Knowledge, src: Located) -> Iterable[Problem]:
    first_seen: dict[str, tuple[str, int]] = {}
    for slug, entry in kb.faq.items():
        for i, question in enumerate(entry.questions):
            key = normalise_phrase(question)
            loc = ("entries", slug, "questions", i)
            if key in first_seen and first_seen[key][0] != slug:
                other, line = first_seen[key]
                yield src.problem(
                    loc,
                    f"phrasing '{question}' is also used by '{other}' (line {line})",
                    "a phrasing must lead to one answer; reword or remove one",
                )
            first_seen.setdefault(key, (slug, src.line(loc)))
        for i, related in enumerate(entry.related):
            if related not in kb.answer_ids:
                yield src.problem(
                    ("entries", slug, "related", i),
                    f"unknown answer id '{related}'",
                    "use faq.<slug>, role.<id>[.tasks|.skills|.tools|.code|.path], "
                    "compare.<a>.<b> (alphabetical), task.<id> or skill.<id>",
                )


def _check_messages(kb: Knowledge, src: Located) -> Iterable[Problem]:
    for message_id, fields in REQUIRED_MESSAGES.items():
        text = kb.messages.get(message_id)
        if text is None:
            yield src.problem(("messages",), f"message '{message_id}' is missing", "add it")
            continue
        used = placeholders(text)
        if used is None or used - fields:
            allowed = ", ".join(f"{{{f}}}" for f in sorted(fields)) or "none"
            yield src.problem(
                ("messages", message_id),
                f"message '{message_id}' has an unknown or broken placeholder",
                f"placeholders allowed here: {allowed}; write {{{{ and }}}} for literal braces",
            )


def placeholders(text: str) -> set[str] | None:
    """The `{names}` a message uses, or None when its braces are broken."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


TEMPLATE_SLOTS = {
    "role": {"role"},
    **{f"role.{facet}": {"role"} for facet in ROLE_FACETS},
    "compare": {"role", "other"},
    "task": {"task"},
    "skill": {"skill"},
    "tool": {"tool"},
}


def _check_phrasings(kb: Knowledge, src: Located) -> Iterable[Problem]:
    for kind, templates in kb.phrasings.templates.items():
        if kind not in TEMPLATE_SLOTS:
            yield src.problem(
                ("templates", kind),
                f"unknown template kind '{kind}'",
                f"use one of: {', '.join(TEMPLATE_SLOTS)}",
            )
            continue
        for i, template in enumerate(templates):
            slots = placeholders(template) or set()
            context = slots - TEMPLATE_SLOTS[kind]
            if not TEMPLATE_SLOTS[kind] <= slots or context - {"task", "skill", "tool"}:
                wanted = " and ".join(f"{{{s}}}" for s in sorted(TEMPLATE_SLOTS[kind]))
                yield src.problem(
                    ("templates", kind, i),
                    f"template '{template}' has the wrong slots",
                    f"a '{kind}' template uses {wanted} (and may name a task, skill or tool)",
                )
    for answer_id, phrasings in kb.phrasings.extra.items():
        if answer_id not in kb.answer_ids:
            yield src.problem(
                ("extra", answer_id),
                f"unknown answer id '{answer_id}'",
                "use an id that `career-bot kb export` lists",
            )
        for i, phrasing in enumerate(phrasings):
            named = placeholders(phrasing)
            # {other}, a second role, only beside {role} ("{role} vs {other} salary").
            allowed = {"role", "task", "skill", "tool"} | (
                {"other"} if named and "role" in named else set()
            )
            if named is None or named - allowed:
                yield src.problem(
                    ("extra", answer_id, i),
                    f"'{phrasing}' has an unknown slot",
                    "use {role}, {task}, {skill} or {tool}; {other} only beside {role}",
                )
    names = kb.phrasings.entities
    kinds = (("role", kb.roles), ("task", kb.tasks), ("skill", kb.skills), ("tool", kb.tools))
    for kind, known in kinds:
        for entity_id in getattr(names, kind):
            if entity_id not in known:
                yield _unknown(src, ("entities", kind, entity_id), entity_id, known, kind)
