"""What a reply typed at a quiz question means: a button's words, its number, or one of the
words people type instead ("nto really", "I guess neutral", "basic i think, did one course").

A reply read wrongly is worse than one not read: not read, the question is asked again; read
wrongly, a wrong answer counts towards the result. So every rule below that reads more than
an answer's own words also looks for what would undo it: a question or a doubt after it ("ok
at what", "interesting, is it hard"), or words that say otherwise ("nice but no", "good at
nothing", "no fun at all").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.content.answer_options import INTERJECTIONS, Options
from bot.content.asking import CLAUSE_END, NEGATIONS, asks, reason_asks
from bot.content.hedges import without_hedges
from bot.content.questions import Answer
from bot.content.text import fold, typed_position
from bot.content.typed_numbers import plain_clause, with_position

# What a typed answer must score against an option's words to count as pressing it: high,
# so that a question ("what is modeling?") is never mistaken for an answer.
_TYPED_ANSWER_CUTOFF = 86
# A one-word answer this long or longer is also read with one slip of a letter, a swap of two
# included ("nuetral"). Shorter words are too near others ("quiet", "quite").
_SLIP_FROM = 7
# The most words after an answer's opening that is not in the first person ("not really my
# thing", "a little bit from school"): more, and the opening may be no answer at all.
_MOST_WORDS_AFTER = 2
# An answer's word said of the task: "ok at talking to people" ("kinda in the middle" no).
_OF_THE_TASK = ("at", "with")
# Where "at" says nothing of the task: "no fun at all", "fine at first then boring".
_SET_PHRASES = ("at all", "at first", "at times", "at best", "at least")
# Before an answer, the first person says nothing more: "i'm ok at ..." (folded "i am"), "im".
_FIRST_PERSON = ("i am ", "im ")
# "ok" before words about what we said answers nothing ("Hm okay, so for you it is the
# same. But ...", a tester's, had been Neutral): see _acknowledges.
_ACKNOWLEDGEMENTS = frozenset({"ok", "okay", "fine"})
_TO_US = frozenset({"you", "your", "youre", "u"})
# Words that open a correction: "like it, actually love it", "dislike, well neutral".
_CORRECTIONS = frozenset({"actually", "well", "wait", "sorry", "rather"})  # not "no experience"


def read_typed_answer(text: str, options: Options) -> Answer | None:
    """The answer `text` means, or None. A number is the answer's position from 1 ("0" is no
    answer unless a label is "0")."""
    found, firm = _read(text, options, whole=True), options.named_firmly(text)
    hedges, not_answers = options.hedges, options.not_answers
    return with_position(
        text, found, firm, values=options.values, hedges=hedges, not_answers=not_answers
    )


def _read(text: str, options: Options, *, whole: bool) -> Answer | None:
    choices = options.choices
    words = fold(text)
    if words and words in choices:
        return choices[words]
    # Before the check for words: "٣" (an Arabic-Indic three) is a number with no ASCII word.
    position = typed_position(text)
    if position is None and words and "?" not in text:  # "2?" asks
        # A hedged number is that number ("2 i guess", "maybe 3": a tester's got "I'm not sure
        # I can answer that one"); "3, maybe 4" is still none.
        position = typed_position(plain_clause(text, options.hedges))
    if position is not None:
        values = options.values
        return values[position - 1] if 1 <= position <= len(values) else None
    if not words:
        return None
    found = _worded_answer(words, options)
    # Past an answer's own words, a reply that asks is a question.
    if found is not None or "?" in text or reason_asks(text, options.not_answers):
        return found
    found = _answer_with_reason(text, options)
    if found is None:
        found = _said_of_the_task(words, options)
    # A reply that opens with a one-word answer and says it again in more words ("yeah i
    # love it", "yeah kinda", "nah i hate it"; a tester's were turned down): the words after
    # the first are the clearer answer, and count when they are one that agrees ("never
    # great at that" is no Like it).
    first, _, rest = words.partition(" ")
    if found is None and whole and first in choices and first in INTERJECTIONS and rest:
        found = _read(rest, options, whole=False)
        if found is not None and options.opposed(choices[first], found):
            return None
    if found is None and whole:
        found = _answer_in_a_clause(text, options)
    if found is None and whole:
        found = _one_choice_named(words, options)
    return found


def _answer_in_a_clause(text: str, options: Options) -> Answer | None:
    """The answer one clause of a longer reply gives when the others give none against it:
    "somewhere in between, neutral I guess", "pretty much my current job, I like it", "no
    thanks, not my thing" (a tester's were turned down)."""
    clauses = [fold(c) for c in CLAUSE_END.split(text.strip())]
    if len(clauses) < 2:
        return None
    # A later clause's "so" draws it from the reason ("never used git, so none"), not "so good".
    clauses[1:] = [c[3:] if c[:3] == "so " and c not in options.choices else c for c in clauses[1:]]
    found = [
        (i, v) for i, c in enumerate(clauses) if c and (v := _worded_answer(c, options)) is not None
    ]
    if not found:
        return None
    first, value = found[0]
    others = [w for i, c in enumerate(clauses) if i != first for w in c.split()]
    if any(v != value for _, v in found) or options.contradicted(value, others):
        return None
    if clauses[first] in INTERJECTIONS and options.names_other(value, others):
        return None  # "ok, im an expert" is no Developing (a reviewer's)
    return None if first == 0 and _acknowledges(clauses[0], others, options) else value


