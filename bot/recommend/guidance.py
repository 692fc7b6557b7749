"""Advice that depends on where the person stands, not on the scores: whether they are at the
start (and then the entry routes and a first-months plan), and whether their strongest
interests point to a career next to the nine roles. Pure; reads the profile and the ranking.
"""

from __future__ import annotations

from bot.content.advice_config import AdjacentCareer, Advice, AtStart
from bot.content.knowledge import Knowledge
from bot.recommend.profile import Profile
from bot.recommend.result import Adjacent, EntryRoute

DEVELOPING = 2
ACCOMPLISHED = 3
LIKE = 3


def is_at_start(profile: Profile, at_start: AtStart) -> bool:
    """Most technical skills at none or skipped (a skipped skill is unknown, so it does not
    count as a strength), and some of them rated none: a skip is no evidence of a start
    either, so a person who rated two skills developing and skipped the rest is not a
    beginner, and with no skill answered the interests alone rank the roles. A foothold
    rated accomplished is no start: a reviewer with accomplished machine learning read
    "every AI role is a climb from here" (a maths teacher's mathematics is no foothold:
    every role still needs the coding, and the strength is named beside the start)."""
    if any(profile.skills.get(skill, 0) >= ACCOMPLISHED for skill in at_start.footholds):
        return False
    levels = [profile.skills.get(skill) for skill in at_start.skills]
    rated_none = sum(level == 0 for level in levels)
    unrated = sum(not level for level in levels)
    return unrated >= at_start.min_unrated and rated_none >= at_start.min_rated_none


def first_months(profile: Profile, at_start: AtStart) -> tuple[str, ...]:
    """The first months' steps, each said for someone who uses its tools already when the
    person does (all of them: Python without pandas still starts with the basics)."""
    return tuple(
        month.known
        if month.known and month.tools and set(month.tools) <= profile.known_tools
        else month.step
        for month in at_start.first_months
    )


def entry_routes(profile: Profile, kb: Knowledge, at_start: AtStart) -> tuple[EntryRoute, ...]:
    """The entry routes whose condition the answers meet (a route without one: always)."""
    return tuple(
        EntryRoute(route.role, kb.roles[route.role].name, route.reason)
        for route in at_start.entry_routes
        if _route_fits(profile, route.tasks, route.skills)
    )


def _route_fits(profile: Profile, tasks: tuple[str, ...], skills: tuple[str, ...]) -> bool:
    if not tasks and not skills:
        return True
    loved = any(profile.tasks.get(task, 0) >= LIKE for task in tasks)
    strong = any(profile.skills.get(skill, 0) >= DEVELOPING for skill in skills)
    return loved or strong


def adjacent_career(profile: Profile, ranking: list[str], advice: Advice) -> Adjacent | None:
    """The first adjacent career the interests point to, with the best-ranked of its closest
    roles (the ranking already weighs the person's skills)."""
    for career in advice.adjacent:
        if _points_to(profile, career):
            role = min(career.closest, key=ranking.index)
            return Adjacent(career.career, career.name, career.faq, role, career.closest[role])
    return None


def _points_to(profile: Profile, career: AdjacentCareer) -> bool:
    tasks = profile.tasks
    if any(tasks.get(task, -1) < least for task, least in career.tasks_at_least.items()):
        return False
    if any(tasks.get(task, 0) > most for task, most in career.tasks_at_most.items()):
        return False
    return not career.tools_any or bool(set(career.tools_any) & set(profile.known_tools))
