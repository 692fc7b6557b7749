""" "Why not X?" as a comparison of the suggestion with the runner-up: the answers that separate
them most, their skill targets side by side with the person's ratings, and what would put the
runner-up first (the swap hint). Numbers and ids only; the words are the view's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from bot.content.knowledge import ROLE_IDS, SKILL_IDS, Knowledge
from bot.content.questions import QUESTION_IDS, Answer
from bot.recommend.scoring import Scorecard, ScoringModel

MAX_SEPARATING = 3  # the answers that separate the two most: two or three tell the story


@dataclass(frozen=True)
class SkillTargets:
    skill: str
    have: int | None  # the person's rating; None when skipped
    first: int  # the suggestion's target
    second: int  # the compared role's target


@dataclass(frozen=True)
class Comparison:
    first: str  # the suggested role's id
    second: str  # the role asked about
    separating: tuple[tuple[str, Answer], ...]  # (question id, the answer given), most first
    skills: tuple[SkillTargets, ...]  # where the two roles' targets differ


def compare(
    kb: Knowledge,
    scoring: ScoringModel,
    card: Scorecard,
    ratings: Mapping[str, int],
    second: int,
) -> Comparison:
    """The suggestion (the card's first) against another role (`second`, a ROLE_IDS index);
    `ratings` are the person's skill ratings."""
    first = card.order[0]
    top, other = ROLE_IDS[first], ROLE_IDS[second]
    leads: list[tuple[Fraction, str, Answer]] = []
    for question, index in card.picks:
        q = QUESTION_IDS[question]
        value = scoring.values[question][index]
        lead = scoring.points[top][q][value] - scoring.points[other][q][value]
        if lead > 0:
            leads.append((lead, q, value))
    leads.sort(key=lambda item: -item[0])  # stable: quiz order among equal leads
    first_levels, second_levels = kb.roles[top].levels, kb.roles[other].levels
    return Comparison(
        top,
        other,
        tuple((q, value) for _, q, value in leads[:MAX_SEPARATING]),
        tuple(
            SkillTargets(skill, ratings.get(skill), first_levels[skill], second_levels[skill])
            for skill in SKILL_IDS
            if first_levels[skill] != second_levels[skill]
        ),
    )
