"""HybridMatcher: one calibrated decision from the lexical and the embedding signals.

Each candidate answer (the best few of each signal, over the whole message and the parts of it
that ask something; evidence.py) is described by every score (words, nearest phrasing, the
answer head of head.py), how far each leads the next answer, whether the message named
something the answer is about, and the message's length. A logistic model turns that into the
probability that the candidate is right; the best candidate is answered above one probability,
offered as "did you mean" above another (the floor that keeps clearly unrelated entries out of
the list). The weights are fitted on the train split of the real-question set by
`python -m benchmarks.hybrid_fit` and written to hybrid_weights.py.

A longer message that the lexical matcher answers is answered too when the model's best
candidate is that same answer, whatever its probability: two readings that err differently
agree. Measured on the tuning sets by `python -m benchmarks.suggestions` (train with the
answer head out of fold):
faq_eval top-1 86.5% -> 90.5%, train top-1 22.7% -> 25.2%, confident wrong unchanged on both
(2026-12-03, after the second collection of real questions).

Short messages (SHORT_WORDS or fewer) are the lexical matcher's to answer: its thresholds were
calibrated on short questions, while the logistic model learnt from long forum posts, where a
named role is more often context than subject. `python -m benchmarks.short_words` compares
the choices on the tuning sets (train split and faq_eval): with the rule off, faq_eval gets
three confident answers to its 53 out-of-scope questions; at 8 words none, for 0.8 points of
top-1 (91.3% -> 90.5%), and on train the same confident wrong answers (6 of 160), for two
train questions' top-1 (2026-12-03, after the second collection of real questions). The
figures change with every refit: benchmarks/results/short_words.json has the latest. The
model still ranks a short message's "did you mean" list when the lexical matcher does not
answer it.

Measured and not kept: letting the model answer a short message the words do not answer when
it is all but sure (`short_answer`, 0.97; testers' "is 41 too old to switch to ml" got "did
you mean" its answer at 98%). On faq_eval it answered two more right at no cost
(`python -m benchmarks.short_words`, 2026-12-07), but 388 near-domain short messages a
reviewer wrote (their scripts; six are in tests/matching/test_hybrid.py) got 18 confident
wrong answers from one topic word ("investment portfolio for
beginners", "network engineer salary", "jupyter kernel died"), where "did you mean" had been a
safe place to fail.

A short message the words answer keeps their answer unless the model's best candidate is
another entry that it holds more likely right than not (OVERRULE: 0.5, where "more likely than
not" begins, not a searched value). Then the model decides: it answers above ANSWER and offers
its list otherwise. On the tuning sets every short answer so overruled was wrong ("portfolio
ideas for data science" got the data science skill card, "do i need math for ml" the
mathematics card); the model's candidates at 0.25 to 0.41 would have overruled right ones
("swe to ml transition"). `python -m benchmarks.short_words`: faq_eval top-1 90.5% -> 90.9%,
first suggestion 95.2% -> 96.4%, train unchanged (2026-12-05).

"Did you mean" never offers a clearly unrelated entry (issue 14 point 3): at most
`max_suggestions` (three, as the lexical matcher) candidates above the fitted floor SUGGEST
(never under 0.1: benchmarks.hybrid_fit LOWEST_FLOOR) that the lexical matcher would offer
too (an entry about the bot needs a message mostly in its own words: `bot_entry_own_words`),
and none for a message half or more of whose subject words the knowledge base never uses
(`max_unknown_share`, FaqMatcher.unknown_share): "what is a vector database" shares only
"database" with us, and any entry offered would rest on that one word. Measured by
`python -m benchmarks.suggestions` on the tuning sets: messages nothing answers that get a
list, train 32.5% -> 27.5%, faq_eval 35.8% -> 22.6% (with the floor at 0.04: 41.9% and
26.4%); four covered train questions of 365 lose their first suggestion to the rules (the
unknown-words rule on long messages), none of faq_eval's. Rejected: a relative floor (an
entry kept only at a share of the first one's probability) shortens lists but leaves no
message without one, and loses right answers from them. Latest figures:
benchmarks/results/suggestions.json.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from bot.content.text import without_links
from bot.matching.analyzer import Analysis
from bot.matching.evidence import FEATURES, Candidate, candidates
from bot.matching.hybrid_weights import ANSWER, SUGGEST, WEIGHTS
from bot.matching.hybrid_weights import FEATURES as FITTED_FEATURES
from bot.matching.matcher import EXACT, FaqMatcher, Match, Suggestion, has_letters
from bot.matching.semantic import EmbeddingMatcher

__all__ = ["Candidate", "HybridMatcher", "candidates", "probability"]

SHORT_WORDS = 8  # chosen on train and faq_eval among 4 to 16 (benchmarks.short_words)
# The model overrules the words' answer to a short message when its own best entry is another
# one and more likely right than not (see the module's docstring).
OVERRULE = 0.5


def probability(features: Sequence[float], weights: Sequence[float] = WEIGHTS) -> float:
    z = weights[0] + sum(w * x for w, x in zip(weights[1:], features, strict=True))
    return 1 / (1 + math.exp(-z))


def is_short(message: str, short_words: int = SHORT_WORDS) -> bool:
    """Whether a message is the lexical matcher's to answer (see the module's docstring).
    Words are what has a letter or a digit: "DS vs MLE - which one has more coding?" is eight
    words, not nine (the dash made it long, and the model's list replaced the words' answer)."""
    return sum(1 for w in message.split() if any(c.isalnum() for c in w)) <= short_words


class HybridMatcher:
    def __init__(
        self,
        lexical: FaqMatcher,
        semantic: EmbeddingMatcher,
        *,
        short_words: int = SHORT_WORDS,
        unknown_gets_no_list: bool = True,
        agreement: bool = True,
        suggest: float = SUGGEST,
        overrule: bool = True,
        short_answer: float = math.inf,
    ) -> None:
        if FITTED_FEATURES != FEATURES:  # the weights file is older than the features
            raise ValueError("hybrid_weights.py is stale: run python -m benchmarks.hybrid_fit")
        self.lexical = lexical
        self.semantic = semantic
        self.short_words = short_words  # another value only for benchmarks.short_words
        self.unknown_gets_no_list = unknown_gets_no_list  # False only for benchmarks.suggestions
        self.agreement = agreement  # False only for benchmarks.suggestions
        self.suggest = suggest  # another floor only for benchmarks.suggestions
        self.overrule = overrule  # False only for benchmarks.short_words
        self.short_answer = short_answer  # finite only for benchmarks.short_words (not kept)

    def match(self, query: str) -> Match:
        plain, whole = self.lexical.read(query)
        text = without_links(query)  # what both signals read (the lexical one strips it too)
        if plain.reason in {"empty", "unreadable"} or not has_letters(text):
            return plain
        short = is_short(text, self.short_words)
        if plain.outcome == "answer" and plain.score >= EXACT:
            return plain  # exactly a phrasing's words ("hi", a button title typed back)
        found = candidates(self.lexical, self.semantic, text, whole)
        ranked = sorted(
            ((probability(c.features), c.answer_id) for c in found),
            key=lambda item: (-item[0], item[1]),
        )
        if plain.outcome == "answer" and short:
            return self._short_answer(query, text, plain, ranked)
        agreed = plain.outcome == "answer" and bool(ranked) and ranked[0][1] == plain.id
        if agreed and self.agreement:
            return plain  # both signals name the same answer: see the module's docstring
        # A short message the words do not answer is offered, never asserted: see the docstring.
        return self._decide(query, text, ranked, answer_at=self.short_answer if short else ANSWER)

    def _short_answer(
        self, query: str, text: str, plain: Match, ranked: list[tuple[float, str]]
    ) -> Match:
        """A short question the words answer keeps their answer, unless the model, more sure
        than not, names another entry: then the model decides (see the module's docstring)."""
        if not self.overrule or not ranked:
            return plain
        top, top_id = ranked[0]
        if top_id == plain.id or top < OVERRULE:
            return plain
        return self._decide(query, text, ranked, answer_at=ANSWER)

    def _decide(
        self, query: str, text: str, ranked: list[tuple[float, str]], *, answer_at: float
    ) -> Match:
        if not ranked:
            return Match(query, "not_answered", None, 0.0, reason="unknown")
        book = self.lexical.book
        analysis = self.lexical.analyzer.analyze(text)
        suggestions = tuple(
            Suggestion(a, book.title(a), round(100 * p, 1))
            for p, a in self._offered(analysis, ranked)
        )
        top, top_id = ranked[0]
        # The lexical matcher does not assert an entry about the bot that its list would not
        # offer; the hybrid's fitted answers are left as they are: the same rule here lost a
        # faq_eval question ("is this info from workera or did you make it up") and no train
        # question (`python -m benchmarks.matchers`).
        if top >= answer_at:
            return Match(query, "answer", top_id, round(100 * top, 1), suggestions)
        if suggestions:
            return Match(query, "did_you_mean", None, round(100 * top, 1), suggestions, "unsure")
        return Match(query, "not_answered", None, round(100 * top, 1), reason="unknown")

    def _offered(
        self, analysis: Analysis, ranked: list[tuple[float, str]]
    ) -> list[tuple[float, str]]:
        """What "did you mean" offers, best first: candidates above the fitted floor that the
        lexical matcher would offer too, and nothing at all for a message about something the
        knowledge base does not know (see the module's docstring)."""
        unknown = self.lexical.unknown_share(analysis, subject=True)
        if self.unknown_gets_no_list and unknown >= self.lexical.config.max_unknown_share:
            return []
        offered = [(p, a) for p, a in ranked if p >= self.suggest]
        return [(p, a) for p, a in offered if self.lexical.offerable(analysis, a)][
            : self.lexical.config.max_suggestions
        ]
