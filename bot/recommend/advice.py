"""What to do next for a role: the skills to grow, the tools to learn and the path. No
scoring: this reads only the person's answers and the role's entry in the knowledge base."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.content.knowledge import SKILL_IDS, Knowledge
from bot.content.questions import NEUTRAL_INTEREST
from bot.content.recommender_config import LEVEL_KEYS
from bot.content.schema import Tool
from bot.content.text import in_sentence
from bot.recommend.profile import Profile
from bot.recommend.result import Gap, ToolToLearn


def skill_gaps(profile: Profile, role_id: str, kb: Knowledge) -> tuple[Gap, ...]:
    """Each rated skill below the role's target, the widest gap first."""
    levels = kb.roles[role_id].levels
    below = [s for s in SKILL_IDS if s in profile.skills and profile.skills[s] < levels[s]]
    below.sort(key=lambda s: profile.skills[s] - levels[s])  # stable: SKILL_IDS on ties
    return tuple(_gap(s, profile.skills[s], levels[s], kb, role_id) for s in below)


def next_step(kb: Knowledge, skill_id: str, have: int, role_id: str) -> str:
    """The step from the person's own level (a developing person gets the developing step),
    the role's own where the skill has one for it (`steps_for_role`)."""
    skill, level = kb.skills[skill_id], LEVEL_KEYS[min(have, 2)]
    own = skill.steps_for_role.get(role_id)
    return str(getattr(own, level, None) or getattr(skill.steps, level))


def _gap(skill_id: str, have: int, need: int, kb: Knowledge, role_id: str) -> Gap:
    step = next_step(kb, skill_id, have, role_id)
    return Gap(skill_id, kb.skills[skill_id].name, have, need, step)


def unknown_skills(profile: Profile, role_id: str, kb: Knowledge) -> tuple[str, ...]:
    """Skills the role needs that were skipped: unknown, not "no gap"."""
    levels = kb.roles[role_id].levels
    return tuple(s for s in SKILL_IDS if s not in profile.skills and levels[s] > 0)


Tags = Mapping[str, Mapping[int, tuple[str, ...]]]  # role -> step index -> skills or tools


@dataclass(frozen=True)
class PathRules:
    """What the path is cut and annotated by: the skills each step builds and the steps about
    tools alone (recommender.yaml), the tools each step names (`named_tools`), and the notes
    beside a step part of which the person has behind them."""

    skills: Tags
    tools: Tags
    named: Tags
    uses: str  # "(you already use {tools})"
    has: str  # "(already at this role's level: {skills})"
    uses_and_has: str  # both in one bracket (two brackets in a row read badly, a tester said)
    separator: str

    def note(self, used: Sequence[str], behind: Sequence[str]) -> str | None:
        """The note beside a step kept: the tools it names that the person uses, and its
        skills they have at the role's level."""
        tools, skills = self.separator.join(used), self.separator.join(behind)
        if used and behind:
            return self.uses_and_has.format(tools=tools, skills=skills)
        if used:
            return self.uses.format(tools=tools)
        return self.has.format(skills=skills) if behind else None


def path_for(profile: Profile, role_id: str, kb: Knowledge, rules: PathRules) -> tuple[str, ...]:
    """The role's path without the steps the person has behind them: a step that builds
    skills they already have at the role's target, or (when it builds none) teaches only
    tools they already use. A step kept says which of its tools they use and which of its
    skills they have: a tester who ticked Kubernetes was told "Learn Kubernetes", one with
    accomplished machine learning "Learn classic machine learning first"."""
    role = kb.roles[role_id]
    built, taught = rules.skills.get(role_id, {}), rules.tools.get(role_id, {})
    named = rules.named.get(role_id, {})

    def has(skill: str) -> bool:
        return profile.skills.get(skill, -1) >= max(role.levels[skill], 1)

    steps = []
    for index, step in enumerate(role.path):
        skills = built.get(index, ())
        behind = [s for s in skills if has(s)]
        tools = taught.get(index, ())
        if skills:
            done = len(behind) == len(skills)  # only the skills decide a step that builds some
        else:
            done = bool(tools) and set(tools) <= profile.known_tools
        if done:
            continue
        used = [kb.tools[t].label for t in named.get(index, ()) if t in profile.known_tools]
        note = rules.note(used, [in_sentence(kb.skills[s].name) for s in behind])
        steps.append(step if note is None else f"{step} {note}")
    return tuple(steps)


def named_tools(kb: Knowledge) -> dict[str, dict[int, tuple[str, ...]]]:
    """Per role and path step, the tools the step names, in the order it names them: by the
    tool's name, a form in its brackets ("Amazon Web Services (AWS)", "Spreadsheets (Excel,
    Google Sheets)") or its short label, as a whole word, in any case but a one-letter name's
    ("R" is no "r")."""
    patterns = {tool_id: _name_pattern(tool) for tool_id, tool in kb.tools.items()}
    found: dict[str, dict[int, tuple[str, ...]]] = {}
    for role_id, role in kb.roles.items():
        found[role_id] = {}
        for index, step in enumerate(role.path):
            at = {t: m.start() for t, p in patterns.items() if (m := p.search(step))}
            if at:
                found[role_id][index] = tuple(sorted(at, key=at.__getitem__))
    return found


def _name_pattern(tool: Tool) -> re.Pattern[str]:
    inside = [form for group in re.findall(r"\(([^)]+)\)", tool.name) for form in group.split(", ")]
    short = tool.short.split(" / ") if tool.short else []
    forms = [tool.name.split(" (", maxsplit=1)[0], *inside, *short]
    either = "|".join(re.escape(form) for form in forms)
    case = 0 if max(len(form) for form in forms) == 1 else re.IGNORECASE
    return re.compile(rf"(?<![\w+#])(?:{either})(?![\w+#])", case)


def tools_to_learn(profile: Profile, role_id: str, kb: Knowledge) -> tuple[ToolToLearn, ...]:
    """The role's tools the person does not know yet, for the most enjoyed task first; none
    that does the job of a tool they already use (`one_of` in tools.yaml: someone on AWS is
    not told to learn Azure; someone on no cloud is offered the role's clouds)."""
    role = kb.roles[role_id]
    # A skipped task counts as neutral; ties keep the role's own task order.
    tasks = sorted(role.tools, key=lambda t: -profile.tasks.get(t, NEUTRAL_INTEREST))
    seen = set(profile.known_tools)
    covered = {kb.tools[t].one_of for t in seen if t in kb.tools} - {None}
    found: list[ToolToLearn] = []
    for task in tasks:
        for ref in role.tools[task]:
            if ref.tool not in seen and kb.tools[ref.tool].one_of not in covered:
                seen.add(ref.tool)
                unwanted = profile.tasks.get(task, NEUTRAL_INTEREST) < NEUTRAL_INTEREST
                found.append(ToolToLearn(ref.tool, kb.tools[ref.tool].name, task, unwanted))
    return tuple(found)
