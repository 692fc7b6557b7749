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
_CLAUSE_MARKS = re.compile(r"[,;!?()\[\]]|[.](?!\d)| - ")  # not ":" ("level: 2" is no answer)
_MARKED_NUMBER = re.compile(r"[-+#\u2212\u2013\u2014]\s*\d|\d[.,]\d")  # minus signs, dashes
# Digits that are no number at all, anywhere in a reply: a heart or a face, its marks right
# beside the digit ("love it! <3", "love it :3", not "level: 2"), and a rank ("my no. 1",
# "top 3"), which a reviewer saw recorded as answers.
_NO_NUMBER = re.compile(r"[<:;=^*]\d|\d[>*]|\b(?:no|nr|number|num|top|rank|ranked)\b\.?\s*\d", re.I)


def with_position(
    text: str,
    found: Answer | None,
    firm: Answer | None,
    *,
    values: Sequence[Answer],
    hedges: Sequence[str],
    not_answers: Collection[str],
) -> Answer | None:
    """The answer `found` in the words, checked against a clause that is a number alone
    (hedges aside) and an answer's position. With no answer in the words, such a number in
    the last clause is the answer ("did presentations in college. 2 i guess"), unless the
    reply asks or doubts ("not sure, 2"). Beside an answer the words name in words of its
    own (`firm`), the words win: "developing (2)", "intermediate, 2", "love it, 4" (levels
    counted from 0, or a rating out of 5); beside a sound ("ok", "yes"), a number in the
    last clause wins ("im ok at explaining stuff, ... 2 i guess" had been Developing, for
    "ok", where 2 is Beginning), and elsewhere neither is sure. A number inside a clause is
    a quantity ("beginner, 1 year of python"), and a reply with another number, a heart or
    a rank gives none ("3, maybe 4", "love it <3", "my no. 1")."""
    if _NO_NUMBER.search(text):
        return found
    words = fold(text).split()
    clauses = [c for c in (plain_clause(c, hedges) for c in _CLAUSE_MARKS.split(text)) if c]
    positions = {int(c) for c in clauses if c.isdecimal() and 1 <= int(c) <= len(values)}
    if len(positions) != 1 or {int(w) for w in words if w.isdecimal()} != positions:
        return found  # "3, maybe 4" is no answer
    said, last = values[positions.pop() - 1], clauses[-1].isdecimal()
    if found is not None and found in (said, firm):
        return found
    if found is not None:
        return said if last else None
    unsure = "?" in text or asks(words, not_answers) or reason_asks(text, not_answers)
    return said if last and not unsure else None


def plain_clause(clause: str, hedges: Sequence[str]) -> str:
    """A clause folded and without its hedges; "" for a signed or decimal number, which is
    no position ("-1", "#3", "2.5": folding drops the marks)."""
    marked = _MARKED_NUMBER.search(clause) or _NO_NUMBER.search(clause)  # "<3" alone too
    return "" if marked else without_hedges(fold(clause), hedges)
