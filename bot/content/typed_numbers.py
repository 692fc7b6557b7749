"""Numbers in a reply typed at a quiz question: which stand for an answer's position ("2 i
guess", "... 2 i guess" after a reason) and which do not (a quantity, "1 year of python"; a
signed or decimal number; two numbers, "3, maybe 4")."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.content.asking import reason_asks
from bot.content.hedges import without_hedges
from bot.content.questions import Answer
from bot.content.text import fold

# What ends a clause where a number alone may stand for an answer's position ("3 - developing").
_CLAUSE_MARKS = re.compile(r"[,;:!?()\[\]]|[.](?!\d)| - ")
_MARKED_NUMBER = re.compile(r"[-+#\u2212\u2013\u2014]\s*\d|\d[.,]\d")  # minus signs, dashes


def with_position(
    text: str,
    values: Sequence[Answer],
    hedges: Sequence[str],
    not_answers: Collection[str],
    found: Answer | None,
) -> Answer | None:
    """The answer `found` in the words, with a clause that is a number alone (hedges aside)
    and an answer's position: in the last clause that number is the answer, the reply's last
    word on it, as the later of two answers counts ("im ok at explaining stuff, did
    presentations in college. 2 i guess" is Beginning, where its "ok" had read Developing);
    in an earlier one, against the words, neither is sure. A number inside a clause is a
    quantity ("beginner, 1 year of python"), and a reply with another number gives none."""
    clauses = [c for c in (plain_clause(c, hedges) for c in _CLAUSE_MARKS.split(text)) if c]
    positions = {int(c) for c in clauses if c.isdecimal() and 1 <= int(c) <= len(values)}
    numbers = {int(word) for word in fold(text).split() if word.isdecimal()}
    if len(positions) != 1 or numbers != positions:  # "3, maybe 4" is no answer
        return found
    said, last = values[positions.pop() - 1], clauses[-1].isdecimal()
    if found is None:  # never a number after a question ("4, my question is why")
        asks = "?" in text or reason_asks(text, not_answers)
        return said if last and not asks else None
    return said if last or found == said else None


def plain_clause(clause: str, hedges: Sequence[str]) -> str:
    """A clause folded and without its hedges; "" for a signed or decimal number, which is
    no position ("-1", "#3", "2.5": folding drops the marks)."""
    return "" if _MARKED_NUMBER.search(clause) else without_hedges(fold(clause), hedges)