def _acknowledges(opening: str, rest: Sequence[str], options: Options) -> bool:
    """Whether "ok" (hedges aside) opens a reply that goes on about what we said and names
    no answer: "Hm okay, so for you it is the same. But ..." (a tester's, after an answer of
    ours, had been recorded Neutral)."""
    sound = without_hedges(opening, options.hedges)
    return sound in _ACKNOWLEDGEMENTS and not options.named(rest) and not _TO_US.isdisjoint(rest)


def _one_choice_named(words: str, options: Options) -> Answer | None:
    """At a choice (not a scale), the one option whose own words a reply uses, when it uses
    no other's and asks, negates and turns on nothing ("quick experiments in notebooks" is
    Prototyping; "i dont really code ... but i love prototyping in figma", a tester's, not)."""
    split = words.split()
    no_choice = any(isinstance(v, int) for v in options.values) or "but" in split
    if no_choice or not NEGATIONS.isdisjoint(split) or asks(split, options.not_answers):
        return None
    named = {v for said, v in options.choices.items() if " " not in said and said in split}
    return named.pop() if len(named) == 1 else None


def _readings(words: str, hedges: Sequence[str]) -> list[str]:
    """The folded reply as typed and without its hedges, each also without a first-person
    opening ("im good", "i am a beginner")."""
    readings = list(dict.fromkeys([words, without_hedges(words, hedges)]))
    readings += [r.removeprefix(p) for r in readings for p in _FIRST_PERSON if r.startswith(p)]
    return [r for r in readings if r]


def _worded_answer(words: str, options: Options) -> Answer | None:
    # As typed, then without the hedges around it ("hmm not really tbh" is "not really"):
    # every reading word for word before any near miss ("i would probably like it" had been
    # a near miss of "i would really like it", Love it, before its reading without the hedge).
    choices = options.choices
    readings = _readings(words, options.hedges)
    exact = next((choices[reading] for reading in readings if reading in choices), None)
    if exact is not None:
        return exact
    for reading in readings:
        best = process.extractOne(
            reading, list(choices), scorer=fuzz.ratio, score_cutoff=_TYPED_ANSWER_CUTOFF
        )
        if best and not _turned(reading, best[0], options):
            return choices[best[0]]
        if len(reading) >= _SLIP_FROM and " " not in reading:
            single = [said for said in choices if len(said) >= _SLIP_FROM and " " not in said]
            slip = process.extractOne(
                reading, single, scorer=DamerauLevenshtein.distance, score_cutoff=1
            )
            if slip:
                return choices[slip[0]]
    return None


