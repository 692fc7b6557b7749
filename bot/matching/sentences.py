"""Find the question in a paragraph: the parts of a long message worth scoring on their own.

Real messages are often a title, some context ("I'm 34, a biologist with a PhD") and one
question somewhere. Scored whole, the context words dilute the question or pull in the wrong
answer ("degree", "statistics"). So a message is also read part by part: its lines (a forum
post's title is the first), its sentences, and the clauses a question is often joined to
("..., but should I do a master's?"). The matchers score every part and the whole, and the
hybrid decision keeps the best evidence for each answer, preferring parts that ask something
(a question mark, a question word) so a context sentence informs without taking over.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from bot.content.text import fold

# A sentence ends at . ! ? (or several, or an ellipsis) followed by a space, or at a line end.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\s*\n+\s*")
# Clauses a question hangs on: "..., but is it too late?" "..., so should I ...".
_CLAUSE = re.compile(r",\s+(?=(?:but|so|and|or|should|is|are|can|could|would|do|does|how|what)\b)")
_QUESTION_WORDS = frozenset(
    "how what which should would could can is are do does will why where when who any".split()
)
_MIN_WORDS = 3  # shorter parts ("Thanks.", "Hi all") carry no question of their own
MAX_PARTS = 8  # the bound on extra work per message: the first parts, questions preferred


@dataclass(frozen=True)
class Part:
    text: str
    asks: bool  # it reads as a question: a question mark, or it opens with a question word


def _asks(text: str) -> bool:
    words = text.lower().split()
    return text.rstrip().endswith("?") or bool(words and words[0] in _QUESTION_WORDS)


def _pieces(message: str) -> list[str]:
    found: list[str] = []
    for sentence in _SENTENCE_END.split(message.strip()):
        clauses = _CLAUSE.split(sentence)
        found.append(sentence)
        if len(clauses) > 1:
            found.extend(clauses)
    return [p.strip() for p in found if len(p.split()) >= _MIN_WORDS]


def parts(message: str) -> list[Part]:
    """The message's sentences and clauses worth scoring alone (the whole not included), at
    most MAX_PARTS: a message of one sentence has none, it is read whole already."""
    pieces = list(dict.fromkeys(_pieces(message)))
    if len(pieces) <= 1 and (not pieces or pieces[0] == message.strip()):
        return []
    found = [Part(p, _asks(p)) for p in pieces if p != message.strip()]
    # Questions first, then the rest in order: a long story keeps its questions.
    found.sort(key=lambda part: not part.asks)
    return found[:MAX_PARTS]


def questions(message: str, openings: Collection[str] = ()) -> list[str]:
    """The message's sentences that end with a question mark, in order, at most MAX_PARTS:
    "what does an ML engineer do? and do I need a PhD?" asks two things. With `openings`,
    a last sentence with no question mark that opens with one of them, after "and" or
    "also", asks too: "does leetcode matter for ml roles? and do i need a masters or is btech
    enough" (a student's second question went unanswered)."""
    found = [sentence.strip() for sentence in _SENTENCE_END.split(message.strip())]
    asked = [s for s in found if s.endswith("?") and len(s.split()) >= _MIN_WORDS]
    last = fold(found[-1]).split() if asked and not found[-1].endswith("?") else []
    last = last[1:] if last[:1] in (["and"], ["also"]) else last
    if len(last) >= _MIN_WORDS and last[0] in openings:
        asked.append(found[-1])
    return asked[:MAX_PARTS]
