"""FaqMatcher: free text -> one answer id, a short list to choose from, or an honest "no".

How a question is scored, in one paragraph: the analyzer reduces the question and every
phrasing to their meaningful words, with names of roles, tasks, skills and tools replaced by
slots. Each word weighs by how rare it is across answers (a name slot weighs the most), and a
phrasing's score is the weighted F-score of the words it shares with the question, recall
counting more than precision. rapidfuzz computes the shared weight for every phrasing in one
batch call: each word becomes one character repeated by its weight, phrasings are sorted
strings of those characters, and the Indel similarity of two sorted strings is exactly their
weighted overlap. The best template is then filled with the names the question gave.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import Indel

from bot.content.knowledge import Knowledge
from bot.content.schema import Matching
from bot.content.text import has_words
from bot.matching.analyzer import SLOT_KINDS, Analysis, Analyzer, Entity
from bot.matching.answers import AnswerBook

Outcome = Literal["answer", "did_you_mean", "not_answered"]

_MAX_WEIGHT = 4
_CANDIDATES = 40  # phrasings refined per question: plenty to find three distinct answers
_FIRST_SYMBOL = 0x4E00  # a large block of code points no word uses


@dataclass(frozen=True)
class Phrasing:
    text: str
    target: str  # an answer id, or a template kind such as "role.tools" or "compare"
    slots: tuple[str, ...] = ()  # kinds of the names the question must give, in order
    fixed: frozenset[Entity] = frozenset()  # names a written phrasing mentions
    fills: bool = False  # a template whose answer id is built from the names given


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


@dataclass
class _Index:
    phrasings: list[Phrasing] = field(default_factory=list)
    contents: list[tuple[str, ...]] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)
    weights: list[int] = field(default_factory=list)


class FaqMatcher:
    """Pure and deterministic: the same question always gets the same result."""

    def __init__(
        self, kb: Knowledge, extra: Iterable[Phrasing] = (), config: Matching | None = None
    ) -> None:
        self.kb = kb
        self.book = AnswerBook(kb)
        self.config: Matching = config or kb.phrasings.matching
        phrasings = [*collect_phrasings(kb), *extra]
        self.analyzer = build_analyzer(kb)
        # Phrasings are the vocabulary: they need no typo correction (template mode).
        analyses = [self.analyzer.analyze(p.text, template=True) for p in phrasings]
        self._weight = _word_weights(phrasings, analyses, self.config.name_weight)
        self._symbol = {w: chr(_FIRST_SYMBOL + i) for i, w in enumerate(sorted(self._weight))}
        self._index = self._build_index(phrasings, analyses)
        # Each answer's words, with the most names of each kind one phrasing holds: a
        # template about one tool does not explain a question naming three.
        self._vocabulary: dict[str, Counter[str]] = {}
        for phrasing, words in zip(self._index.phrasings, self._index.contents, strict=True):
            self._vocabulary.setdefault(phrasing.target, Counter()).__ior__(Counter(words))

    def _build_index(self, phrasings: list[Phrasing], analyses: list[Analysis]) -> _Index:
        index = _Index()
        for phrasing, analysis in zip(phrasings, analyses, strict=True):
            words = _dedupe_words(analysis.content)
            fixed = phrasing.fixed | frozenset(analysis.entities)
            index.phrasings.append(
                Phrasing(phrasing.text, phrasing.target, phrasing.slots, fixed, phrasing.fills)
            )
            index.contents.append(words)
            index.symbols.append(self._encode(words))
            index.weights.append(sum(self._weight[w] for w in words))
        return index

    @property
    def size(self) -> int:
        return len(self._index.phrasings)

    def match(self, query: str) -> Match:
        if not query.strip():
            return Match(query, "not_answered", None, 0.0, reason="empty")
        if not has_words(query):
            return Match(query, "not_answered", None, 0.0, reason="unreadable")
        analysis = self.analyzer.analyze(query)
        scores = self._score(analysis)
        return self._decide(query, analysis, scores)

    # scoring --------------------------------------------------------------------------

    def _score(self, analysis: Analysis) -> dict[str, float]:
        """Each answer's score: how much of its best phrasing the question covers (recall),
        and how much of the question the answer's words explain (precision)."""
        words = _dedupe_words(analysis.content)
        known = [w for w in words if w in self._weight]
        if not known:
            return {}
        asked = _Asked(known, len(words) - len(known), sum(self._weight[w] for w in known))
        recall: dict[str, float] = {}
        targets: dict[str, str] = {}
        for i, similarity in self._nearest(known):
            phrasing = self._index.phrasings[i]
            answer_id = self._resolve(phrasing, analysis.entities)
            if answer_id is None:
                continue
            shared = similarity * (asked.weight + self._index.weights[i]) / 2
            covered = shared / self._index.weights[i] if self._index.weights[i] else 0.0
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
            self._encode(known),
            self._index.symbols,
            scorer=Indel.normalized_similarity,
            limit=_CANDIDATES,
            score_cutoff=0.05,
        )
        return [(i, similarity) for _, similarity, i in hits]

    def _precision(self, asked: _Asked, target: str, answer_id: str) -> float:
        """The share of the question that the answer's own words explain."""
        vocabulary = self._vocabulary[target] | self._vocabulary.get(answer_id, Counter())
        explained = sum(
            self._weight[w] * min(count, vocabulary[w]) for w, count in Counter(asked.known).items()
        )
        return explained / (asked.weight + asked.unknown * self.config.unknown_word_weight)

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

    @staticmethod
    def _resolve(phrasing: Phrasing, entities: tuple[Entity, ...]) -> str | None:
        """The answer id of a phrasing, with a template's slots filled from the question."""
        given = Counter(e.kind for e in entities)
        if any(given[kind] < need for kind, need in Counter(phrasing.slots).items()):
            return None
        if not phrasing.fills:
            return phrasing.target
        if phrasing.target == "compare":
            roles = sorted(dict.fromkeys(e.id for e in entities if e.kind == "role"))
            return f"compare.{roles[0]}.{roles[1]}" if len(roles) >= 2 else None
        found = next(e.id for e in entities if e.kind == phrasing.slots[0])
        prefix, _, facet = phrasing.target.partition(".")
        return f"{prefix}.{found}" + (f".{facet}" if facet else "")

    # deciding -------------------------------------------------------------------------

    def _decide(self, query: str, analysis: Analysis, scores: Mapping[str, float]) -> Match:
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        if not ranked:
            return Match(query, "not_answered", None, 0.0, reason="unknown")
        top_id, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        suggestions = tuple(
            Suggestion(answer_id, self.book.title(answer_id), round(score, 1))
            for answer_id, score in ranked[: self.config.max_suggestions]
            if score >= self.config.suggest_score
        )
        confident = top >= self.config.answer_score and top - second >= self.config.answer_margin
        if confident and self._substantial(analysis):
            return Match(query, "answer", top_id, round(top, 1), suggestions)
        if suggestions:
            return Match(query, "did_you_mean", None, round(top, 1), suggestions, "unsure")
        return Match(query, "not_answered", None, round(top, 1), reason="unknown")

    def _substantial(self, analysis: Analysis) -> bool:
        """Enough meaning to answer: a name, or known words of enough weight."""
        if analysis.entities:
            return True
        known = sum(self._weight.get(w, 0) for w in _dedupe_words(analysis.content))
        return known >= self.config.min_known_weight

    def _encode(self, words: Iterable[str]) -> str:
        pieces = (self._symbol[w] * self._weight[w] for w in words if w in self._symbol)
        return "".join(sorted(pieces))


