"""What a reply the quiz did not take as an answer seems to say: an answer's words in its
first clause ("developing i think? i did some CNNs in pytorch", "love it!!! is my favorite"),
or a rating out of the number of answers ("5/5"), or two answers given as a range ("somewhere
between beginning and developing?").

`typed_answers` reads a reply as an answer only when nothing in it could undo the answer, so
many honest replies are asked again. Testers then read "I'm not sure I can answer that"
beside a reply that opened with the answer's own word. What `likely_answer` finds is not
recorded: the bot names it, and a press or a typed yes records it (`quiz_answer_maybe`,
`offered` in the state).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from bot.content.asking import ASKS_FIRST
from bot.content.hedges import without_hedges
from bot.content.questions import Answer
from bot.content.text import fold

# Where the first clause of a reply ends: "developing i think? i did some CNNs".
_CLAUSE_END = re.compile(r"\s*[,;.!?(\n\u2014\u2013]|\s+-\s+|\s+but\s+")
# Words that follow a multi-word answer and may turn it ("very much not my thing"), and how
# many words may follow at all ("a lot of it is boring" is no Love it).
_TURNS = frozenset({"not", "no", "never", "less", "dont", "cant", "hard", "boring", "depends"})
_MOST_AFTER = 2
# How a range of two answers is said: "somewhere between beginning and developing", "like it
# or love it", "developing to accomplished", "developing/accomplished". At most this many
# words in the clause (a longer one is a sentence).
# The range word stands between the two answers ("sure i'd love to", "went from none to
# advanced" and "yeah i love it - it's my job" are no ranges: a reviewer's got the hint).
_RANGE_MARK = re.compile(r"(?<=\w)\s*[/-]\s*(?=\w)")
_BETWEEN = re.compile(r"\| (?:or|to) \||between \| and \|")
_MOST_RANGE_WORDS = 8
# A range that denies ("not sure or neutral", "not beginning or developing") or is a yes or
# no names answers nobody gave: a reviewer's were taken as ranges. Read in the words left
# once the answers are taken out, as "not really or neutral" is a range.
_DENIES = frozenset({"not", "no", "never", "dont", "cant", "nope", "neither", "nor", "yes"})
# Asking besides the quiz's `asking` words ("is there a difference between ...").
_ASKS = frozenset({"difference", "diff"})
# "could be beginner or developing" hedges, and does not ask (a reviewer's went to the FAQ).
_HEDGED = re.compile(r"^(?:it )?(?:could|should|would|might|must|will) be ")
# Words at a range's edge that are an answer of their own elsewhere ("in between" and
# "maybe" are Neutral): "in between like it and love it", "like it or maybe love it"; while
# "like it or in between" keeps it as an answer (a reviewer's).
_EDGES = (
    (re.compile(r"^(?:somewhere )?in between (?=.* and )"), "between "),
    (re.compile(r" or maybe "), " or "),
)
# "5/5", "4 / 5", "3/4!": a rating, whole.
_RATING = re.compile(r"\s*(\d{1,2})\s*/\s*(\d{1,2})\s*[!.]*\s*")


def rating(text: str, values: Sequence[Answer]) -> Answer | None:
    """The answer a rating out of the number of answers means ("5/5" at a five-point
    question is its fifth answer); None for any other text or scale ("3/5" beside four)."""
    found = _RATING.fullmatch(text)
    if found is None or int(found[2]) != len(values):
        return None
    given = int(found[1])
    return values[given - 1] if 1 <= given <= len(values) else None


def is_rating(text: str) -> bool:
    """Whether a reply is a rating out of anything ("3/5"): an answer in intent, whatever
    the scale (the FAQ has nothing to say to it)."""
    return _RATING.fullmatch(text) is not None


def likely_answer(
    text: str,
    choices: Mapping[str, Answer],
    hedges: Sequence[str],
    not_answers: Collection[str],
) -> Answer | None:
    """The answer the reply's first clause is, hedges aside ("developing i think? i did some
    CNNs"), or opens with when the answer is two words or more and a word or two follow that
    do not turn it ("like it a bit"); a guess to offer, not to record. None for a reply
    that asks or doubts, or that turns on "but" (the FAQ's, or the hint's): a reviewer was
    offered Love it for "a lot of it is boring", Not really for "i dont like math but
    modeling sounds cool", None yet for "not yet, is it needed?". (A doubt after an answer
    typed whole was let through for a nurse's "dislike, I do not know anything about
    servers", and withdrawn: a reviewer was offered Neutral for "ok, i don't know".)"""
    words = fold(text).split()
    if "but" in words or any(word in not_answers for word in words):
        return None
    clause, end, rest = _clauses(text)
    # A question after the answer, or one that opens after a comma ("not much, is calculus
    # needed for this"); after "!" or "." it is a statement ("love it!!! is my favorite").
    first_after = rest.split()[0] if rest.split() else ""
    if "?" in rest or (end == "," and first_after in ASKS_FIRST):
        return None
    folded = fold(clause)
    for reading in dict.fromkeys((folded, without_hedges(folded, hedges))):
        if reading in choices:
            return choices[reading]
        opening = max(
            (said for said in choices if " " in said and reading.startswith(f"{said} ")),
            key=len,
            default=None,
        )
        after = reading[len(opening or "") :].split()
        if opening is not None and len(after) <= _MOST_AFTER and _TURNS.isdisjoint(after):
            return choices[opening]
    return None


