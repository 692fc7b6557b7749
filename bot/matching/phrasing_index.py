"""The phrasing index: every way of asking that the knowledge base knows, reduced to
weighted words and encoded for one rapidfuzz batch call per question.

Each word weighs by how rare it is across answers (a name slot weighs the most). Each word
becomes one character repeated by its weight, and a phrasing is the sorted string of its
words' characters: the Indel similarity of two such strings is exactly their weighted
overlap, which is what the matcher scores.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.content.knowledge import Knowledge
from bot.content.text import fold
from bot.matching.analyzer import SLOT_KINDS, Analysis, Analyzer, Entity
from bot.matching.spelling import english_words

_MAX_WEIGHT = 4
_FIRST_SYMBOL = 0x4E00  # a large block of code points no word uses


@dataclass(frozen=True)
class Phrasing:
    text: str
    target: str  # an answer id, or a template kind such as "role.tools" or "compare"
    slots: tuple[str, ...] = ()  # kinds of the names the question must give, in order
    fixed: frozenset[Entity] = frozenset()  # names a written phrasing mentions
    fills: bool = False  # a template whose answer id is built from the names given


class PhrasingIndex:
    """Phrasings with their words, weights and encodings, and each answer's vocabulary."""

    def __init__(self, phrasings: list[Phrasing], analyzer: Analyzer, name_weight: int) -> None:
        # Phrasings are the vocabulary: they need no typo correction (template mode).
        analyses = [analyzer.analyze(p.text, template=True) for p in phrasings]
        self.weight = _word_weights(phrasings, analyses, name_weight)
        self._symbol = {w: chr(_FIRST_SYMBOL + i) for i, w in enumerate(sorted(self.weight))}
        self.phrasings: list[Phrasing] = []
        self.contents: list[tuple[str, ...]] = []
        self.symbols: list[str] = []
        self.weights: list[int] = []
        for phrasing, analysis in zip(phrasings, analyses, strict=True):
            self._add(phrasing, analysis)
        self.vocabulary = self._answer_vocabulary()
        self._written = _written_for_one(phrasings)

    def written_answer(self, question: str) -> str | None:
        """The answer a question is exactly a written phrasing of (case and punctuation
        aside), when it is written for that answer alone: the strongest evidence there is, so
        it stands whatever the scores and the matcher's other checks say. Reduced to their
        words, two answers can tie at the top score ("what is deep learning" is a phrasing of
        faq.deep_learning_vs_ml and, as "what is {skill}", of the skill's card), and a tie is
        never answered; a phrasing of one common word ("is this an ai") or of none ("yo") was
        not substantial enough. Asked as written, 10 of 918 FAQ phrasings did not get their
        own entry (six "did you mean", four nothing): the test of that, in
        tests/matching/test_matcher.py, run on the code of ad67523 lists them."""
        return self._written.get(fold(question))

    def _answer_vocabulary(self) -> dict[str, Counter[str]]:
        """Each answer's words, with the most names of each kind one phrasing holds: a
        template about one tool does not explain a question naming three."""
        vocabulary: dict[str, Counter[str]] = {}
        for phrasing, words in zip(self.phrasings, self.contents, strict=True):
            vocabulary.setdefault(phrasing.target, Counter()).__ior__(Counter(words))
        return vocabulary

    def _add(self, phrasing: Phrasing, analysis: Analysis) -> None:
        words = dedupe_words(analysis.content)
        fixed = phrasing.fixed | frozenset(analysis.entities)
        self.phrasings.append(
            Phrasing(phrasing.text, phrasing.target, phrasing.slots, fixed, phrasing.fills)
        )
        self.contents.append(words)
        self.symbols.append(self.encode(words))
        self.weights.append(sum(self.weight[w] for w in words))

    def encode(self, words: Iterable[str]) -> str:
        """Words as one sorted string, each word's symbol repeated by its weight."""
        pieces = (self._symbol[w] * self.weight[w] for w in words if w in self._symbol)
        return "".join(sorted(pieces))


def _written_for_one(phrasings: Iterable[Phrasing]) -> dict[str, str]:
    """Each written phrasing (no template's slots), folded, to its answer; a text written
    for two answers is neither's."""
    targets: dict[str, set[str]] = {}
    for phrasing in phrasings:
        if not phrasing.slots and not phrasing.fills:
            targets.setdefault(fold(phrasing.text), set()).add(phrasing.target)
    return {text: ids.pop() for text, ids in targets.items() if text and len(ids) == 1}


def dedupe_words(content: tuple[str, ...]) -> tuple[str, ...]:
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
    """Templates (one per kind, slots unfilled), hand-written extras, FAQ questions with the
    entries' titles (a button label typed back is answered)."""
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
    out += [
        Phrasing(q, f"faq.{slug}")
        for slug, entry in kb.faq.items()
        for q in (*entry.questions, entry.title)
    ]
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


def build_analyzer(kb: Knowledge, *, spelling: bool = True) -> Analyzer:
    """`spelling=False` only for benchmarks.spelling: typos corrected without the English word
    list (spelling.py)."""
    p = kb.phrasings
    names = entity_names(kb)
    # "the deployment task(s)" names the task, so "task" is no word of the question's own to
    # match (it pulled "deployment task in ai projects" to the AI-lifecycle answer). Read
    # here, not written as phrasings: "what is Deployment tasks" would be one.
    for task_id, task in kb.tasks.items():
        for suffix in ("task", "tasks"):
            names.setdefault(f"{task.name} {suffix}", Entity("task", task_id))
    return Analyzer(p.stop_words, p.synonyms, names, english_words() if spelling else ())
