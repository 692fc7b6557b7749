"""What a reply the quiz did not take as an answer seems to say: an answer's words at its
first clause ("developing i think? i did some CNNs in pytorch", "love it!!! is my favorite"), or a
rating out of the number of answers ("5/5").

`typed_answers` reads a reply as an answer only when nothing in it could undo the answer, so
many honest replies are asked again. Testers then read "I'm not sure I can answer that"
beside a reply that opened with the answer's own word. What this module finds is never
recorded: the bot names it and lets the person press it (`quiz_answer_maybe`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from bot.content.hedges import without_hedges
from bot.content.questions import Answer
from bot.content.text import fold

# Where the first clause of a reply ends: "developing i think? i did some CNNs".
_CLAUSE_END = re.compile(r"\s*[,;.!?(\n\u2014\u2013]|\s+-\s+|\s+but\s+")
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
    text: str, choices: Mapping[str, Answer], hedges: Sequence[str], not_answers: Collection[str]
) -> Answer | None:
    """The answer the reply's first clause is, hedges aside ("developing i think? i did some
    CNNs"), or opens with when the answer is two words or more ("like it, played a little");
    a guess to offer, never to record. Not one word before a topic ("average salary" is a
    question), nor anything in a reply that asks or doubts ("not really sure what that
    means", "beginning i think? idk what a p value is": the FAQ's to answer)."""
    if any(word in not_answers for word in fold(text).split()):
        return None
    words = fold(_CLAUSE_END.split(text.strip(), maxsplit=1)[0])
    for reading in dict.fromkeys((words, without_hedges(words, hedges))):
        if reading in choices:
            return choices[reading]
        openings = [said for said in choices if " " in said and reading.startswith(f"{said} ")]
        if openings:
            return choices[max(openings, key=len)]
    return None
