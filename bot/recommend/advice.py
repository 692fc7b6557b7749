"""What to do next for a role: the skills to grow, the tools to learn and the path. No
scoring: this reads only the person's answers and the role's entry in the knowledge base."""

from __future__ import annotations

from collections.abc import Mapping

from bot.content.knowledge import SKILL_IDS, Knowledge
from bot.content.questions import NEUTRAL_INTEREST
from bot.content.recommender_config import LEVEL_KEYS
from bot.recommend.profile import Profile
from bot.recommend.result import Gap, ToolToLearn


def skill_gaps(profile: Profile, role_id: str, kb: Knowledge) -> tuple[Gap, ...]:
    """Each rated skill below the role's target, the widest gap first."""
    levels = kb.roles[role_id].levels
    below = [s for s in SKILL_IDS if s in profile.skills and profile.skills[s] < levels[s]]
    below.sort(key=lambda s: profile.skills[s] - levels[s])  # stable: SKILL_IDS on ties
    return tuple(_gap(s, profile.skills[s], levels[s], kb) for s in below)


def next_step(kb: Knowledge, skill_id: str, have: int) -> str:
    """The step from the person's own level: a developing person gets the developing step."""
    return str(getattr(kb.skills[skill_id].steps, LEVEL_KEYS[min(have, 2)]))


def _gap(skill_id: str, have: int, need: int, kb: Knowledge) -> Gap:
    return Gap(skill_id, kb.skills[skill_id].name, have, need, next_step(kb, skill_id, have))


def unknown_skills(profile: Profile, role_id: str, kb: Knowledge) -> tuple[str, ...]:
    """Skills the role needs that were skipped: unknown, not "no gap"."""
    levels = kb.roles[role_id].levels
    return tuple(s for s in SKILL_IDS if s not in profile.skills and levels[s] > 0)


Tags = Mapping[str, Mapping[int, tuple[str, ...]]]  # role -> step index -> skills or tools


def path_for(
    profile: Profile, role_id: str, kb: Knowledge, skills: Tags, tools: Tags
) -> tuple[str, ...]:
    """The role's path without the steps the person has behind them: a step that builds only
    skills they already have at the role's target (`skills`), or teaches only tools they
    already use (`tools`)."""
    role = kb.roles[role_id]
    built, taught = skills.get(role_id, {}), tools.get(role_id, {})

    def done(index: int) -> bool:
        needed = built.get(index, ())
        if needed:
            return all(profile.skills.get(s, -1) >= max(role.levels[s], 1) for s in needed)
        used = taught.get(index, ())
        return bool(used) and set(used) <= profile.known_tools

    return tuple(step for i, step in enumerate(role.path) if not done(i))


def tools_to_learn(profile: Profile, role_id: str, kb: Knowledge) -> tuple[ToolToLearn, ...]:
    """The role's tools the person does not know yet, for the most enjoyed task first."""
    role = kb.roles[role_id]
    # A skipped task counts as neutral; ties keep the role's own task order.
    tasks = sorted(role.tools, key=lambda t: -profile.tasks.get(t, NEUTRAL_INTEREST))
    seen = set(profile.known_tools)
    found: list[ToolToLearn] = []
    for task in tasks:
        for ref in role.tools[task]:
            if ref.tool not in seen:
                seen.add(ref.tool)
                found.append(ToolToLearn(ref.tool, kb.tools[ref.tool].name, task))
    return tuple(found)
