"""What a recommendation is: the ranked roles with their reasons, how sure the ranking is,
and what to do next. Plain frozen data; `Recommendation.to_dict` is the
`career-bot recommend --json` contract."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from bot.content.questions import Answer

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
