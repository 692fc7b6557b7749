"""Numbers in a reply typed at a quiz question: which stand for an answer's position ("2 i
guess", "... 2 i guess" after a reason) and which do not (a quantity, "1 year of python"; a
signed or decimal number; two numbers, "3, maybe 4"; a heart, "<3")."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.content.asking import asks, reason_asks
from bot.content.hedges import without_hedges
from bot.content.questions import Answer
from bot.content.text import fold

# What ends a clause where a number alone may stand for an answer's position ("3 - developing").
_CLAUSE_MARKS = re.compile(r"[,;:!?()\[\]]|[.](?!\d)| - ")
_MARKED_NUMBER = re.compile(r"[-+#\u2212\u2013\u2014]\s*\d|\d[.,]\d")  # minus signs, dashes
# Digits that are no number at all, anywhere in a reply: a heart or a face ("love it! <3",
# "love it :3") and a rank ("my no. 1", "top 3"), which a reviewer saw recorded as answers.
_NO_NUMBER = re.compile(
    r"[<:;=^*]\s*\d|\d\s*[>*]|\b(?:no|nr|number|num|top|rank|ranked)\b\.?\s*\d", re.I
)


def with_position(
    text: str,
    values: Sequence[Answer],
    hedges: Sequence[str],
    not_answers: Collection[str],
    found: Answer | None,
) -> Answer | None:
    """The answer `found` in the words, checked against a clause that is a number alone
    (hedges aside) and an answer's position. With no answer in the words, such a number in
    the last clause is the answer ("did presentations in college. 2 i guess"), unless the
    reply asks or doubts ("not sure, 2"); beside an answer it must agree, or neither is sure
    ("developing (2)": a skill's level or the button's position? "im ok at explaining stuff,
    ... 2 i guess" had been Developing, for "ok", where 2 is Beginning). A number inside a
    clause is a quantity ("beginner, 1 year of python"), and a reply with another number, a
    heart or a rank gives none ("3, maybe 4", "love it <3", "my no. 1")."""
    if _NO_NUMBER.search(text):
        return found
    clauses = [c for c in (plain_clause(c, hedges) for c in _CLAUSE_MARKS.split(text)) if c]
    positions = {int(c) for c in clauses if c.isdecimal() and 1 <= int(c) <= len(values)}
    numbers = {int(word) for word in fold(text).split() if word.isdecimal()}
    if len(positions) != 1 or numbers != positions:  # "3, maybe 4" is no answer
        return found
    said = values[positions.pop() - 1]
    if found is not None:
        return found if found == said else None
    words = fold(text).split()
    unsure = "?" in text or asks(words, not_answers) or reason_asks(text, not_answers)
    return said if clauses[-1].isdecimal() and not unsure else None


def plain_clause(clause: str, hedges: Sequence[str]) -> str:
    """A clause folded and without its hedges; "" for a signed or decimal number, which is
    no position ("-1", "#3", "2.5": folding drops the marks)."""
    marked = _MARKED_NUMBER.search(clause) or _NO_NUMBER.search(clause)
    return "" if marked else without_hedges(fold(clause), hedges)
