"""What one skill answer is worth to a role: the climb from the person's level to the role's
target (the weights and their reasons are `advice.climb` in knowledge/recommender.yaml).

Every value is a share of the skill question's weight, from 0 (the whole weight lost) to 1:

- usually a shortfall costs in proportion to the climb's effort (the later levels take
  longest) and being above the target costs a little per level;
- when interests and skills pull apart (a conflict), the question weighs more: the extra
  weight is lost in proportion to the climb times how central the skill is to the role, and
  a core skill rated none (a climb with no foothold) loses a further part of it.
"""

from __future__ import annotations

from fractions import Fraction

from bot.content.recommender_config import RecommenderConfig

CORE = 3  # a skill a role needs at accomplished is its core


def exact(number: float) -> Fraction:
    """The decimal the YAML file says (0.15 is 15/100, not the nearest binary float)."""
    return Fraction(repr(number))


class SkillClimb:
    """The fit of a skill answer (or a skipped skill) to a role's target, in one model."""

    def __init__(self, config: RecommenderConfig, conflict: bool, at_start: bool) -> None:
        climb = config.advice.climb
        self._below, self._above = exact(config.skill_fit.below), exact(config.skill_fit.above)
        self._steps = [exact(step) for step in climb.steps]
        self._centrality = [exact(share) for share in climb.centrality]
        self._unknown_core = exact(climb.unknown_core)
        # In a conflict: the climb's extra weight, and on top of the whole of it, the part a
        # core skill rated none loses (the climb counted again, see `no_foothold`). Not at
        # the start: there no skill has a foothold, and the at-start weight counts that.
        self._extra = exact(climb.conflict_weight) if conflict else Fraction(0)
        foothold = conflict and not at_start
        self._foothold = exact(climb.no_foothold) if foothold else Fraction(0)

    @property
    def weight(self) -> Fraction:
        """A skill question's weight over its usual weight (1 outside a conflict)."""
        return (1 + self._extra) * (1 + self._foothold)

    @property
    def foothold_share(self) -> Fraction:
        """The share of a skill question's weight that only a core skill rated none loses
        (0 outside a conflict, or at the start)."""
        return self._foothold / (1 + self._foothold)

    def fit(self, have: int, need: int) -> Fraction:
        """A shortfall costs in proportion to the climb's effort (a full climb, none to
        accomplished, costs 3 levels' worth); being above the target costs per level."""
        share = sum(self._steps[have:need], Fraction(0)) / sum(self._steps)
        shortfall = share * 3 * self._below
        excess = max(0, have - need) * self._above
        usual = max(Fraction(0), 1 - (shortfall + excess) / 3)
        return self._in_conflict(
            usual, self._centrality[need] * share, self.keeps_foothold(have, need)
        )

    @staticmethod
    def keeps_foothold(have: int, need: int) -> bool:
        """Whether a rating keeps the foothold part: all but none on the role's core."""
        return not (have == 0 and need == CORE)

    def unknown(self, need: int) -> Fraction:
        """A skipped skill: half a climb's cost (`unknown_core`) where the role needs it at
        accomplished, its core; nothing where it needs less. A skip is no evidence of a
        missing foothold, so that part is kept."""
        if need < CORE:
            return Fraction(1)
        usual = 1 - self._unknown_core * self._below
        return self._in_conflict(usual, self._centrality[need] * self._unknown_core, True)

    def _in_conflict(self, usual: Fraction, central_climb: Fraction, foothold: bool) -> Fraction:
        """The usual fit with the conflict's parts: the extra weight lost by the climb times
        its centrality (1: a full climb to the role's core), and the foothold part lost when
        the person starts the role's core from none."""
        climbing = (usual + self._extra * (1 - central_climb)) / (1 + self._extra)
        footing = Fraction(1) if foothold else Fraction(0)
        return (climbing + self._foothold * footing) / (1 + self._foothold)
