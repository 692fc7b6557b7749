"""What to do next for a role: the skills to grow and the tools to learn. No scoring: this
reads only the person's answers and the role's entry in the knowledge base."""

from __future__ import annotations

from bot.content.knowledge import SKILL_IDS, Knowledge
from bot.content.questions import NEUTRAL_INTEREST
from bot.recommend.profile import Profile
from bot.recommend.result import Gap, ToolToLearn


def skill_gaps(profile: Profile, role_id: str, kb: Knowledge) -> tuple[Gap, ...]:
    """Each rated skill below the role's target, the widest gap first."""
    levels = kb.roles[role_id].levels
    below = [s for s in SKILL_IDS if s in profile.skills and profile.skills[s] < levels[s]]
    below.sort(key=lambda s: profile.skills[s] - levels[s])  # stable: SKILL_IDS on ties
    return tuple(_gap(s, profile.skills[s], levels[s], kb) for s in below)


def _gap(skill_id: str, have: int, need: int, kb: Knowledge) -> Gap:
    skill = kb.skills[skill_id]
    return Gap(skill_id, skill.name, have, need, skill.first_step)


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
