"""Folded phrases compared word for word: a phrase's opening and ending, and typos of a
listed phrase (the quiz's ways of reading "why not <role>?" and its follow-ups)."""

from __future__ import annotations

from rapidfuzz.distance import DamerauLevenshtein


def typos_of(typed: list[str], listed: list[str]) -> bool:
    """Whether `typed` is `listed` word for word, each word as listed or a typo of it: the
    same first letter (a slip seldom falls there: "earn" is no "learn") and one edit, a swap
    of two letters included, or two in a word of six letters or more ("shud", "should")."""
    if len(typed) != len(listed):
        return False
    return all(
        said == word
        or (
            said[:1] == word[:1]
            and DamerauLevenshtein.distance(said, word) <= (1 if len(word) < 6 else 2)
        )
        for said, word in zip(typed, listed, strict=True)
    )


def before_tail(words: str, tails: tuple[str, ...]) -> str:
    """`words` without the first of `tails` (longest first) that they end with."""
    for tail in tails:
        rest = words.removesuffix(f" {tail}")
        if rest != words:
            return rest
    return words


def after_opening(words: str, openings: tuple[str, ...]) -> str | None:
    """What follows the first of `openings` (folded, longest first) that `words` opens with."""
    for opening in openings:
        rest = words.removeprefix(f"{opening} ")
        if rest != words:
            return rest
    return None
