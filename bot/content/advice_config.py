"""The parts of `knowledge/recommender.yaml` about advice around the ranking (issue 15): the
climb a missing skill costs, when a person is at the start and what to tell them, the careers
next to the nine roles, and the three parts of confidence. Validated like the rest of the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from bot.content.knowledge_checks import placeholders
from bot.content.located import Located
from bot.content.schema import Id, Record, Text
from bot.problems import Problem

Factor = Annotated[float, Field(strict=True, gt=0, le=10)]
Line = Annotated[str, StringConstraints(strict=True, min_length=1)]
Interest = Annotated[int, Field(strict=True, ge=0, le=4)]
Count = Annotated[int, Field(strict=True, ge=0, le=15)]


Share = Annotated[float, Field(strict=True, ge=0, le=1)]


class Climb(Record):
    """What a missing skill costs a role: each level step's effort (none -> beginning,
    beginning -> developing, developing -> accomplished) times the skill's difficulty; when
    interests and skills pull apart, also times how central the skill is to the role (by the
    role's target level, none .. accomplished) and `conflict_weight`, and a core skill rated
    none counts `no_foothold` times again. A skipped skill the role needs at accomplished
    costs `unknown_core` of the full climb."""

    steps: Annotated[tuple[Factor, Factor, Factor], Field()]
    difficulty: dict[Id, Factor]
    centrality: Annotated[tuple[Share, Share, Share, Share], Field()]
    conflict_weight: Factor
    # In a conflict, a core skill rated none: how many times its climb counts again.
    no_foothold: Annotated[float, Field(strict=True, ge=0, le=10)]
    unknown_core: Share


class EntryRoute(Record):
    role: Id
    reason: Text
    # Shown only when the person loves one of these tasks or rates one of these skills at
    # least developing (both empty: always shown).
    tasks: tuple[Id, ...] = ()
    skills: tuple[Id, ...] = ()


class FirstMonth(Record):
    step: Text
    # When the person uses every one of `tools` already, `known` is said instead (a tester
    # who ticked Python and pandas read "Python: the basics, then pandas").
    tools: tuple[Id, ...] = ()
    known: Text | None = None


class AtStart(Record):
    skills: Annotated[tuple[Id, ...], Field(min_length=1)]
    min_unrated: Count  # this many of `skills` at none or skipped: the person is at the start,
    min_rated_none: Count  # provided this many are rated none (a skip is no evidence either way)
    footholds: tuple[Id, ...] = ()  # any of these rated accomplished: not at the start
    skill_weight: Factor  # the skill weight's multiplier then: the climb comes first
    entry_routes: Annotated[tuple[EntryRoute, ...], Field(min_length=1)]
    first_months: Annotated[tuple[FirstMonth, ...], Field(min_length=2)]


class AdjacentCareer(Record):
    career: Id
    name: Text
    faq: Text
    tasks_at_least: dict[Id, Interest]
    tasks_at_most: dict[Id, Interest] = Field(default_factory=dict)
    tools_any: tuple[Id, ...] = ()  # known tools, one of which must be there (empty: none)
    closest: Annotated[dict[Id, Text], Field(min_length=1)]  # role -> why it is closest


class ConfidenceParts(Record):
    thin_below: Count  # fewer answers than this: too few to be sure
    percent_from: Count  # fewer answers than this: no match percentage is shown
    close_below: Annotated[int, Field(strict=True, ge=0, le=100)]  # margin: a close call
    conflict_climb: Annotated[int, Field(strict=True, ge=1, le=3)]  # levels short: a conflict
    # The whole climb to a role's core, in full climbs (see `core_climb`), from which the
    # interests' own choice is a conflict even with no single full climb.
    core_climbs: Factor
    # The suggestion within this many match points of the interests' own leader (on the
    # interest answers alone): interests do not pull elsewhere.
    interest_gap: Annotated[int, Field(strict=True, ge=0, le=100)]


class AdviceTexts(Record):
    at_start: Line
    at_start_strengths: Line  # {skills}: those outside the climb rated developing or more
    entry_routes: Line
    entry_route: Line
    first_months: Line
    first_month_step: Line
    adjacent: Line
    adjacent_more: Line
    closeness_close: Line
    closeness_neighbour: Line
    closeness_clear: Line
    closeness_flat: Line
    closeness_sparse: Line
    answered: Line
    answered_thin: Line
    conflict: Line
    conflict_same_role: Line
    no_conflict: Line
    no_skills: Line
    flat: Line
    gap_unknown: Line
    gap_unknown_alone: Line
    path_uses: Line
    path_has: Line
    path_uses_and_has: Line


class Advice(Record):
    climb: Climb
    # role -> step index in its path -> the skills that step builds: a person who has them
    # at the role's target skips the step.
    path_skills: dict[Id, dict[int, tuple[Id, ...]]]
    # role -> step index -> the tools a step is about and nothing else: a person who uses
    # them all (the quiz's tools step) skips the step.
    path_tools: dict[Id, dict[int, tuple[Id, ...]]]
    at_start: AtStart
    adjacent: tuple[AdjacentCareer, ...]
    confidence: ConfidenceParts
    texts: AdviceTexts


_PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "at_start_strengths": frozenset({"skills"}),
    "entry_route": frozenset({"role", "reason"}),
    "first_month_step": frozenset({"number", "step"}),
    "adjacent": frozenset({"career", "role", "why"}),
    "adjacent_more": frozenset({"title"}),
    "closeness_close": frozenset({"role", "margin", "first", "second"}),
    "closeness_neighbour": frozenset({"role", "margin", "first", "second"}),
    "closeness_clear": frozenset({"role", "margin", "first", "second"}),
    "closeness_flat": frozenset({"role"}),
    "closeness_sparse": frozenset({"role"}),
    "answered": frozenset({"answered", "total"}),
    "answered_thin": frozenset({"answered", "total"}),
    "conflict": frozenset({"feel", "task", "role", "skill", "need", "have", "step"}),
    "conflict_same_role": frozenset({"feel", "task", "role", "skill", "need", "have", "step"}),
    "gap_unknown": frozenset({"skills"}),
    "gap_unknown_alone": frozenset({"skills"}),
    "path_uses": frozenset({"tools"}),
    "path_has": frozenset({"skills"}),
    "path_uses_and_has": frozenset({"tools", "skills"}),
}


def check_advice(advice: Advice, src: Located) -> Iterator[Problem]:
    """Each advice sentence uses only the placeholders the code fills."""
    texts: BaseModel = advice.texts
    for key in AdviceTexts.model_fields:
        allowed = _PLACEHOLDERS.get(key, frozenset())
        used = placeholders(str(getattr(texts, key)))
        if used is None or used - allowed:
            shown = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
            yield src.problem(
                ("advice", "texts", key),
                f"advice.texts.{key} has an unknown or broken placeholder",
                f"placeholders allowed here: {shown}",
            )
