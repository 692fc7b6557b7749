"""HybridMatcher: one calibrated decision from the lexical and the embedding signals.

Each candidate answer (the lexical matcher's and the embedding matcher's best few) is
described by both scores, how far each leads the next answer, and whether the question named
something the answer is about. A logistic model turns that into the probability that the
candidate is right; the best candidate is answered above one probability, offered as "did you
mean" above another. The weights are fitted on the train split of the real-question set by
`python -m benchmarks.hybrid_fit` and written to hybrid_weights.py.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.matching.hybrid_weights import ANSWER, FEATURES, SUGGEST, WEIGHTS
from bot.matching.matcher import FaqMatcher, Match, Suggestion
from bot.matching.semantic import EmbeddingMatcher

_PER_SIGNAL = 3  # candidates taken from each signal


@dataclass(frozen=True)
class Candidate:
    answer_id: str
    features: tuple[float, ...]


def _margin(scores: Mapping[str, float], answer_id: str) -> float:
    others = [s for a, s in scores.items() if a != answer_id]
    return scores.get(answer_id, 0.0) - max(others, default=0.0)


def _top(scores: Mapping[str, float]) -> list[str]:
    return sorted(scores, key=lambda a: (-scores[a], a))[:_PER_SIGNAL]


def candidates(lexical: FaqMatcher, semantic: EmbeddingMatcher, query: str) -> list[Candidate]:
    """The features of every candidate, in the order of FEATURES."""
    analysis, lex = lexical.scores(query)
    lex = {a: s / 100 for a, s in lex.items()}
    emb = semantic.scores(query)
    named = {e.id for e in analysis.entities}
    found = []
    for answer_id in dict.fromkeys([*_top(lex), *_top(emb)]):
        name = float(any(part in named for part in answer_id.split(".")))
        found.append(
            Candidate(
                answer_id,
                (
                    lex.get(answer_id, 0.0),
                    emb.get(answer_id, 0.0),
                    _margin(lex, answer_id),
                    _margin(emb, answer_id),
                    name,
                ),
            )
        )
    return found


def probability(features: Sequence[float], weights: Sequence[float] = WEIGHTS) -> float:
    z = weights[0] + sum(w * x for w, x in zip(weights[1:], features, strict=True))
    return 1 / (1 + math.exp(-z))


class HybridMatcher:
    def __init__(self, lexical: FaqMatcher, semantic: EmbeddingMatcher) -> None:
        self.lexical = lexical
        self.semantic = semantic
        assert len(FEATURES) + 1 == len(WEIGHTS)

    def match(self, query: str) -> Match:
        plain = self.lexical.match(query)
        if plain.reason in {"empty", "unreadable"}:
            return plain
        ranked = sorted(
            ((probability(c.features), c.answer_id) for c in candidates(*self._both, query)),
            key=lambda item: (-item[0], item[1]),
        )
        return self._decide(query, ranked)

    @property
    def _both(self) -> tuple[FaqMatcher, EmbeddingMatcher]:
        return self.lexical, self.semantic

    def _decide(self, query: str, ranked: list[tuple[float, str]]) -> Match:
        if not ranked:
            return Match(query, "not_answered", None, 0.0, reason="unknown")
        book = self.lexical.book
        suggestions = tuple(
            Suggestion(a, book.title(a), round(100 * p, 1)) for p, a in ranked[:3] if p >= SUGGEST
        )
        top, top_id = ranked[0]
        if top >= ANSWER:
            return Match(query, "answer", top_id, round(100 * top, 1), suggestions)
        if suggestions:
            return Match(query, "did_you_mean", None, round(100 * top, 1), suggestions, "unsure")
        return Match(query, "not_answered", None, round(100 * top, 1), reason="unknown")