def _turned(reading: str, said: str, options: Options) -> bool:
    """Whether a near miss of an answer's words differs by a word that turns it: a negation
    where the answer has none ("i would not like it" was a near miss of "i would like it";
    "i really dont like it" is one of "i really do not like") or another answer's word ("i
    would dislike it" had been Like it)."""
    extra = [word for word in reading.split() if word not in said.split()]
    negated = not NEGATIONS.isdisjoint(extra) and NEGATIONS.isdisjoint(said.split())
    return negated or options.names_other(options.choices[said], extra)


def _answer_with_reason(text: str, options: Options) -> Answer | None:
    """The answer a reply opens with when a reason follows it ("basic i think, did one
    course"): testers got the FAQ's guesses at the reason. One opening with a number ("3,
    maybe 4") is no clear answer; a reason that says otherwise undoes it ("nice but no")."""
    opening = CLAUSE_END.split(text.strip(), maxsplit=1)
    if len(opening) < 2 or not any(ch.isalpha() for ch in opening[0]):
        return None
    found = _worded_answer(fold(opening[0]), options)
    rest = fold(opening[1])
    again = _worded_answer(rest, options) if found is not None else None
    # A correction counts, in words of an answer's own ("like it, actually love it", "very
    # weak, actually strong"), before the reason is read as saying otherwise.
    after = rest.split()
    corrected = bool(after) and after[0] in _CORRECTIONS and after[-1] not in INTERJECTIONS
    if again is not None and again != found and corrected:
        return again
    if found is None or options.contradicted(found, after):
        return None
    # Another answer after it: the reply says it again, and the later word counts (the
    # second read in _read): "meh, neutral i guess" is Neutral, "no, i hate it" Dislike.
    if again is not None and again != found:
        return None
    if _acknowledges(fold(opening[0]), after, options):
        return None
    if fold(opening[0]) not in INTERJECTIONS:
        return found
    # After "yes!!", "i love it" says it clearer; any other answer's word, or one beside a
    # negation or of another person, leaves it to the readings below ("ok, i dislike it",
    # "ok, i don't hate it", "ok, my friends love it", "fine, but boring": a reviewer's).
    padded = f" {rest} "
    later = {v for said, v in options.choices.items() if " " in said and f" i {said} " in padded}
    if not options.names_other(found, rest.split()):
        return None if rest.startswith("but ") else found
    first_person = len(later) == 1 and NEGATIONS.isdisjoint(rest.split())
    return later.pop() if first_person else None


def _said_of_the_task(words: str, options: Options) -> Answer | None:
    """The answer a reply opens with when it goes on to name the task or say more: "I LOVE
    building statistical models", "i don't like cleaning data", "not really my thing", "im ok
    at talking to people" (testers got "did you mean" or "not sure"). Only an answer of two
    words or more, or one word said "at" or "with" something, opens such a reply, the longest
    first, so "no idea what that is" stays a question; one that goes on to ask ("not really
    sure what that means") stays a question too, and one that says otherwise is no answer."""
    for reading in _readings(words, options.hedges):
        opening = _opening(reading, options.choices)
        if opening is None:
            continue
        rest = reading[len(opening) :].split()
        value = options.choices[opening]
        if asks(rest, options.not_answers) or options.contradicted(value, rest):
            return None
        # An opening in the first person, or said of the task, says the answer whatever
        # follows; another only before a few words: "a lot of people say it is hard" is no
        # Love it, "never used it at work, but at home i am advanced" no None yet (a reviewer's).
        if opening.startswith("i ") or rest[0] in _OF_THE_TASK or len(rest) <= _MOST_WORDS_AFTER:
            return value
    return None


def _opening(reading: str, choices: Mapping[str, Answer]) -> str | None:
    """The longest answer `reading` opens with and goes on from: one of two words or more, or
    one word followed by "at" or "with" ("ok at talking to people", "fine with that"), "at
    all" and its like aside."""
    openings = [
        said
        for said in choices
        if reading.startswith(f"{said} ") and (" " in said or _of_the_task(reading[len(said) :]))
    ]
    return max(openings, key=len, default=None)


def _of_the_task(after: str) -> bool:
    """Whether the words after a one-word answer say what it is said of ("at talking")."""
    words = after.split()
    return words[0] in _OF_THE_TASK and " ".join(words[:2]) not in _SET_PHRASES
