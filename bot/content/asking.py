"""What makes a reply typed at a quiz question ask or doubt rather than answer: a question's
opening after the answer ("interesting, is it hard"), a doubt's word outside the phrases that
state ("for sure", "i know a bit of git"), and where the answer's own clause ends. Read by
`typed_answers` before any rule that takes more than an answer's own words.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.content.text import fold

# Where an answer typed with a reason ends: "basic i think, did one course", "love it - I do
# this every day", "none yet (never tried)".
CLAUSE_END = re.compile(r"\s*[,;.!(\n\u2014\u2013]|\s+-\s+|\s+but\s+")
# A clause after the answer that opens like this asks something, question mark or not
# ("interesting, is it hard", "decent with python, is that enough"). Not "did" nor "was":
# reasons tell what happened ("basic, did one course").
ASKS_FIRST = frozenset({"is", "are", "am", "does", "do", "can", "could", "should", "would", "will"})
# Question words that ask only where a clause starts: "yes! that's exactly what I want" asks
# nothing (a tester's was turned down), "interesting, what is it" does.
WH_WORDS = frozenset({"what", "whats", "how", "why", "when", "where", "which", "who"})
# Phrases that hold a doubt's word ("sure", "know", "mean") and state: "prototyping for sure",
# "beginning, i know a bit of git from work", "accomplished. I define KPIs ..." (a tester's was
# turned down). ("i dont know" holds no "i know".)
# Not where a negation or a question word is about ("cant say for sure", "i know nothing",
# "how would i know"), nor at the clause's end ("thats all i know"); not "i mean", which
# leads to a correction or a question ("like it, i mean what is it").
_SURELY = ("for sure", "im sure", "i am sure", "i know", "i understand", "i explain", "i define")
# Of those, the ones that state at the clause's end too: "Accomplished, I am sure." (a
# tester's was asked again). Not "for sure": "hard to say for sure" doubts (a reviewer's).
_CERTAIN = ("im sure", "i am sure")
# After an answer on the upper side of a scale, a word that takes it back ("amazing, not").
NEGATIONS = frozenset({"not", "no", "never", "nothing", "dont", "cant", "hate", "nope", "nah"})
NEGATIONS |= {"wouldnt", "didnt", "doesnt", "isnt", "wont"}  # "i wouldnt say i love it"


def asks(words: Sequence[str], not_answers: Collection[str]) -> bool:
    """Whether words after an answer ask or doubt: a question's opening, or a word of
    `not_answers` anywhere but in a statement (_SURELY)."""
    return bool(words) and (words[0] in ASKS_FIRST or doubts(words, not_answers))


def doubts(words: Sequence[str], not_answers: Collection[str]) -> bool:
    """Whether `words` hold a word of `not_answers` outside the phrases that state rather
    than doubt: "for sure", "i know a bit of git" (a tester's answers were turned down)."""
    padded = f" {' '.join(words)} "
    if NEGATIONS.isdisjoint(words) and WH_WORDS.isdisjoint(words):
        for phrase in _SURELY:
            padded = re.sub(rf" {phrase} (?=\S)", " ", padded)
        for phrase in _CERTAIN:
            padded = padded.replace(f" {phrase} ", " ")
    return not set(padded.split()).isdisjoint(not_answers)


def states_only(text: str, openers: Collection[str]) -> bool:
    """Whether a reply asks nothing at all: no "?", no clause that opens like a question (an
    auxiliary, or a word of `openers` such as "explain"), and no question word anywhere ("i
    don't even know what clv is" asks). "it is boring" states: "is" asks only first."""
    if "?" in text:
        return False
    for clause in CLAUSE_END.split(text.strip()):
        words = fold(clause).split()
        if words and (words[0] in ASKS_FIRST or words[0] in openers):
            return False
    return WH_WORDS.isdisjoint(fold(text).split())


def first_clause(text: str, not_answers: Collection[str]) -> str | None:
    """A reply's words before the reason it goes on to give ("i dont write code, never done
    that"); None when nothing follows them or the reply asks something, with or without its
    question mark ("i dont code, what is prototyping")."""
    if "?" in text or reason_asks(text, not_answers):
        return None
    parts = CLAUSE_END.split(text.strip(), maxsplit=1)
    return parts[0] if len(parts) == 2 and parts[1].strip() else None


def reason_asks(text: str, not_answers: Collection[str]) -> bool:
    """Whether a clause after the first asks or doubts ("nice, can you explain more", "nice
    but i dont know", "interesting, what is it"): then the reply is a question, however it
    opens. A question word asks only at the clause's start."""
    for clause in CLAUSE_END.split(text.strip())[1:]:
        words = fold(clause).split()
        if words and (words[0] in ASKS_FIRST or words[0] in not_answers):
            return True
        if doubts(words, set(not_answers) - WH_WORDS):  # its first word was read above
            return True
    return False
