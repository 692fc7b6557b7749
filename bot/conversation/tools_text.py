"""Text typed on the quiz's tools step: a tool's number or name toggles it, as its button
does; a list checks each tool; "never used docker" unchecks; a tool not on the list hears so;
"done" moves on. Anything else is left for the FAQ."""

from __future__ import annotations

from bot.content.knowledge import Knowledge
from bot.content.quiz_tools import DONE, TypedTools, button_halves, list_parts, typed_tools
from bot.content.text import fold, looks_like_number
from bot.conversation.dialog import Dialog

MOST_TOOL_WORDS = 2  # "power bi", "google sheets": longer text on the tools step is a question


class ToolsText:
    def __init__(self, dialog: Dialog) -> None:
        self.dialog = dialog

    def read(self, step: str, text: str) -> bool:
        """Whether `text` was about the tools (and has been answered)."""
        return (
            self._toggle(step, text)
            or self._not_used(step, text)
            or self._partly_listed(step, text)
            or self._unlisted(step, text)
        )

    def _toggle(self, step: str, text: str) -> bool:
        """A tool's names are the ones the FAQ knows it by ("excel", "sklearn", "k8s") and
        each half of its button ("Excel / Sheets")."""
        quiz = self.dialog.quiz
        done_says = quiz.steps[step].done_says
        picked = typed_tools(quiz.tool_ids(step), done_says, self._names(step), text)
        if picked == DONE:
            self.dialog.tools_done(step, replace_message=False)
        elif picked is not None and not picked.listed:
            self.dialog.toggle_tool(step, picked.tools[0], replace_message=False)
        elif picked is not None:
            self.dialog.add_tools(step, picked.tools, replace_message=False)
        return picked is not None

    def _not_used(self, step: str, text: str) -> bool:
        """ "never used docker" or "no sql and r" unchecks the tools it names, and "never used
        git" (a tool not on the list) hears it is not listed: a tester's "never used git" got
        the Git card, as if it were a question."""
        quiz = self.dialog.quiz
        rest = quiz.not_used(text)
        if rest is None or "?" in text:
            return False
        picked = typed_tools(quiz.tool_ids(step), (), self._names(step), rest)
        if isinstance(picked, TypedTools):
            labels = [self.dialog.kb.tools[tool].label for tool in picked.tools]
            self.dialog.say("quiz_tools_not_used", tools=", ".join(labels))
            self.dialog.drop_tools(step, picked.tools, replace_message=False)
            return True
        if rest not in self._known_names():
            return False  # "no thanks", "not now": not about a tool
        self._not_listed(step)
        return True

    def _partly_listed(self, step: str, text: str) -> bool:
        """A list whose every part names a tool, some of them not on the step ("python,
        pytorch, docker and git"): the listed ones are checked and the others named as not
        listed. It had checked nothing and gone to the FAQ, as a list of listed tools only
        counts; a part that names no tool ("python and a bit of r") still makes it a message."""
        parts = [fold(part) for part in list_parts(text)]
        if len(parts) < 2 or "?" in text:
            return False
        names = self._names(step)
        listed = {fold(said): tool for tool in names for said in (tool, *names[tool])}
        known = self._known_tools()
        if any(part not in listed and part not in known for part in parts):
            return False
        unlisted = [known[part] for part in parts if part not in listed]
        if not unlisted or len(unlisted) == len(parts):
            return False
        kb = self.dialog.kb
        self.dialog.say(
            "quiz_tools_some_unlisted",
            tools=", ".join(dict.fromkeys(kb.tools[tool].name for tool in unlisted)),
        )
        picked = tuple(dict.fromkeys(listed[part] for part in parts if part in listed))
        self.dialog.add_tools(step, picked, replace_message=False)
        return True

    def _unlisted(self, step: str, text: str) -> bool:
        """A word or two that is no listed tool reads as a tool the person uses ("terraform",
        "postgres"), not as a question: they hear it is not on the list, unless the words ask
        something the knowledge base answers."""
        words = fold(text).split()
        if not words or len(words) > MOST_TOOL_WORDS or "?" in text or looks_like_number(text):
            return False  # a number that is no tool's gets the quiz's number hint
        if (
            " ".join(words) not in self._known_names()
            and self.dialog.context.reader.match(text).outcome == "answer"
        ):
            return False
        self._not_listed(step)
        return True

    def _not_listed(self, step: str) -> None:
        self.dialog.say("quiz_tool_not_listed")
        self.dialog.ask(step)

    def _names(self, step: str) -> dict[str, tuple[str, ...]]:
        kb = self.dialog.kb
        return {tool: _names_of(kb, tool) for tool in self.dialog.quiz.tool_ids(step)}

    def _known_names(self) -> set[str]:
        """Every folded name of a tool in the knowledge base, listed on the step or not."""
        return set(self._known_tools())

    def _known_tools(self) -> dict[str, str]:
        """Every folded name of a tool in the knowledge base to its id."""
        kb = self.dialog.kb
        return {fold(name): tool for tool in kb.tools for name in (tool, *_names_of(kb, tool))}


def _names_of(kb: Knowledge, tool: str) -> tuple[str, ...]:
    label = kb.tools[tool].label
    aliases = kb.phrasings.entities.tool.get(tool, ())
    return (kb.tools[tool].name, label, *button_halves(label), *aliases)
