"""What a recommendation is: the ranked roles with their reasons, how sure the ranking is,
and what to do next. Plain frozen data; `Recommendation.to_dict` is the
`career-bot recommend --json` contract."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from bot.content.questions import Answer
from bot.recommend.comparison import Comparison

Stance = Literal["for", "against"]
ConfidenceLevel = Literal["high", "medium", "low"]


@dataclass(frozen=True)
class Reason:
    """One answer the person gave and how it bears on a role."""

    question: str
    stance: Stance
    text: str


@dataclass(frozen=True)
class RoleMatch:
    role: str
    name: str
    score: int  # 0-100, the match percentage a person reads
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class SwapHint:
    """The smallest single change of answer that would put the runner-up first."""

    role: str
    question: str
    before: Answer | None  # None: the question was skipped
    after: Answer
    text: str


@dataclass(frozen=True)
class Gap:
    skill: str
    name: str
    have: int
    need: int
    first_step: str


@dataclass(frozen=True)
class ToolToLearn:
    tool: str
    name: str
    task: str  # the task it is listed for, the most enjoyed one first
    # The person answered that task below neutral: the tools are still the role's, and the
    # result says so (two testers asked why a task they disliked brought tools to learn).
    unwanted: bool = False


@dataclass(frozen=True)
class EntryRoute:
    """A way in for a person at the start, with the reason an advisor would give."""

    role: str
    name: str
    reason: str


@dataclass(frozen=True)
class Adjacent:
    """A career next to the nine roles that the strongest interests point to."""

    career: str
    name: str
    faq: str  # the knowledge entry about it
    role: str  # the closest of the nine
    why: str


@dataclass(frozen=True)
class Conflict:
    """Interests point to `role`, and a skill it needs is far from where the person is."""

    role: str
    task: str | None  # the loved task that points there (None: deep-learning interest)
    skill: str
    have: int
    need: int
    step: str  # the first step of that climb


@dataclass(frozen=True)
class ConfidenceParts:
    """Why the confidence is what it is, in three parts a person can read."""

    margin: int
    answered: int
    total: int
    thin: bool  # too few answers to be sure
    flat: bool  # the interest answers are all alike
    sparse: bool  # too few answers for a match percentage to mean anything
    conflict: Conflict | None
    texts: tuple[str, ...]  # closeness, answered, interests against skills

    @property
    def low(self) -> bool:
        """Whether these parts alone make the confidence low, whatever the margin."""
        return parts_say_low(thin=self.thin, flat=self.flat, conflict=self.conflict)


def parts_say_low(*, thin: bool, flat: bool, conflict: Conflict | None) -> bool:
    """Too few answers, interests that tell no role apart, or interests and skills pulling
    apart: any one makes the confidence low (one rule for the level and its closeness line)."""
    return thin or flat or conflict is not None


@dataclass(frozen=True)
class Recommendation:
    ranking: tuple[RoleMatch, ...]
    confidence: ConfidenceLevel
    tie_breaker: str | None  # a question id; only with low or medium confidence
    margin: int  # top score minus runner-up score
    swap_hint: SwapHint | None
    gaps: tuple[Gap, ...]
    tools: tuple[ToolToLearn, ...]
    path: tuple[str, ...]
    # Added by issue 15; the defaults keep older callers and the JSON's earlier keys as they were.
    at_start: bool = False
    entry_routes: tuple[EntryRoute, ...] = ()
    first_months: tuple[str, ...] = ()
    adjacent: Adjacent | None = None
    confidence_parts: ConfidenceParts | None = None
    unknown_skills: tuple[str, ...] = ()  # skills the role needs that were not rated
    why_not: Comparison | None = None  # the suggestion against the runner-up

    @property
    def shows_percentages(self) -> bool:
        """No percentage beside a role when the interest answers tell no role apart or there
        are too few answers: a number there would look measured and would not be."""
        parts = self.confidence_parts
        return parts is None or not (parts.flat or parts.sparse)

    def to_dict(self) -> dict[str, Any]:
        """The `career-bot recommend --json` contract, as plain data."""
        return {
            "ranking": [_match_dict(match) for match in self.ranking],
            "confidence": self.confidence,
            "tie_breaker": self.tie_breaker,
            "margin": self.margin,
            "swap_hint": _swap_dict(self.swap_hint),
            "gaps": [vars(gap) for gap in self.gaps],
            "tools": [vars(tool) for tool in self.tools],
            "path": list(self.path),
            "at_start": self.at_start,
            "entry_routes": [vars(route) for route in self.entry_routes],
            "first_months": list(self.first_months),
            "adjacent": None if self.adjacent is None else vars(self.adjacent),
            "confidence_parts": _parts_dict(self.confidence_parts),
            "unknown_skills": list(self.unknown_skills),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def _match_dict(match: RoleMatch) -> dict[str, Any]:
    reasons = [vars(reason) for reason in match.reasons]
    return {"role": match.role, "name": match.name, "score": match.score, "reasons": reasons}


def _swap_dict(hint: SwapHint | None) -> dict[str, Any] | None:
    if hint is None:
        return None
    keys = {"role": hint.role, "question": hint.question, "from": hint.before, "to": hint.after}
    return {**keys, "text": hint.text}


def _parts_dict(parts: ConfidenceParts | None) -> dict[str, Any] | None:
    if parts is None:
        return None
    conflict = None if parts.conflict is None else vars(parts.conflict)
    return {**vars(parts), "texts": list(parts.texts), "conflict": conflict}
