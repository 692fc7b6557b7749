"""The quiz's navigation, declared with the quiz: the words people type instead of pressing
Back, Skip or Menu (or instead of /help, /cancel, /restart, /quiz, /forget), the letter the terminal
shows for each navigation button, and the words that answer a Yes/No prompt.

The words never move with the question: "s" skips on every question, and a number always
means an answer (by its position), never a navigation button.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Literal, get_args

from pydantic import StringConstraints

from bot.content.hedges import without_hedges
from bot.content.located import Located
from bot.content.schema import Record, Text
from bot.content.text import fold
from bot.problems import Problem

Move = Literal["back", "skip", "menu", "help", "cancel", "restart", "quiz", "forget"]
MOVES: tuple[Move, ...] = get_args(Move)
Key = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z]$")]


class NavigationWord(Record):
    key: Key | None = None  # the terminal's letter for the button; buttonless moves have none
    says: tuple[Text, ...] = ()


class Navigation(Record):
    back: NavigationWord
    skip: NavigationWord
    menu: NavigationWord
    help: NavigationWord
    cancel: NavigationWord
    restart: NavigationWord
    quiz: NavigationWord
    # "please delete all my data" (a tester's) had got the answer on what the bot keeps,
    # which says to send /forget: the words ask for /forget, which still asks Yes or No.
    forget: NavigationWord
    # Words around a move that do not change it ("start the quiz please", "can we skip").
    courtesies: tuple[Text, ...] = ()
    # Typed at a Yes/No prompt ("Start the quiz over?"), besides its buttons' labels.
    agree: tuple[Text, ...] = ()
    decline: tuple[Text, ...] = ()
    # Words that name what a Yes/No prompt acts on, beside its label's own: "yes, delete
    # everything", "delete my data" (a tester's "yes please, delete everything" kept it all).
    objects: tuple[Text, ...] = ()
    # Said to "Did you mean X?" at a quiz question, alone or after a one-word yes: "that's
    # right", "yes, that is correct" (a tester's was read as a typed "yes", Like it).
    confirms: tuple[Text, ...] = ()
    # Asked at a quiz question about the question itself, hedges aside ("what is that",
    # "what even is that lol", "wdym"): the answer on what it asks about (the step's `about`).
    explain: tuple[Text, ...] = ()

    def word(self, move: Move) -> NavigationWord:
        entry: NavigationWord = getattr(self, move)
        return entry

    def key(self, move: Move) -> str:
        return self.word(move).key or ""

    def move(self, text: str) -> Move | None:
        """The move typed text asks for, matched exactly after folding: a near miss is more
        likely an answer or a question than a wish to skip. A move may open a statement, as
        its own clause ("actually go back, I overrated communication" had got how to go
        back); never a question ("next, what is mlops?")."""
        for words in self._readings(text):
            found = next((m for m in MOVES if words in _spellings(self.word(m))), None)
            if found is not None:
                return found
        first, rest = _first_clause(text)
        # Two words at least ("wait, go back. ..."): a bare "stop. i love it" or "back. like
        # it" answered the question before (a reviewer's paused the quiz or went back).
        said = len(first.split()) >= 2 and rest and "?" not in text
        return self.move(first) if said else None

    def consent(
        self, text: str, agree_labels: Sequence[str], decline_labels: Sequence[str]
    ) -> bool | None:
        """A typed reply to a Yes/No prompt: True for yes ("yes", "sure", its Yes button's
        label), False for no, None for anything else: matched exactly after folding, with or
        without courtesies ("yes, delete it all" is a yes, "yes but why" is not), or the
        first words of a button's label, two or more, in order and asking nothing ("yes
        delete it"; a tester's was taken for a question). "yes all?" or "yes it" are no yes:
        a reply that deletes or clears must say so."""
        agree = {fold(said) for said in (*self.agree, *agree_labels)}
        decline = {fold(said) for said in (*self.decline, *decline_labels)}
        if not _DOUBTS.isdisjoint(fold(text).split()):
            return None  # "yes but why", "ya wait": courtesies elsewhere, a doubt here
        for words in self._readings(text):
            if words in agree or words in decline:
                return words in agree
        if "?" not in text:
            for words in self._readings(text):
                if any(self._says(words, label, self.agree) for label in agree_labels):
                    return True
                if any(self._says(words, label, self.decline) for label in decline_labels):
                    return False
        return None

    def confirmed(self, text: str, asides: Sequence[str]) -> bool:
        """Whether a reply to "Did you mean X?" confirms it in more than a yes: a phrase of
        `confirms`, alone or after a one-word yes, with `asides` ("thanks") around it and
        nothing else: "ok what does that mean" or "ok wait" are not ("yes, genau" neither,
        and the caller offers X again), nor anything with "?" (a reviewer's)."""
        if "?" in text:
            return False
        words = without_hedges(fold(text), [fold(a) for a in asides])
        confirms = {fold(said) for said in self.confirms}
        first, _, rest = words.partition(" ")
        return words in confirms or (first in self.yeses and (not rest or rest in confirms))

    def explains(self, text: str, hedges: Sequence[str]) -> bool:
        """Whether a reply asks what the question on screen is about, in so many words: only
        the listed phrases, as typed or without hedges ("what is data engineering" names its
        subject and is the matcher's)."""
        words = fold(text)
        listed = {fold(said) for said in self.explain} - {""}
        return bool(words) and (words in listed or without_hedges(words, hedges) in listed)

    @property
    def yeses(self) -> frozenset[str]:
        """The one-word yeses of `agree`, folded ("yes", "ok", "sure")."""
        return frozenset(fold(said) for said in self.agree if " " not in said.strip())

    def _says(self, words: str, label: str, consents: Sequence[str]) -> bool:
        """Whether `words` say a button's label: its first words, two or more ("yes delete
        it"), or its verb among only its own words, a one-word yes (or no) and the words
        that name what it acts on ("yes delete everything", "delete my data"); never
        beside a negation ("dont keep them" deletes)."""
        if _opens(words, label):
            return True
        typed, said = words.split(), fold(label).split()
        if len(said) < 2 or said[1] not in typed or _NOT.intersection(typed):
            return False
        openers = {fold(c) for c in consents if " " not in c.strip()}
        return set(typed) <= {*said, *openers, *(fold(o) for o in self.objects)}

    def _readings(self, text: str) -> tuple[str, ...]:
        """The folded text as typed, then without its courtesies (never empty)."""
        words = fold(text)
        plain = without_hedges(words, [fold(c) for c in self.courtesies])
        return (words, plain) if plain and plain != words else (words,)


# Courtesies elsewhere ("ok wait, go back"), a doubt at a Yes/No prompt: "yes but", "ya
# wait" and "yeah actually" had deleted everything (a reviewer's), since the courtesies are
# dropped before a yes is looked for.
_DOUBTS = frozenset({"but", "wait", "actually", "oops", "hmm", "hold"})


def _first_clause(text: str) -> tuple[str, str]:
    """A reply's first sentence, or its first clause, and what follows ("" when nothing
    does): "wait, go back. i said love it" opens with "wait, go back"."""
    for mark in ".;!,":
        first, found, rest = text.partition(mark)
        if found and first.strip() and rest.strip():
            return first, rest
    return text, ""


# What turns a label's verb ("dont keep them" deletes). Not asking.NEGATIONS: its "no" opens
# the No button's own label ("no keep my data").
_NOT = frozenset({"dont", "not", "never", "cant", "wont"})


def _opens(words: str, label: str) -> bool:
    """Whether `words` are a button label's first words, two or more ("yes delete it")."""
    typed, said = words.split(), fold(label).split()
    return len(typed) >= 2 and said[: len(typed)] == typed  # a yes and a word at least


def _spellings(word: NavigationWord) -> set[str]:
    return {fold(said) for said in (*word.says, *([word.key] if word.key else []))}


def check_navigation(
    navigation: Navigation, option_words: Mapping[str, Sequence[str]], src: Located
) -> Iterable[Problem]:
    """Every word means one thing: no move shares a word with another move or an answer,
    and no word is a number (numbers pick answers by position)."""
    owner: dict[str, str] = {}
    for set_id, words in option_words.items():
        for said in words:
            owner.setdefault(fold(said), f"an answer of option set '{set_id}'")
    for move in MOVES:
        at = ("navigation", move)
        for spelling in sorted(_spellings(navigation.word(move))):
            if spelling.isdigit():
                yield src.problem(at, f"'{spelling}' is a number", "numbers pick answers")
            elif owner.setdefault(spelling, f"'{move}'") != f"'{move}'":
                yield src.problem(
                    at, f"'{spelling}' also means {owner[spelling]}", "give each word one meaning"
                )
    yield from _check_courtesies(navigation, owner, src)
    both = {fold(w) for w in navigation.agree} & {fold(w) for w in navigation.decline}
    for said in sorted(both):
        yield src.problem(
            ("navigation", "decline"), f"'{said}' is also in agree", "give each word one meaning"
        )


def _check_courtesies(
    navigation: Navigation, owner: dict[str, str], src: Located
) -> Iterable[Problem]:
    """An answer that loses its courtesies must not become a move ("skip please")."""
    for said, meaning in owner.items():
        if not meaning.startswith("an answer"):
            continue
        move = navigation.move(said)
        if move is not None:
            yield src.problem(
                ("navigation", "courtesies"),
                f"answer '{said}' without its courtesies means '{move}'",
                "take the word out of courtesies",
            )