def _dedupe_words(content: tuple[str, ...]) -> tuple[str, ...]:
    """Each word once, but every slot kept: "ds vs da" needs both of its role slots."""
    seen: set[str] = set()
    out: list[str] = []
    for word in content:
        if word in SLOT_KINDS or word not in seen:
            out.append(word)
            seen.add(word)
    return tuple(out)


def _word_weights(
    phrasings: list[Phrasing], analyses: list[Analysis], name_weight: int
) -> dict[str, int]:
    """Rare words weigh more: log2 of answers over the answers that use the word, 1..4."""
    users: dict[str, set[str]] = {}
    for phrasing, analysis in zip(phrasings, analyses, strict=True):
        for word in set(analysis.content):
            users.setdefault(word, set()).add(phrasing.target)
    total = len({p.target for p in phrasings})
    weights = {
        w: max(1, min(_MAX_WEIGHT, round(math.log2(total / len(t))))) for w, t in users.items()
    }
    weights.update(dict.fromkeys(SLOT_KINDS, name_weight))
    return weights


def collect_phrasings(kb: Knowledge) -> list[Phrasing]:
    """Templates (one per kind, slots unfilled), hand-written extras and FAQ questions."""
    out = [
        Phrasing(template, kind, _template_slots(template), fills=True)
        for kind, templates in kb.phrasings.templates.items()
        for template in templates
    ]
    out += [
        Phrasing(q, answer_id, _template_slots(q))
        for answer_id, qs in kb.phrasings.extra.items()
        for q in qs
    ]
    out += [Phrasing(q, f"faq.{slug}") for slug, entry in kb.faq.items() for q in entry.questions]
    out += [
        Phrasing(text, f"task.{task_id}")
        for task_id, task in kb.tasks.items()
        for text in (*task.subtasks, *_sentences(task.description))
    ]
    return out


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in text.replace("\n", " ").split(". ") if s.strip()]


def _template_slots(template: str) -> tuple[str, ...]:
    slots = []
    for kind in ("role", "other", "task", "skill", "tool"):
        if "{" + kind + "}" in template:
            slots.append("role" if kind == "other" else kind)
    return tuple(slots)


def entity_names(kb: Knowledge) -> dict[str, Entity]:
    """Every name people use for a role, task, skill or tool; roles first, so a role's
    name wins over a skill that shares words with it."""
    names: dict[str, Entity] = {}
    groups = [("role", rid, [r.name, *r.aliases]) for rid, r in kb.roles.items()]
    groups += [("task", tid, [t.name]) for tid, t in kb.tasks.items()]
    groups += [("skill", sid, [s.name]) for sid, s in kb.skills.items()]
    groups += [("tool", tid, [t.name, tid.replace("_", " ")]) for tid, t in kb.tools.items()]
    extra = kb.phrasings.entities
    for kind in ("role", "task", "skill", "tool"):
        groups += [(kind, eid, list(ns)) for eid, ns in getattr(extra, kind).items()]
    for kind, entity_id, aliases in groups:
        for alias in aliases:
            names.setdefault(alias, Entity(kind, entity_id))
    return names


def build_analyzer(kb: Knowledge) -> Analyzer:
    p = kb.phrasings
    return Analyzer(p.stop_words, p.synonyms, entity_names(kb))
