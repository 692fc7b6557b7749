"""What one quiz question's typed replies are read against (bot.content.typed_answers):
its options' words and values, and how two readings of a reply agree or oppose."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from bot.content.asking import NEGATIONS
from bot.content.questions import Answer
from bot.content.text import fold

# Everyday phrases that hold an answer's word without giving it: "production, thats all i do
# at work" says nothing of Both ("all"), which had undone the answer (a tester's).
_NO_ANSWER_IN = ("thats all", "that is all", "all i do", "all day", "all the time", "all my")
# One-word answers that open a reply as a sound: a clearer answer after one counts ("yeah i
# love it"; a tester's "yes!! this is like my job now, i love it" had been Like it), after an
# answer's own word not ("neutral, i like some parts" had been Like it, a tester's).
INTERJECTIONS = frozenset("yes yeah yep yup sure ok okay fine meh nah nope no kinda hmm".split())
# Of those, the ones that say little of the answer: a number beside them is the answer ("yes,
# 5", "ok ... 2 i guess"), while "no, 5" stays Not really (a reviewer's had become Love it).
_SOUNDS = INTERJECTIONS - {"no", "nope", "nah", "meh"}


@dataclass(frozen=True)
class Options:
    """What one question's typed replies are read against. `choices`: each option's folded
    words (its label and what people type for it) to its value; `values`: the options' values
    in button order; `not_answers`: words that leave a reply that opens like an answer a
    question or a doubt ("not really sure what that means", "not really sure")."""

    choices: Mapping[str, Answer]
    values: Sequence[Answer]
    hedges: Sequence[str]
    not_answers: Collection[str] = frozenset()

    def named_firmly(self, text: str) -> Answer | None:
        """The one answer `text` names in words of its own, not a sound such as "ok" or
        "yes" ("developing (2)", "intermediate, 2")."""
        padded = f" {fold(text)} "
        firm = (said for said in self.choices if said not in _SOUNDS)
        named = {self.choices[said] for said in firm if f" {said} " in padded}
        return named.pop() if len(named) == 1 else None

    def opposed(self, a: Answer, b: Answer) -> bool:
        """Two readings of one reply that disagree: on either side of a scale's middle
        (Neutral sides with neither), or two different choices."""
        if isinstance(a, int) and isinstance(b, int):
            middle = (len(self.values) - 1) / 2
            return (self.values.index(a) - middle) * (self.values.index(b) - middle) < 0
        return a != b

    def named(self, words: Sequence[str]) -> set[Answer]:
        """The answers whose words `words` hold, whole ("i dislike it" holds Dislike's)."""
        padded = f" {' '.join(words)} "
        return {v for said, v in self.choices.items() if f" {said} " in padded}

    def names_other(self, value: Answer, words: Sequence[str]) -> bool:
        """Whether `words` hold another answer's words ("ok, i dislike it")."""
        return bool(self.named(words) - {value})

    def contradicted(self, value: Answer, rest: Sequence[str]) -> bool:
        """Whether the words after an answer say otherwise: another answer opposed to it
        ("interesting but not for me", "good at nothing"), or a negation after an answer on
        the upper side ("amazing, not"), anywhere after it. (Reading only the words near the
        answer let "developing, ... never deployed anything" through, and with it "accomplished,
        but to be honest still a beginner": a reviewer's. A reply read wrongly is worse.)"""
        padded = f" {' '.join(rest)} "
        for phrase in _NO_ANSWER_IN:
            padded = padded.replace(f" {phrase} ", " ")
        if any(self.opposed(value, v) for v in self.named(padded.split())):
            return True
        upper = isinstance(value, int) and self.values.index(value) > (len(self.values) - 1) / 2
        return upper and not NEGATIONS.isdisjoint(rest)
