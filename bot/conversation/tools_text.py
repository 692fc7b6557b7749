"""Text typed on the quiz's tools step: a tool's number toggles it, as its button does; its
name or a list checks, buttons or not ("pandas"); "never used docker" unchecks; a name the
knowledge base does not know hears so; "done" moves on. Anything else is left for the FAQ."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from bot.content.hedges import without_hedges
from bot.content.knowledge import Knowledge
from bot.content.quiz import Quiz
from bot.content.quiz_tools import (
    DONE,
    TypedTools,
    button_halves,
    list_parts,
    one_tool,
    tool_spellings,
    typed_tools,
)
from bot.content.text import fold, looks_like_number
from bot.content.tool_sentences import says_used, tools_named
from bot.conversation.dialog import Dialog

MOST_TOOL_WORDS = 2  # "power bi", "google sheets": longer text on the tools step is a question
# How a statement of tools used opens after a result, folded: "i know", "ive used", "we use",
# "already know". The tools step's "also" and "plus" add to a list there; after a result
# they ask ("plus r" had heard "not ticked at the tools question").
_FIRST_PERSON = ("i ", "ive ", "im ", "we ", "already ")
# Words that turn a reply naming tools away from ticking them ("docker, of course not").
_NOT = frozenset({"not", "no", "never", "dont", "nope", "nah", "without"})


class ToolsText:
    def __init__(self, dialog: Dialog) -> None:
        self.dialog = dialog

    def read(self, step: str, text: str) -> bool:
        """Whether `text` was about the tools (and has been answered). "i use jupyter" is
        read as "jupyter" (a tester got Jupyter's card)."""
        as_typed = text
        if "?" not in text:
            text = self.dialog.quiz.used(text) or text
        return (
            self._typed_tools(step, text)
            or self._not_used(step, text)
            or self._partly_listed(step, text)
            or self._in_sentence(step, as_typed)
            or self._unlisted(step, text)
        )

    def _in_sentence(self, step: str, text: str) -> bool:
        """Tools named in a sentence that plainly says they are used ("I use Python, C++ and
        Docker on the cluster": testers got "did you mean" a tool's card, or the card itself):
        the step names them and says how to tick them, and ticks none (tool_sentences.py
        says why)."""
        tools = says_used(text, self.dialog.quiz.asking) and tools_named(self._spellings, text)
        if not tools:
            return False
        labels = ", ".join(self.dialog.kb.tools[tool].label for tool in tools)
        self.dialog.say("quiz_tools_in_sentence", tools=labels)
        self.dialog.ask(step)
        return True

    def _typed_tools(self, step: str, text: str) -> bool:
        """A tool's names are the ones the FAQ knows it by ("excel", "sklearn", "k8s") and
        each half of its button ("Excel / Sheets"). A number is the button's and toggles; a
        name says the person uses the tool, so it checks and never unchecks ("i use python"
        had unchecked Python when it was checked already): they hear how to uncheck."""
        quiz, dialog = self.dialog.quiz, self.dialog
        offered, names = quiz.tool_ids(step), self.names
        done_says = quiz.steps[step].done_says
        picked = typed_tools(offered, done_says, names, text)
        plain = without_hedges(fold(text), self.set_aside)
        if picked is None and plain and plain != fold(text):  # "excel i guess" is "excel"
            picked = typed_tools(offered, done_says, names, plain)
        # One tool asked about, words around it or not ("kafka?", "only python?": a reviewer's
        # were noted as used; a list with "?" is still a list), or a reply that says no.
        asked = isinstance(picked, TypedTools) and "?" in text and not picked.listed
        if asked or (isinstance(picked, TypedTools) and _turned(dialog.quiz, text, self.set_aside)):
            return False
        if picked == DONE:
            dialog.tools_done(step, replace_message=False)
        elif picked is not None and not picked.listed and looks_like_number(text):
            dialog.toggle_tool(step, picked.tools[0], replace_message=False)
        elif picked is not None:
            self._check(step, picked.tools)
        return picked is not None

    def _check(self, step: str, tools: tuple[str, ...]) -> None:
        """Check the tools a reply names; when all are checked already, say so and how to
        uncheck one, rather than show the same marks with no word."""
        dialog = self.dialog
        if set(tools) <= set(dialog.state.known_tools):
            labels = ", ".join(dialog.kb.tools[tool].label for tool in tools)
            dialog.say("quiz_tools_already_checked", tools=labels)
            dialog.ask(step)
        else:
            dialog.add_tools(step, tools, replace_message=False)

    def _not_used(self, step: str, text: str) -> bool:
        """ "never used docker" or "no sql and r" unchecks the tools it names, buttons or not
        (a tester's "never used git" got the Git card, as if it were a question)."""
        quiz = self.dialog.quiz
        rest = quiz.not_used(text)
        if rest is None or "?" in text:
            return False
        offered, names = quiz.tool_ids(step), self.names
        listed = self._list_after_opening(text)
        picked = typed_tools(offered, (), names, listed) if listed is not None else None
        picked = picked or typed_tools(offered, (), names, rest)
        if isinstance(picked, TypedTools):
            labels = [self.dialog.kb.tools[tool].label for tool in picked.tools]
            self.dialog.say("quiz_tools_not_used", tools=", ".join(labels))
            self.dialog.drop_tools(step, picked.tools, replace_message=False)
            return True
        return False  # "no thanks", "not now", "no postgres": not about a tool it notes

    def _list_after_opening(self, text: str) -> str | None:
        """ "not python, docker": the list after its opening with its commas kept (folding the
        whole reply took them out, and "python docker" read as no tool)."""
        parts = list_parts(text)
        first = self.dialog.quiz.not_used(parts[0]) if len(parts) > 1 else None
        return None if first is None else ", ".join((first, *parts[1:]))

    def _partly_listed(self, step: str, text: str) -> bool:
        """A list that typed_tools does not take whole: tools beside others ("python, docker,
        postgres and git": the tools are checked, the others named as not noted; a tester's
        checked nothing and went to the FAQ), or tools with no commas ("python docker", "1 8
        13"). How much of a tool is set aside ("a bit of r" is
        R); a part of more than two words or one that asks ("python and what is r") leaves it
        a message, and so does a number of no tool."""
        quiz = self.dialog.quiz
        if _turned(self.dialog.quiz, text, self.set_aside):
            return False
        offered, spellings = quiz.tool_ids(step), self._spellings
        parts = list_parts(text)
        spaced = len(parts) < 2
        if spaced:
            parts = text.split()
        # Without the hedges around a tool ("docker lol", "a bit of python"); a part that is
        # only one stays.
        parts = [without_hedges(fold(part), self.set_aside) or part for part in parts]
        found = [one_tool(offered, spellings, part) for part in parts]
        picked = tuple(dict.fromkeys(tool for tool in found if tool is not None))
        others = [
            part
            for part, tool in zip(parts, found, strict=True)
            if tool is None and not self._aside(step, part)
        ]
        numbers = sum(looks_like_number(part) for part in parts)
        if spaced and 0 < numbers < len(parts):
            return False  # "python 3" is a version, not Python and the third tool
        # Spaced words beside an unknown one are a sentence: "learn docker" is no Docker, and
        # its "learn" no tool (a reviewer's, when two words were read as a list).
        if len(parts) < 2 or "?" in text or (spaced and others):
            return False
        if not all(self._may_be_a_tool(part) for part in others):
            return False
        if not picked:
            return False  # "nothing much", "postgres and mysql": no tool it notes
        names = ", ".join(dict.fromkeys(" ".join(part.split())[:30] for part in others))
        if others:  # one word is enough: "not noted" names the others, the marks the rest
            self.dialog.say("quiz_tools_some_unknown", tools=names)
            self.dialog.add_tools(step, picked, replace_message=False)
        else:
            self._check(step, picked)
        return True

    def _aside(self, step: str, part: str) -> bool:
        """A part of a list that names nothing: "oh" in "oh and sql", "lol" in "just excel
        lol" (a tester heard "not noted: oh"), "idk" or "done" in "python, idk" (a reviewer
        heard "not noted: idk"), "only basics" in "python, only basics" (a tester got
        Python's card). Hedges, fillers, amounts, courtesies, "I don't know", Done, a move,
        and a word of one or two letters that is no tool's name."""
        quiz, words = self.dialog.quiz, fold(part)
        if not without_hedges(words, self.set_aside):
            return True
        asides = {*quiz.hedges, *quiz.fillers, *(fold(c) for c in quiz.navigation.courtesies)}
        asides |= {fold(said) for said in quiz.steps[step].done_says}
        # "vs" asks (a reviewer's "pandas vs numpy" noted both)
        two_letters = len(words) <= 2 and words not in {*self._spellings, *quiz.asking}
        moves = quiz.is_unsure(part) or quiz.navigation.move(part) is not None
        return not words or words in asides or two_letters or moves

    def _may_be_a_tool(self, part: str) -> bool:
        """Whether a part no tool matches may still name one ("postgres"): a word or two that
        ask nothing and are no answer's ("a bit" in "python and a bit")."""
        words = fold(part).split()
        quiz = self.dialog.quiz
        return (
            0 < len(words) <= MOST_TOOL_WORDS
            and quiz.asking.isdisjoint(words)
            and quiz.answer_words.isdisjoint(words)
            and not looks_like_number(part)
        )

    def _unlisted(self, step: str, text: str) -> bool:
        """A word or two that is no tool the knowledge base knows reads as a tool the person
        uses ("postgres"), not as a question: they hear it is not noted, unless the words ask
        something the knowledge base answers."""
        words = fold(text).split()
        if not words or len(words) > MOST_TOOL_WORDS or "?" in text or looks_like_number(text):
            return False  # a number that is no tool's gets the quiz's number hint
        if not without_hedges(" ".join(words), self.set_aside):
            return False  # "only basics": how much of no tool (a reviewer's heard "not a tool")
        if any(word in self._spellings for word in words):
            return False  # "matlab postgres": not "a tool I don't know" (a reviewer's)
        if self.dialog.context.reader.match(text).outcome == "answer":
            return False
        self.dialog.say("quiz_tool_not_listed")
        self.dialog.ask(step)
        return True

    @property
    def set_aside(self) -> tuple[str, ...]:
        """Words around a tool's name that leave the name: hedges and amounts."""
        return (*self.dialog.quiz.hedges, *self.dialog.quiz.tool_amounts)

    @cached_property
    def names(self) -> dict[str, tuple[str, ...]]:
        """Every tool's names, the buttons' and the others': a typed "pandas" is noted though
        no button offers it (a tester who typed it was then told to learn it)."""
        kb = self.dialog.kb
        return {tool: _names_of(kb, tool) for tool in kb.tools}

    @cached_property
    def _spellings(self) -> dict[str, str]:
        """Every folded name of a tool in the knowledge base to its id (built once a turn:
        a typed list asks it for each of its parts)."""
        return tool_spellings(self.names)


def _turned(quiz: Quiz, text: str, set_aside: Sequence[str]) -> bool:
    """Whether a part of a list says no ("docker, of course not" had ticked Docker, a
    reviewer's), amounts and "no idea" aside ("python but not much", "no idea, sql")."""
    parts = (part for part in list_parts(text) if not quiz.is_unsure(part))
    return any(_NOT.intersection(without_hedges(fold(p), set_aside).split()) for p in parts)


def _names_of(kb: Knowledge, tool: str) -> tuple[str, ...]:
    label = kb.tools[tool].label
    aliases = kb.phrasings.entities.tool.get(tool, ())
    return (kb.tools[tool].name, label, *button_halves(label), *aliases)


def said_used(dialog: Dialog, step: str, text: str) -> tuple[str, ...]:
    """The step's tools a statement says the person uses, when it opens by saying so in the
    first person and all the rest names them: "i already know docker and sql" (after a
    result). Nothing for a question, a number ("i know 3" is no tool), anything else around
    the names, or an opening meant for the tools step alone ("plus r", "also docker")."""
    parts = list_parts(text)  # the commas kept: "i know python, sql" is two tools
    personal = fold(text).startswith(_FIRST_PERSON)
    first = dialog.quiz.used(parts[0]) if parts and personal and "?" not in text else None
    if first is None or any(looks_like_number(word) for word in text.split()):
        return ()
    tools = ToolsText(dialog)
    plain = [without_hedges(fold(part), tools.set_aside) or part for part in (first, *parts[1:])]
    picked = typed_tools(dialog.quiz.tool_ids(step), (), tools.names, ", ".join(plain))
    return picked.tools if isinstance(picked, TypedTools) else ()
