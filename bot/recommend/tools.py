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

    def __init__(self, kb: Knowledge, whole_weight: int, full_quiz: int) -> None:
        self.whole_weight = whole_weight
        self.full_quiz = max(full_quiz, 1)  # the most points a fully answered quiz can give
        self._uses = [
            frozenset(ref.tool for refs in kb.roles[role].tools.values() for ref in refs)
            for role in ROLE_IDS
        ]
        self._listed = frozenset[str]().union(*self._uses)

    def shares(self, known: Collection[str]) -> list[tuple[int, int]]:
        """Per role (ROLE_IDS order): how many of the person's tools it lists, of how many.
        A tool no role lists (Git: every role uses it, none names it among its task tools)
        tells the roles nothing and is not counted: ticked, it thinned every role's share
        and moved the ranking."""
        counted = self._listed.intersection(known)
        return [(len(uses & counted), len(counted)) for uses in self._uses]

    def added(
        self, known: Collection[str], totals: list[int], reachable: int
    ) -> tuple[list[int], int]:
        """`totals` and `reachable` with the tools counted; unchanged when none that a role
        lists are known."""
        if self._listed.isdisjoint(known):
            return totals, reachable
        weight = self.weight_beside(reachable)
        points = self.points(known, weight)
        return [t + p for t, p in zip(totals, points, strict=True)], reachable + weight

    def weight_beside(self, reachable: int) -> int:
        """The tools' weight beside answers worth `reachable`: their full weight next to a
        whole quiz, shrinking with the share answered down to half of it, so that on a thin
        profile the tools nudge and the answers still decide, while tools alone still count."""
        share = max(2 * reachable, self.full_quiz)  # over 2 * full_quiz: from 1/2 to 1
        return self.whole_weight * min(share, 2 * self.full_quiz) // (2 * self.full_quiz)

    def points(self, known: Collection[str], weight: int) -> list[int]:
        """Each role's points for the tools: the weight times the share it lists, rounded
        down to a whole number on the scoring scale (a sliver of one point at most)."""
        return [weight * hits // max(count, 1) for hits, count in self.shares(known)]
