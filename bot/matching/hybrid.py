"""HybridMatcher: one calibrated decision from the lexical and the embedding signals.

Each candidate answer (the best few of each signal, over the whole message and the parts of it
that ask something; evidence.py) is described by both scores, how far each leads the next
answer, whether the message named something the answer is about, and the message's length. A
logistic model turns that into the probability that the candidate is right; the best candidate
is answered above one probability, offered as "did you mean" above another (the floor that
keeps clearly unrelated entries out of the list). The weights are fitted on the train split of
the real-question set by `python -m benchmarks.hybrid_fit` and written to hybrid_weights.py.

Short messages (SHORT_WORDS or fewer) are the lexical matcher's to answer: its thresholds were
calibrated on short questions, while the logistic model learnt from long forum posts, where a
named role is more often context than subject. `python -m benchmarks.short_words` compares
the choices on the tuning sets (train split and faq_eval): with the rule off, faq_eval gets
1.9% confident answers to out-of-scope questions and 90.5% top-1; at 8 words, none and 91.7%,
for one train question fewer. The model still ranks a short message's "did you mean" list when
the lexical matcher does not answer it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from bot.matching.evidence import FEATURES, Candidate, candidates
from bot.matching.hybrid_weights import ANSWER, SUGGEST, WEIGHTS
from bot.matching.hybrid_weights import FEATURES as FITTED_FEATURES
from bot.matching.matcher import EXACT, FaqMatcher, Match, Suggestion
from bot.matching.semantic import EmbeddingMatcher

__all__ = ["Candidate", "HybridMatcher", "candidates", "probability"]

_MAX_SUGGESTIONS = 3
SHORT_WORDS = 8  # chosen on train and faq_eval among 4 to 16 (benchmarks.short_words)


def probability(features: Sequence[float], weights: Sequence[float] = WEIGHTS) -> float:
    z = weights[0] + sum(w * x for w, x in zip(weights[1:], features, strict=True))
    return 1 / (1 + math.exp(-z))


def is_short(message: str, short_words: int = SHORT_WORDS) -> bool:
    """Whether a message is the lexical matcher's to answer (see the module's docstring)."""
    return len(message.split()) <= short_words


class HybridMatcher:
    def __init__(
        self, lexical: FaqMatcher, semantic: EmbeddingMatcher, short_words: int = SHORT_WORDS
    ) -> None:
        if FITTED_FEATURES != FEATURES:  # the weights file is older than the features
            raise ValueError("hybrid_weights.py is stale: run python -m benchmarks.hybrid_fit")
        self.lexical = lexical
        self.semantic = semantic
        self.short_words = short_words  # another value only for benchmarks.short_words

    def match(self, query: str) -> Match:
        plain, whole = self.lexical.read(query)
        if plain.reason in {"empty", "unreadable"}:
            return plain
        short = is_short(query, self.short_words)
        if plain.outcome == "answer" and (short or plain.score >= EXACT):
            # A short question the words answer, or exactly a phrasing's words ("hi", a
            # button title typed back): nothing to weigh.
            return plain
        found = candidates(self.lexical, self.semantic, query, whole)
        ranked = sorted(
            ((probability(c.features), c.answer_id) for c in found),
            key=lambda item: (-item[0], item[1]),
        )
        decided = self._decide(query, ranked)
        if short and decided.outcome == "answer":  # offered, not asserted: see the docstring
            return replace(decided, outcome="did_you_mean", id=None, reason="unsure")
        return decided

    def _decide(self, query: str, ranked: list[tuple[float, str]]) -> Match:
        if not ranked:
            return Match(query, "not_answered", None, 0.0, reason="unknown")
        book = self.lexical.book
        suggestions = tuple(
            Suggestion(a, book.title(a), round(100 * p, 1))
            for p, a in ranked[:_MAX_SUGGESTIONS]
            if p >= SUGGEST
        )
        top, top_id = ranked[0]
        if top >= ANSWER:
            return Match(query, "answer", top_id, round(100 * top, 1), suggestions)
        if suggestions:
            return Match(query, "did_you_mean", None, round(100 * top, 1), suggestions, "unsure")
        return Match(query, "not_answered", None, round(100 * top, 1), reason="unknown")
