"""The spelt-out text: a question in the words the lexical analyzer understood, which the
embedding model reads for the hybrid's extra "spelt cosine" feature (evidence.py), beside the
cosine of the text as typed.

The model knows nothing of this knowledge base's abbreviations ("da", "dle", "ml ops") or of
typos, so short questions that hang on one such name scored low against every phrasing while
the lexical matcher answered them. The analyzer already corrects typos against the knowledge
base's own words, rewrites synonyms and abbreviations, and recognises names; here its result is
written back as words (never slot tokens), with each role and tool written under its own name.
Tasks and skills keep the words typed: their other names are narrower topics ("statistics",
"linear algebra", "data cleaning"), and writing them as the skill's or task's name would
throw that meaning away.

English only: the hybrid reads English messages; a message in another language goes to the
embedding matcher as typed (the multilingual model matches it across languages; English typo
correction would only damage its words).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.knowledge import Knowledge
from bot.content.text import MAX_QUERY_CHARS, fold
from bot.matching.analyzer import Entity
from bot.matching.phrasing_index import build_analyzer, collect_phrasings

# Part of the phrasing cache's key: change it whenever what this module writes changes.
VERSION = "spelt-3"

_SPELT_KINDS = ("role", "tool")


@dataclass(frozen=True)
class _Piece:
    """One word as typed, or a synonym's phrase with its replacement."""

    words: tuple[str, ...]  # typos corrected, synonyms rewritten: what names are found in
    typed: tuple[str, ...]  # as typed (folded)
    spelt: bool  # read as `words` (an abbreviation spelt out), else as typed


class Wording:
    """Text -> the words the embedding reads; deterministic, built once per knowledge base."""

    version = VERSION

    def __init__(self, kb: Knowledge) -> None:
        self._analyzer = build_analyzer(kb)
        for phrasing in collect_phrasings(kb):  # the vocabulary typos are corrected towards
            self._analyzer.analyze(phrasing.text, template=True)
        self._spellings = _spellings(kb)

    def __call__(self, text: str) -> str:
        words: list[str] = []
        for chunk in _chunks(text):
            words += self._spell(self._pieces(chunk))
        return " ".join(words)

    def _pieces(self, text: str) -> list[_Piece]:
        typed = fold(text).split()
        fixed = self._analyzer.corrected(text)
        pieces: list[_Piece] = []
        i = 0
        while i < len(fixed):
            size, replacement = self._analyzer.synonym_at(fixed, i)
            phrase = tuple(fixed[i : i + size])
            words = replacement if replacement is not None else phrase
            spelt = replacement is not None and _abbreviation(phrase, replacement)
            pieces.append(_Piece(words, tuple(typed[i : i + size]), spelt))
            i += size
        return pieces

    def _spell(self, pieces: list[_Piece]) -> list[str]:
        """Names as recognised (roles and tools under their own names), abbreviations
        spelt out, every other word as typed: a typo correction outside a name may turn an
        ordinary word into another one ("fact" -> "face"), which only the lexical matcher,
        reading the knowledge base's words alone, can afford."""
        words = [w for piece in pieces for w in piece.words]
        owner = [k for k, piece in enumerate(pieces) for _ in piece.words]
        out: list[str] = []
        shown: set[int] = set()
        j = 0
        while j < len(words):
            size, entity = self._analyzer.name_at(words, j)
            if entity is not None:
                spelling = self._spellings.get(entity)
                out += spelling.split() if spelling else words[j : j + size]
                shown.update(owner[j : j + size])
                j += size
                continue
            piece = pieces[owner[j]]
            if piece.spelt:
                out.append(words[j])
            elif owner[j] not in shown:
                out += piece.typed
            shown.add(owner[j])
            j += 1
        return out


def _abbreviation(phrase: tuple[str, ...], replacement: tuple[str, ...]) -> bool:
    """A synonym that spells a short form out ("ml" -> "machine learning", "pls" ->
    "please"), as opposed to one that swaps a word for the matcher's preferred one ("move"
    -> "switch", "pay" -> "salary"): the model reads those words well as they are."""
    short, long = " ".join(phrase), " ".join(replacement)
    joined = long == short.replace(" ", "")  # "ml ops" -> "mlops", "ph d" -> "phd"
    return joined or (len(long) > len(short) and long[0] == short[0])


def _spellings(kb: Knowledge) -> dict[Entity, str]:
    names = {Entity("role", rid): role.name for rid, role in kb.roles.items()}
    names |= {Entity("tool", tid): tool.name for tid, tool in kb.tools.items()}
    return {entity: name.lower() for entity, name in names.items() if entity.kind in _SPELT_KINDS}


def _chunks(text: str) -> list[str]:
    """Pieces short enough for the analyzer, which reads only the start of a long text; a
    long message must still reach the model whole."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for word in text.split():
        if current and size + len(word) + 1 > MAX_QUERY_CHARS:
            chunks.append(" ".join(current))
            current, size = [], 0
        current.append(word)
        size += len(word) + 1
    if current:
        chunks.append(" ".join(current))
    return chunks
