"""What the recommender tests share: the evaluation personas, shorthands for reading a
result, and exact scores worked out from the model's fractions (the oracle its whole-number
tables must agree with)."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml
from hypothesis import settings

from bot.content.knowledge import ROLE_IDS
from bot.content.questions import QUESTION_IDS, SKILL_PREFIX, Answer
from bot.content.recommender_config import load_recommender_config
from bot.recommend.profile import Profile, parse_profile
from bot.recommend.recommender import Recommender
from bot.recommend.result import Recommendation, RoleMatch
from bot.recommend.scoring import ScoringModel

PERSONAS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "personas.yaml").read_text(encoding="utf-8")
)["personas"]
PROPERTY_EXAMPLES = settings(max_examples=150, deadline=None)


def persona(persona_id: str) -> dict[str, Any]:
    return next(p for p in PERSONAS if p["id"] == persona_id)


def ranked(result: Recommendation) -> list[str]:
    return [match.role for match in result.ranking]


def best_for(recommender: Recommender, data: dict[str, Any]) -> Recommendation:
    return recommender.recommend(parse_profile(data))


def match_of(result: Recommendation, role: str) -> RoleMatch:
    return next(m for m in result.ranking if m.role == role)


def exact_scores(
    scoring: ScoringModel, answers: Mapping[str, Answer], known_tools: Collection[str] = ()
) -> dict[str, Fraction]:
    """Each role's match, 0 to 1: its points over the most the answers could give (no
    answers: one half, no evidence either way). Known tools count as one more answer worth
    the tools weight times the answered share of the quiz (at least half of it), each role
    getting the share of the person's tools it lists."""
    tools = scoring.tools
    answered = sum(scoring.whole(scoring.weight[q]) for q in answers)
    share = min(max(Fraction(answered, tools.full_quiz), Fraction(1, 2)), Fraction(1))
    weight = math.floor(tools.whole_weight * share)  # half to all of it, as answered
    tool_points = [Fraction(p, scoring.scale) for p in tools.points(known_tools, weight)]
    most = sum(scoring.weight[q] for q in answers)
    most += Fraction(weight, scoring.scale) if known_tools else 0
    if not most:
        return dict.fromkeys(ROLE_IDS, Fraction(1, 2))
    # A skipped skill is unknown: half of its weight for a role that needs it accomplished,
    # except the foothold part of a conflict (a skip is no evidence of none), kept whole.
    # (Beside answers only: alone they would rank the roles by how little they need.)
    skipped = [q for q in QUESTION_IDS if q.startswith(SKILL_PREFIX) and q not in answers]
    unknown = skipped if answers else []
    most += sum(scoring.weight[q] for q in unknown)
    unknown_core = Fraction(str(load_recommender_config().advice.climb.unknown_core))
    half = unknown_core * (1 - scoring.climb.foothold_share)
    return {
        role: (
            sum(scoring.points[role][q][value] for q, value in answers.items())
            + (tool_points[r] if known_tools else 0)
            + sum(scoring.weight[q] * (1 - half * _core(scoring, role, q)) for q in unknown)
        )
        / most
        for r, role in enumerate(ROLE_IDS)
    }


def exact_lean(scoring: ScoringModel, role: str, question: str, value: Answer) -> Fraction:
    """How one answer leans on a role: from -1/2 (a full misfit) to 1/2 (a perfect fit).
    On the climb alone: a conflict's foothold part of a skill question is left out (kept by
    every rating but none on the role's core), as it ranks roles but is no reason for one."""
    points, weight = scoring.points[role][question][value], scoring.weight[question]
    if question.startswith(SKILL_PREFIX):
        part = weight * scoring.climb.foothold_share
        kept = not (value == 0 and _core(scoring, role, question))
        points, weight = points - (part if kept else 0), weight - part
    return points / weight - Fraction(1, 2)


def _core(scoring: ScoringModel, role: str, question: str) -> int:
    """1 where the role needs the skill at accomplished, its core (where, with a shortfall
    costing its full share and the core fully central, half a climb costs half the weight)."""
    return int(scoring.levels[role][question.removeprefix(SKILL_PREFIX)] == 3)


def counted_answers(profile: Profile) -> dict[str, Answer]:
    """The answers the score counts: task answers all alike (three or more) count for no
    role, as they cannot tell roles apart, and neither does a deep-learning answer alike
    to them (the same "I like it all")."""
    answers = profile.answers()
    tasks = [q for q in answers if q.startswith("task_")]
    if len(tasks) >= 3 and len({answers[q] for q in tasks}) == 1:
        flat = answers[tasks[0]]
        if answers.get("deep_learning_interest") == flat:
            tasks.append("deep_learning_interest")
        return {q: v for q, v in answers.items() if q not in tasks}
    return answers
