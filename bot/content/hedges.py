"""Hedges: words people put around a typed quiz answer that do not change it ("I guess
neutral", "hmm not really tbh"). `conversations/quiz.yaml` lists them; a typed answer that
matches no option as typed is read again without them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bot.content.located import Loc, Located
from bot.content.text import fold, symbol_key
from bot.problems import Problem


def without_hedges(words: str, hedges: Sequence[str]) -> str:
    """Folded `words` with every (folded) hedge phrase taken out, whole words only."""
    padded = f" {words} "
    for hedge in sorted(hedges, key=len, reverse=True):  # "i guess" before a shorter one
        while f" {hedge} " in padded:
            padded = padded.replace(f" {hedge} ", " ")
    return " ".join(padded.split())


def check_not_answers(
    field: str,
    kind: str,
    phrases: Sequence[str],
    option_words: Mapping[str, list[str]],
    src: Located,
    *,
    at: Loc = (),
) -> Iterable[Problem]:
    """Each of `phrases` (the quiz file's `field`, under `at`) must not also be an answer's
    words: a hedge is taken out of what people type, an unsure reply is never an answer, and
    a step's skip word skips it, so any of them that is also an answer would lose it."""
    answers = {fold(w) or symbol_key(w) for words in option_words.values() for w in words}
    for i, phrase in enumerate(phrases):
        if (fold(phrase) or symbol_key(phrase)) in answers:
            yield src.problem(
                (*at, field, i), f"{kind} '{phrase}' is also an answer", f"remove it from {field}"
            )
