"""The model that turns each candidate's evidence (evidence.py) into the probability that it is
the answer: the mean of two models fitted on the same train questions
(`python -m benchmarks.hybrid_fit`), which err differently.

- **Each candidate alone**: a logistic model of "is this candidate right?". It learns what a
  right answer looks like across messages (a named role is usually right in a short question).
- **The candidates together**: a conditional logit, a softmax over the message's candidates and
  "none of them" (whose score rests on how strong the best evidence is: evidence.NONE_FEATURES).
  Candidates compete, so it learns which of close readings is the one (on long forum posts a
  named role is often context, not subject), and two close readings share the probability that
  one of them is right instead of both looking sure.

Measured on train out of fold (nested), each alone against the mean, and faq_eval: the README's
"How the decision weighs the candidates" (`python -m benchmarks.hybrid_fit --model ...`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bot.matching.evidence import Candidate, none_features


@dataclass(frozen=True)
class CandidateModel:
    """Either part may be empty (a benchmark's one-model variant); the bot has both."""

    alone: Sequence[float] = ()  # the logistic model's weights, its intercept first
    together: Sequence[float] = ()  # the conditional logit's weights of a candidate's features
    none: Sequence[float] = ()  # ... and of "none of them"'s (evidence.NONE_FEATURES)

    def probabilities(self, found: Sequence[Candidate]) -> list[float]:
        """Each candidate's probability of being the answer, in the order of `found`."""
        if not found:
            return []
        readings = []
        if self.alone:
            readings.append([self._alone(c) for c in found])
        if self.together:
            readings.append(self._together(found))
        return [sum(ps) / len(ps) for ps in zip(*readings, strict=True)]

    def _alone(self, candidate: Candidate) -> float:
        z = self.alone[0] + _dot(self.alone[1:], candidate.features)
        return 1 / (1 + math.exp(-z))

    def _together(self, found: Sequence[Candidate]) -> list[float]:
        scores = [_dot(self.together, c.features) for c in found]
        none = _dot(self.none, none_features(found))
        top = max(none, *scores)  # shifted, so no exp overflows
        shares = [math.exp(s - top) for s in scores]
        total = math.exp(none - top) + sum(shares)
        return [share / total for share in shares]


def _dot(weights: Sequence[float], features: Sequence[float]) -> float:
    return sum(w * x for w, x in zip(weights, features, strict=True))
