"""FaqMatcher: free text -> one answer id, a short list to choose from, or an honest "no".

How a question is scored, in one paragraph: the analyzer reduces the question and every
phrasing to their meaningful words, with names of roles, tasks, skills and tools replaced by
slots. Each word weighs by how rare it is across answers (a name slot weighs the most), and a
phrasing's score is the weighted F-score of the words it shares with the question, recall
counting more than precision. rapidfuzz computes the shared weight for every phrasing in one
batch call over the phrasing index (phrasing_index.py says how words become characters). The
best template is then filled with the names the question gave.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import Indel

from bot.content.knowledge import Knowledge
from bot.content.schema import Matching
from bot.content.text import has_words, without_links
from bot.matching.analyzer import SLOT_KINDS, Analysis, Entity
from bot.matching.answers import AnswerBook
from bot.matching.phrasing_index import (
    Phrasing,
    PhrasingIndex,
    build_analyzer,
    collect_phrasings,
    dedupe_words,
    entity_names,
)

# The phrasing index's names stay importable from here, where they lived before the split.
__all__ = [
    "EXACT",
    "FaqMatcher",
    "Match",
    "Outcome",
    "Phrasing",
    "Suggestion",
    "build_analyzer",
    "collect_phrasings",
    "entity_names",
]

Outcome = Literal["answer", "did_you_mean", "not_answered"]

_CANDIDATES = 40  # phrasings refined per question: plenty to find three distinct answers
# A question made of exactly a phrasing's words, and no others, is that phrasing, however
# short: "Hi!" or the button label "What AI roles are there?" typed back.
EXACT = 100.0
_RARE = 4  # the weight of a word only a few answers use
_COMMON = 1  # the weight of a word a third or more of the answers use


@dataclass(frozen=True)
class Suggestion:
    id: str
    title: str
    score: float


@dataclass(frozen=True)
class Match:
    query: str
    outcome: Outcome
    id: str | None
    score: float
    suggestions: tuple[Suggestion, ...] = ()
    reason: Literal["ok", "empty", "unreadable", "unsure", "unknown"] = "ok"


@dataclass(frozen=True)
class _Asked:
    known: list[str]  # the question's words that the knowledge base uses
    unknown: int  # how many words it does not
    weight: int  # the weight of the known words


def has_letters(query: str) -> bool:
    """Whether a message can name a topic: "3", "#3" or "3." in a group, or with no button to
    press, cannot (though "level 2" and "2 offers" put digits in some phrasings)."""
    return any(ch.isalpha() for ch in query)


class FaqMatcher:
    """Pure and deterministic: the same question always gets the same result."""

    def __init__(
        self, kb: Knowledge, extra: Iterable[Phrasing] = (), config: Matching | None = None
    ) -> None:
        self.kb = kb
        self.book = AnswerBook(kb)
        self.config: Matching = config or kb.phrasings.matching
        self.analyzer = build_analyzer(kb)
        self.index = PhrasingIndex(
            [*collect_phrasings(kb), *extra], self.analyzer, self.config.name_weight
        )
        self._vocabularies: dict[tuple[str, str], Counter[str]] = {}
        self.about_the_bot = frozenset(
            f"faq.{slug}" for slug, entry in kb.faq.items() if entry.take == "bot"
        )

    @property
    def size(self) -> int:
        return len(self.index.phrasings)

    def match(self, query: str) -> Match:
        return self.read(query)[0]

    def read(self, query: str) -> tuple[Match, dict[str, float]]:
        """The decision and every candidate answer's score behind it (the hybrid matcher
        weighs those scores too, so a message is scored once)."""
        if not query.strip():
            return Match(query, "not_answered", None, 0.0, reason="empty"), {}
        if not has_words(query):
            return Match(query, "not_answered", None, 0.0, reason="unreadable"), {}
        text = without_links(query)  # a message that is only an address asks nothing we know
        if not has_letters(text):
            return Match(query, "not_answered", None, 0.0, reason="unknown"), {}
        analysis = self.analyzer.analyze(text)
        match = self._decide(query, analysis, scores := self._score(analysis))
        written = self.index.written_answer(text)  # exactly a phrasing of one answer's
        if written is not None and match.id != written:
            match = replace(match, outcome="answer", id=written, score=EXACT, reason="ok")
        return match, scores

    def scores(self, query: str) -> tuple[Analysis, dict[str, float]]:
        """The analysis and every candidate answer's score, before any decision (the hybrid
        matcher weighs these with the embedding signal)."""
        text = without_links(query)
        analysis = self.analyzer.analyze(text)
        return analysis, self._score(analysis) if has_words(text) else {}

    # scoring --------------------------------------------------------------------------

    def _score(self, analysis: Analysis) -> dict[str, float]:
        """Each answer's score: how much of its best phrasing the question covers (recall),
        and how much of the question the answer's words explain (precision)."""
        words = dedupe_words(analysis.content)
        known = [w for w in words if w in self.index.weight]
        if not known:
            return {}
        asked = _Asked(known, len(words) - len(known), sum(self.index.weight[w] for w in known))
        recall: dict[str, float] = {}
        targets: dict[str, str] = {}
        for i, similarity in self._nearest(known):
            phrasing = self.index.phrasings[i]
            answer_id = _resolve(phrasing, analysis.entities)
            if answer_id is None:
                continue
            shared = similarity * (asked.weight + self.index.weights[i]) / 2
            covered = shared / self.index.weights[i] if self.index.weights[i] else 0.0
            covered *= self._mismatch_factor(phrasing, analysis.entities)
            if covered > recall.get(answer_id, -1.0):
                recall[answer_id], targets[answer_id] = covered, phrasing.target
        return {
            answer_id: self._f_score(self._precision(asked, targets[answer_id], answer_id), r)
            for answer_id, r in recall.items()
        }

    def _nearest(self, known: list[str]) -> list[tuple[int, float]]:
        """The phrasings sharing the most weighted words with the question, in one batch."""
        hits = process.extract(
            self.index.encode(known),
            self.index.symbols,
            scorer=Indel.normalized_similarity,
            limit=_CANDIDATES,
            score_cutoff=0.05,
        )
        return [(i, similarity) for _, similarity, i in hits]

    def _precision(self, asked: _Asked, target: str, answer_id: str) -> float:
        """The share of the question that the answer's own words explain."""
        vocabulary = self._vocabulary(target, answer_id)
        weight = self.index.weight
        explained = sum(
            weight[w] * min(count, vocabulary[w]) for w, count in Counter(asked.known).items()
        )
        return explained / (asked.weight + asked.unknown * self.config.unknown_word_weight)

    def _vocabulary(self, target: str, answer_id: str) -> Counter[str]:
        """The words of a phrasing's target and of the answer it resolved to, merged once per
        pair instead of for every candidate of every question (a merge is a new Counter)."""
        key = (target, answer_id)
        merged = self._vocabularies.get(key)
        if merged is None:
            by_answer = self.index.vocabulary
            merged = by_answer[target] | by_answer.get(answer_id, Counter())
            self._vocabularies[key] = merged  # a race only merges the same words twice
        return merged

    def _f_score(self, precision: float, recall: float) -> float:
        if precision <= 0 or recall <= 0:
            return 0.0
        beta2 = self.config.recall_weight**2
        return 100 * (1 + beta2) * precision * recall / (beta2 * precision + recall)

    def _mismatch_factor(self, phrasing: Phrasing, entities: tuple[Entity, ...]) -> float:
        """A phrasing about machine learning fits a question about data science less well."""
        for kind in {e.kind for e in phrasing.fixed}:
            if any(e.kind == kind and e not in phrasing.fixed for e in entities):
                return self.config.entity_mismatch_factor
        return 1.0

    # deciding -------------------------------------------------------------------------

    def _decide(self, query: str, analysis: Analysis, scores: Mapping[str, float]) -> Match:
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        if not ranked:
            return Match(query, "not_answered", None, 0.0, reason="unknown")
        top_id, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        offered = [
            (answer_id, score)
            for answer_id, score in ranked
            if score >= self.config.suggest_score and self.offerable(analysis, answer_id)
        ]
        suggestions = tuple(
            Suggestion(answer_id, self.book.title(answer_id), round(score, 1))
            for answer_id, score in offered[: self.config.max_suggestions]
        )
        confident = top >= self.config.answer_score and top - second >= self.config.answer_margin
        # An entry the list would not offer is not asserted either ("What worked for you for
        # job search?" is no question about the bot).
        confident = confident and self._mostly_known(analysis) and self.offerable(analysis, top_id)
        if confident and self._substantial(analysis, exact=top >= EXACT):
            return Match(query, "answer", top_id, round(top, 1), suggestions)
        if suggestions:
            return Match(query, "did_you_mean", None, round(top, 1), suggestions, "unsure")
        return Match(query, "not_answered", None, round(top, 1), reason="unknown")

    def offerable(self, analysis: Analysis, answer_id: str) -> bool:
        """Whether "did you mean" may offer this answer: any, except that an entry about the
        bot itself (the greeting, thanks, "who are you") needs a message mostly in its own
        words: "hey, should i become a doctor or a lawyer?" is no greeting."""
        if answer_id not in self.about_the_bot:
            return True
        # A name's slot is not the bot's word ("R?" is about a tool, though one of the bot's
        # phrasings, "are you chatgpt", names one), and the shared words must hold one that is
        # not among the commonest ("what" alone is no question about the bot).
        words = [w for w in dedupe_words(analysis.content) if w not in SLOT_KINDS]
        own = self.index.vocabulary.get(answer_id, Counter[str]())
        shared = [w for w in words if w in own]
        telling = any(self.index.weight.get(w, 0) != _COMMON for w in shared)
        return telling and len(shared) >= self.config.bot_entry_own_words * len(words)

    def _mostly_known(self, analysis: Analysis) -> bool:
        """Whether the knowledge base uses most of the question's words: a question that names
        a role is still not ours to answer when half of what it says ("joke") is unknown."""
        return self.unknown_share(analysis) < self.config.max_unknown_share

    def unknown_share(self, analysis: Analysis, *, subject: bool = False) -> float:
        """The share of the question's meaningful words that the knowledge base never uses.
        With `subject`, only of the words that say what it is about: the commonest words
        (weight 1: "what", "how", "should", "ai", "job"; each in a third or more of the
        answers) are left out, so "what is a vector database" is half unknown."""
        words = list(dedupe_words(analysis.content))
        if subject:  # a name is always part of the subject, whatever name_weight says
            words = [w for w in words if w in SLOT_KINDS or self.index.weight.get(w) != _COMMON]
        weights = [self.index.weight.get(w, 0) for w in words]
        return weights.count(0) / len(weights) if weights else 0.0

    def _substantial(self, analysis: Analysis, *, exact: bool) -> bool:
        """Enough meaning to answer: a name, known words of enough weight, or exactly the
        words of a phrasing, if more than one word or a rare one ("hi", not "ai")."""
        if analysis.entities:
            return True
        words = dedupe_words(analysis.content)
        weights = [self.index.weight.get(w, 0) for w in words]
        if exact and (len(words) > 1 or max(weights, default=0) >= _RARE):
            return True
        return sum(weights) >= self.config.min_known_weight


def _resolve(phrasing: Phrasing, entities: tuple[Entity, ...]) -> str | None:
    """The answer id of a phrasing, with a template's slots filled from the question."""
    given = Counter(e.kind for e in entities)
    if any(given[kind] < need for kind, need in Counter(phrasing.slots).items()):
        return None
    if not phrasing.fills:
        return phrasing.target
    if phrasing.target == "compare":
        return _comparison(entities)
    found = next(e.id for e in entities if e.kind == phrasing.slots[0])
    prefix, _, facet = phrasing.target.partition(".")
    return f"{prefix}.{found}" + (f".{facet}" if facet else "")


def _comparison(entities: tuple[Entity, ...]) -> str | None:
    """The comparison of the two roles named. Two names of one role ("business analyst vs data
    analyst": a title the role card lists) compare the role with itself: its card says it is
    the same job."""
    roles = sorted(dict.fromkeys(e.id for e in entities if e.kind == "role"))
    if not roles:
        return None
    return f"compare.{roles[0]}.{roles[1]}" if len(roles) >= 2 else f"role.{roles[0]}"
