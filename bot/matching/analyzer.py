"""Turn a question into the words that matter: typos fixed, synonyms and abbreviations
rewritten, names of roles, tasks, skills and tools recognised and replaced by slots.

"what does an MLE do" and "waht does a machine lerning enginer do" both become the content
`(xrole,)` with the entity `role:machine_learning_engineer`, so one template per question
kind serves every role and a role's name can never be confused with another's by a few
letters of fuzzy similarity.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.content.text import fold

SLOT_TOKENS = {"role": "xrole", "other": "xrole", "task": "xtask", "skill": "xskill"}
SLOT_TOKENS["tool"] = "xtool"
SLOT_KINDS = {token: kind for kind, token in SLOT_TOKENS.items() if kind != "other"}

# Only words at least this long are corrected: a one-letter slip in a three-letter word
# is a different word more often than a typo. Up to 7 letters one edit is a typo ("machne"),
# from 8 letters two ("infrastucure"); more would turn "chef" into "check".
_MIN_TYPO_LENGTH = 4
_LONG_WORD = 8
_CACHE_LIMIT = 20_000
_MAX_PHRASE = 6


@dataclass(frozen=True, order=True)
class Entity:
    kind: str  # role | task | skill | tool
    id: str


@dataclass(frozen=True)
class Analysis:
    content: tuple[str, ...]  # meaningful words, names replaced by slot tokens
    entities: tuple[Entity, ...]  # the names found, in order of appearance


Phrases = Mapping[tuple[str, ...], tuple[str, ...]]


class Analyzer:
    """Stateless apart from a bounded cache of typo corrections."""

    def __init__(
        self,
        stop_words: Iterable[str],
        synonyms: Mapping[str, str],
        names: Mapping[str, Entity],
        spelt: Collection[str] = frozenset(),
    ) -> None:
        """`spelt`: words spelt right that are never corrected (spelling.py says why)."""
        self._stop = frozenset(fold(w) for w in stop_words)
        self._synonyms: Phrases = {
            tuple(fold(k).split()): tuple(fold(v).split()) for k, v in synonyms.items()
        }
        self._synonym_starts = frozenset(phrase[0] for phrase in self._synonyms)
        self._names: dict[tuple[str, ...], Entity] = {}
        for name, entity in names.items():  # the first owner of a name keeps it
            self._names.setdefault(tuple(self._rewrite(fold(name).split())), entity)
        words = {w for phrase in self._names for w in phrase}
        words |= {w for pair in self._synonyms.items() for side in pair for w in side}
        words |= self._stop
        # First words of every name and synonym: most words start neither, and skip the
        # longest-phrase search entirely (it dominates building an index of 10,000).
        self._name_starts = frozenset(phrase[0] for phrase in self._names)
        self._known = set(words)
        # "task" is no typo when the phrasings say "tasks", nor "programmers" when a name is
        # "programmer": a word is read as the knowledge base's singular or plural of it.
        self._forms: dict[str, str] = {}
        self._learn_forms(words)
        self._vocabulary: list[str] | None = None  # sorted on first use, after learning
        self._corrections: dict[str, str] = {}
        self._spelt = spelt
        # Two words the phrasings write side by side ("data science", "ai engineer"): what a
        # word run together may be split into.
        self._pairs: set[tuple[str, str]] = set()

    def analyze(self, text: str, *, template: bool = False) -> Analysis:
        """Questions get typos corrected; templates and phrasings are taken as written, and
        their words become the vocabulary that corrections aim at."""
        words = fold(text, keep_slots=template).split()
        if template:
            self._learn(words)
            self._pairs.update(itertools.pairwise(words))
        else:  # a correction may be two words: "mlengineer" -> "ml engineer"
            words = [part for w in words for part in self.correct(w).split()]
        tokens, entities = self._find_names(self._rewrite(words))
        content = tuple(stem(t) for t in tokens if t not in self._stop)
        return Analysis(content, tuple(entities))

    def _learn(self, words: Iterable[str]) -> None:
        new = [w for w in words if w not in self._known and not w.startswith("{")]
        if new:
            self._known.update(new)
            self._learn_forms(new)
            self._vocabulary = None
            self._corrections.clear()

    def _learn_forms(self, words: Iterable[str]) -> None:
        for word in words:
            key = singular(word)
            current = self._forms.setdefault(key, word)
            if (len(word), word) < (len(current), current):  # the same form whatever the order
                self._forms[key] = word

    def correct(self, word: str) -> str:
        """A folded word as the matcher reads it: itself when known, the knowledge base's
        singular or plural of it, itself when spelt right (`spelt`), else two known words run
        together ("mlengineer" -> "ml engineer"), else the nearest known word within the typo
        distance, else itself."""
        if word in self._known:
            return word
        form = self._forms.get(singular(word))
        if form is not None:
            return form
        if word in self._spelt:
            return word
        if len(word) < _MIN_TYPO_LENGTH or not word.isalpha():
            return word
        cached = self._corrections.get(word)
        if cached is None:
            cached = self._glued(word) or self._nearest(word)
            if len(self._corrections) >= _CACHE_LIMIT:
                self._corrections.clear()
            self._corrections[word] = cached
        return cached

    def _glued(self, word: str) -> str | None:
        """The two words of `word` when exactly one split of it is two words the phrasings
        write side by side ("datascience", "aiengineer") or a name ("mlengineer"). Tried
        before typo distance, which read "mlengineer" as "engineer" (two deletions) and lost
        the role's name. Two known words alone are not enough: "devops" is no "dev ops" (a
        developer), nor "offline" "off line"."""
        splits = [
            (word[:cut], word[cut:])
            for cut in range(2, len(word) - 1)
            if (word[:cut], word[cut:]) in self._pairs or self._is_name([word[:cut], word[cut:]])
        ]
        return " ".join(splits[0]) if len(splits) == 1 else None

    def _is_name(self, words: list[str]) -> bool:
        rewritten = self._rewrite(words)
        return self._longest_name(rewritten, 0)[0] == len(rewritten)

    def _nearest(self, word: str) -> str:
        edits = 2 if len(word) >= _LONG_WORD else 1
        if self._vocabulary is None:
            self._vocabulary = sorted(self._known)
        best = process.extractOne(
            word, self._vocabulary, scorer=Levenshtein.distance, score_cutoff=edits
        )
        return best[0] if best else word

    def _rewrite(self, words: list[str]) -> list[str]:
        """Replace synonyms, longest phrase first, each word at most once."""
        out: list[str] = []
        i = 0
        while i < len(words):
            if words[i] not in self._synonym_starts:
                out.append(words[i])
                i += 1
                continue
            for size in range(min(3, len(words) - i), 0, -1):
                replacement = self._synonyms.get(tuple(words[i : i + size]))
                if replacement is not None:
                    out.extend(replacement)
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def _find_names(self, words: list[str]) -> tuple[list[str], list[Entity]]:
        """Replace the longest known names by slot tokens; template slots pass through."""
        tokens: list[str] = []
        entities: list[Entity] = []
        i = 0
        while i < len(words):
            size, entity = self._longest_name(words, i)
            if entity is not None:
                tokens.append(SLOT_TOKENS[entity.kind])
                entities.append(entity)
                i += size
                continue
            word = words[i]
            slot = word.strip("{}") if word.startswith("{") else None
            tokens.append(SLOT_TOKENS.get(slot, word) if slot else word)
            i += 1
        return tokens, entities

    def _longest_name(self, words: list[str], start: int) -> tuple[int, Entity | None]:
        if words[start] not in self._name_starts:
            return 0, None
        for size in range(min(_MAX_PHRASE, len(words) - start), 0, -1):
            entity = self._names.get(tuple(words[start : start + size]))
            if entity is not None:
                return size, entity
        return 0, None


def singular(word: str) -> str:
    """Only a plural's "s" or "es" taken off ("tasks", "boxes"; not "analysis", "class"): a
    word and a knowledge-base word that share a `stem` may still differ in meaning ("stated"
    and "stats", "sparked" and "spark"), a singular and its plural do not."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    return word[:-1]


def stem(word: str) -> str:
    """A light suffix stripper: "skills", "interviews", "involves", "learning" and "deployed"
    meet their base forms. Crude on purpose: both sides of a match go through it, so it only
    has to be consistent, not correct English."""
    if word in SLOT_KINDS or len(word) <= 4 or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(("ch", "sh", "x", "ss", "z")):
        return word[:-2]
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word
