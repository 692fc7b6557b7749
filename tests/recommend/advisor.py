"""The advisor-labelled personas (tests/data/advisor_personas.yaml) and the issue's bars on
them: what `test_advisor_personas.py` asserts and `benchmarks/recommend.py` prints.

The labels were written before the recommender was run and are never changed after seeing a
result; a miss is reported by persona id, so it can be discussed rather than fitted away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.recommend.profile import parse_profile
from bot.recommend.recommender import Recommender

ADVISOR_PERSONAS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "advisor_personas.yaml").read_text(encoding="utf-8")
)["personas"]

# The "done when" bars.
FIRST_ACCEPTABLE_TARGET = 0.96
LOW_CONFIDENCE_AGREEMENT_TARGET = 0.90


@dataclass
class AdvisorReport:
    """What the recommender did on each advisor persona, against the advisor's labels."""

    total: int = 0
    first_ok: list[str] = field(default_factory=list)
    first_missed: list[str] = field(default_factory=list)
    beginners_missed: list[str] = field(default_factory=list)
    bad_first: list[str] = field(default_factory=list)
    top3_missing: list[str] = field(default_factory=list)
    confidence_agrees: list[str] = field(default_factory=list)
    confidence_disagrees: list[str] = field(default_factory=list)
    adjacent_missed: list[str] = field(default_factory=list)

    @property
    def first_rate(self) -> float:
        return len(self.first_ok) / self.total

    @property
    def confidence_rate(self) -> float:
        return len(self.confidence_agrees) / self.total

    def figures(self) -> dict[str, object]:
        return {
            "personas": self.total,
            "first acceptable": f"{self.first_rate:.1%}",
            "beginners' first not acceptable": len(self.beginners_missed),
            "bad advice first": len(self.bad_first),
            "required top-3 missing": len(self.top3_missing),
            "low-confidence agreement": f"{self.confidence_rate:.1%}",
            "adjacent career not named": len(self.adjacent_missed),
        }

    def problems(self) -> list[str]:
        """Each bar the result misses, with the personas that miss it."""
        found = []
        if self.first_rate < FIRST_ACCEPTABLE_TARGET:
            found.append(f"first suggestion not acceptable: {self.first_missed}")
        for name, missed in (
            ("beginner's first not acceptable", self.beginners_missed),
            ("bad advice first", self.bad_first),
            ("required top-3 role missing", self.top3_missing),
            ("adjacent career not named", self.adjacent_missed),
        ):
            if missed:
                found.append(f"{name}: {missed}")
        if self.confidence_rate < LOW_CONFIDENCE_AGREEMENT_TARGET:
            found.append(f"low confidence disagrees: {self.confidence_disagrees}")
        return found


def evaluate(recommender: Recommender) -> AdvisorReport:
    report = AdvisorReport()
    for persona in ADVISOR_PERSONAS:
        _judge(report, persona, recommender)
    return report


def _judge(report: AdvisorReport, persona: dict[str, Any], recommender: Recommender) -> None:
    pid, labels = persona["id"], persona["advisor"]
    result = recommender.recommend(parse_profile(persona["profile"]))
    ranked = [match.role for match in result.ranking]
    report.total += 1
    ok = ranked[0] in labels["acceptable_first"]
    (report.first_ok if ok else report.first_missed).append(
        f"{pid} ({ranked[0]})" if not ok else pid
    )
    if not ok and persona["kind"] == "beginner":
        report.beginners_missed.append(pid)
    if ranked[0] in labels["bad_first"]:
        report.bad_first.append(f"{pid} ({ranked[0]})")
    missing = [role for role in labels["must_be_in_top3"] if role not in ranked[:3]]
    if missing:
        report.top3_missing.append(f"{pid} ({', '.join(missing)})")
    low = result.confidence == "low"
    agree = (
        report.confidence_agrees if low == labels["low_confidence"] else report.confidence_disagrees
    )
    agree.append(pid if low == labels["low_confidence"] else f"{pid} ({result.confidence})")
    wanted = labels.get("adjacent_career")
    named = getattr(result, "adjacent", None)
    if wanted and (named is None or named.career != wanted):
        report.adjacent_missed.append(f"{pid} ({wanted})")
