"""What a reply typed at a quiz question means: a button's words, its number, or one of the
words people type instead ("nto really", "I guess neutral", "basic i think, did one course")."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.content.hedges import without_hedges
from bot.content.questions import Answer
from bot.content.text import fold, typed_position

# What a typed answer must score against an option's words to count as pressing it: high,
# so that a question ("what is modeling?") is never mistaken for an answer.
_TYPED_ANSWER_CUTOFF = 86
# Where an answer typed with a reason ends: "basic i think, did one course", "love it - I do
# this every day", "none yet (never tried)".
_CLAUSE_END = re.compile(r"\s*[,;.!(\n\u2014\u2013]|\s+-\s+|\s+but\s+")
# A one-word answer this long or longer is also read with one slip of a letter, a swap of two
# included ("nuetral": 86 is just out of fuzz.ratio's reach for a swap in seven letters).
# Shorter words are too near other words: "quiet" is one swap from "quite", "notice" one
# letter from "novice".
_SLIP_FROM = 7
# The most words after an answer's opening that is not in the first person ("not really my
# thing", "a little bit from school"): more, and the opening may be no answer at all.
_MOST_WORDS_AFTER = 2
# An answer's word said of the task: "ok at talking to people", "good with numbers". ("in" is
# left out: "kinda in the middle" is no Like it.)
_OF_THE_TASK = ("at", "with")
# Before an answer, the first person says nothing more: "i'm ok at talking to people" (folded
# to "i am"), and "im", as a tester typed it.
_FIRST_PERSON = ("i am ", "im ")


def read_typed_answer(
    text: str,
    choices: Mapping[str, Answer],
    values: Sequence[Answer],
    hedges: Sequence[str],
    asking: Collection[str] = frozenset(),
) -> Answer | None:
    """The answer `text` means, or None. `choices`: each option's folded words (its label and
    what people type for it) to its value; `values`: the options' values in button order, as
    a number is the answer's position from 1 ("0" is no answer unless a label is "0");
    `asking`: words that leave a reply that opens like an answer no answer, a question or a
    doubt ("not really sure what that means", "not really sure")."""
    return _read(text, choices, values, hedges, asking)


def first_clause(text: str) -> str | None:
    """A reply's words before the reason it goes on to give ("i dont write code, never done
    that"); None when nothing follows them or the reply asks something."""
    if "?" in text:
        return None
    parts = _CLAUSE_END.split(text.strip(), maxsplit=1)
    return parts[0] if len(parts) == 2 and parts[1].strip() else None


def _read(
    text: str,
    choices: Mapping[str, Answer],
    values: Sequence[Answer],
    hedges: Sequence[str],
    asking: Collection[str],
    *,
    whole: bool = True,
) -> Answer | None:
    words = fold(text)
    if words and words in choices:
        return choices[words]
    # Before the check for words: "٣" (an Arabic-Indic three) is a number with no ASCII word.
    position = typed_position(text)
    if position is not None:
        return values[position - 1] if 1 <= position <= len(values) else None
    if not words:
        return None
    found = _worded_answer(words, choices, hedges)
    if found is None:
        found = _answer_with_reason(text, choices, hedges, asking)
    if found is None:
        found = _said_of_the_task(text, words, choices, hedges, asking)
    # A reply that opens with a one-word answer and says it again in more words ("yeah i
    # love it", "yeah kinda", "nah i hate it"; a tester's were turned down): the words after
    # the first are the clearer answer, and count when they are one.
    first, _, rest = words.partition(" ")
    if found is None and whole and first in choices and rest and "?" not in text:
        found = _read(rest, choices, values, hedges, asking, whole=False)
    return found


def _worded_answer(
    words: str, choices: Mapping[str, Answer], hedges: Sequence[str]
) -> Answer | None:
    # As typed, then without the hedges around it ("hmm not really tbh" is "not really").
    for reading in dict.fromkeys([words, without_hedges(words, hedges)]):
        if reading in choices:
            return choices[reading]
        best = process.extractOne(
            reading, list(choices), scorer=fuzz.ratio, score_cutoff=_TYPED_ANSWER_CUTOFF
        )
        if best:
            return choices[best[0]]
        if len(reading) >= _SLIP_FROM and " " not in reading:
            single = [said for said in choices if len(said) >= _SLIP_FROM and " " not in said]
            slip = process.extractOne(
                reading, single, scorer=DamerauLevenshtein.distance, score_cutoff=1
            )
            if slip:
                return choices[slip[0]]
    return None


def _answer_with_reason(
    text: str, choices: Mapping[str, Answer], hedges: Sequence[str], asking: Collection[str]
) -> Answer | None:
    """The answer a reply opens with when a reason follows it ("basic i think, did one
    course"): testers got the FAQ's guesses at the reason. A reply that asks something ("no
    idea, what is that?", "yes but what is it") stays a question, and so does one opening
    with a number ("3, maybe 4" is no clear answer)."""
    if "?" in text:
        return None
    opening = _CLAUSE_END.split(text.strip(), maxsplit=1)
    if len(opening) < 2 or not any(ch.isalpha() for ch in opening[0]):
        return None
    # Only the first word asks: in "love it, i know this stuff" the doubt word is no doubt.
    if fold(opening[1]).partition(" ")[0] in asking:
        return None
    return _worded_answer(fold(opening[0]), choices, hedges)


def _said_of_the_task(
    text: str,
    words: str,
    choices: Mapping[str, Answer],
    hedges: Sequence[str],
    asking: Collection[str],
) -> Answer | None:
    """The answer a reply opens with when it goes on to name the task or say more: "I LOVE
    building statistical models", "i don't like cleaning data", "not really my thing", "im ok
    at talking to people" (testers got "did you mean" or "not sure"). Only an answer of two
    words or more, or one word said "at" or "with" something, opens such a reply, the longest
    first, so "no idea what that is" stays a question; and one that goes on to ask ("not
    really sure what that means") stays a question too."""
    if "?" in text:
        return None
    readings = list(dict.fromkeys([words, without_hedges(words, hedges)]))
    readings += [r.removeprefix(p) for r in readings for p in _FIRST_PERSON if r.startswith(p)]
    for reading in readings:
        opening = _opening(reading, choices)
        if opening is None:
            continue
        rest = reading[len(opening) :].split()
        if set(rest) & set(asking):
            return None
        # An opening in the first person says the answer whatever follows, and so does one
        # said of the task; another only before a few words: "a lot of people say it is hard"
        # or "very much depends on the project" are no Love it.
        if opening.startswith("i ") or rest[0] in _OF_THE_TASK or len(rest) <= _MOST_WORDS_AFTER:
            return choices[opening]
    return None


def _opening(reading: str, choices: Mapping[str, Answer]) -> str | None:
    """The longest answer `reading` opens with and goes on from: one of two words or more, or
    one word followed by "at" or "with" ("ok at talking to people", "fine with that")."""
    openings = [
        said
        for said in choices
        if reading.startswith(f"{said} ")
        and (" " in said or reading[len(said) :].split(maxsplit=1)[0] in _OF_THE_TASK)
    ]
    return max(openings, key=len, default=None)