def _clauses(text: str) -> tuple[str, str, str]:
    """The reply's first clause, the mark that ends it ("," or "?" ... or "" at the end) and
    what follows it, lowercased ("developing i think", "?", "i did some cnns")."""
    stripped = text.strip()
    found = _CLAUSE_END.search(stripped)
    if found is None:
        return stripped, "", ""
    return stripped[: found.start()], found.group().strip()[:1], stripped[found.end() :].lower()


def answer_range(
    text: str,
    choices: Mapping[str, Answer],
    values: Sequence[Answer],
    hedges: Sequence[str],
    asking: Collection[str],
) -> tuple[Answer, Answer] | None:
    """Two answers of a scale that a reply's first clause gives as a range ("somewhere
    between beginning and developing?", "beginning or developing": a teacher and a designer
    were asked again, or sent to the FAQ): the two, lower first. None unless the clause says
    "between", "or", "to" or "/", is short, neither asks (a question's opening, an asking
    word) nor denies, and names exactly two answers of the scale."""
    marked = _RANGE_MARK.sub(" or ", _clauses(text)[0])  # "developing/accomplished"
    clause = _HEDGED.sub("", without_hedges(fold(marked), hedges))
    for edge, kept in _EDGES:
        clause = edge.sub(kept, clause)
    words = clause.split()
    scale = all(isinstance(value, int) for value in values)
    if not scale or not words or len(words) > _MOST_RANGE_WORDS or _went_from(words):
        return None
    if words[0] in ASKS_FIRST or not _ASKS.union(asking).isdisjoint(words):
        return None
    named, left = _named(clause, choices)
    if len(named) != 2 or not _DENIES.isdisjoint(left) or "yes" in words:
        return None
    if not _BETWEEN.search(" ".join(left)):
        return None
    low, high = sorted(named, key=values.index)
    return low, high


def _went_from(words: Sequence[str]) -> bool:
    """ "went from none to advanced" tells a change, not a range; "from beginning to
    developing" (or "somewhere from ...") is one."""
    at = words.index("from") if "from" in words else 0
    return at > 0 and words[at - 1] != "somewhere"


def _named(clause: str, choices: Mapping[str, Answer]) -> tuple[set[Answer], list[str]]:
    """The answers a clause names, the longest ways of saying them first ("not really"
    before "not"), and the words left once they are taken out."""
    padded, named = f" {clause} ", set()
    for said in sorted(choices, key=len, reverse=True):
        if f" {said} " in padded:
            named.add(choices[said])
            padded = padded.replace(f" {said} ", " | ")
    return named, padded.split()
