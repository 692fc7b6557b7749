"""The quiz's navigation, declared with the quiz: the words people type instead of pressing
Back, Skip or Menu (or instead of /help, /cancel, /restart, /quiz), and the letter the
terminal shows for each navigation button.

The words never move with the question: "s" skips on every question, and a number always
means an answer (by its position), never a navigation button.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Literal, get_args

from pydantic import StringConstraints

from bot.content.located import Located
from bot.content.schema import Record, Text
from bot.content.text import fold
from bot.problems import Problem

Move = Literal["back", "skip", "menu", "help", "cancel", "restart", "quiz"]
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

    def word(self, move: Move) -> NavigationWord:
        entry: NavigationWord = getattr(self, move)
        return entry

    def key(self, move: Move) -> str:
        return self.word(move).key or ""

    def move(self, text: str) -> Move | None:
        """The move typed text asks for, matched exactly after folding: a near miss is more
        likely an answer or a question than a wish to skip."""
        words = fold(text)
        return next((m for m in MOVES if words in _spellings(self.word(m))), None)


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
