"""The tools a person already uses, as modest evidence for the roles that use them.

The tools step of the quiz fills `known_tools`. Each role lists the tools of its tasks in
roles.yaml; a person's tools count for a role by the share of them the role lists, like one
more answered question worth `weights.known_tools` (knowledge/recommender.yaml). Tools every
role uses (Python) so count for all alike and move nothing; a BI analyst's Tableau and Power
BI lean towards the roles that report to the business.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.content.knowledge import ROLE_IDS, Knowledge


class ToolEvidence:
    """Adds the tools' points to a scorecard's whole-number totals (see scoring.py)."""

    def __init__(self, kb: Knowledge, whole_weight: int) -> None:
        self.whole_weight = whole_weight
        self._uses = [
            frozenset(ref.tool for refs in kb.roles[role].tools.values() for ref in refs)
            for role in ROLE_IDS
        ]

    def shares(self, known: Collection[str]) -> list[tuple[int, int]]:
        """Per role (ROLE_IDS order): how many of the person's tools it lists, of how many."""
        return [(len(uses.intersection(known)), len(known)) for uses in self._uses]

    def added(
        self, known: Collection[str], totals: list[int], reachable: int
    ) -> tuple[list[int], int]:
        """`totals` and `reachable` with the tools counted; unchanged when none are known."""
        if not known:
            return totals, reachable
        points = self.points(known)
        return [t + p for t, p in zip(totals, points, strict=True)], reachable + self.whole_weight

    def points(self, known: Collection[str]) -> list[int]:
        """Each role's points for the tools: the weight times the share it lists, rounded
        down to a whole number on the scoring scale (a sliver of one point at most)."""
        return [self.whole_weight * hits // max(count, 1) for hits, count in self.shares(known)]
