"""The quiz's multi-select step (kind `tools`): "Which of these tools do you already use?".

Its buttons are tool ids from knowledge/tools.yaml, grouped in rows; each press toggles one
tool and "Done" moves on. The step fills the profile's `known_tools`, a set rather than one
answer, so it is kept apart from the single-answer questions (`QUESTION_IDS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, NamedTuple, Protocol

from rapidfuzz.distance import DamerauLevenshtein

from bot.content.knowledge import Knowledge
from bot.content.located import Located
from bot.content.text import fold, typed_position
from bot.problems import Problem

KNOWN_TOOLS = "known_tools"  # the profile field the step fills, and so its step id
DONE: Literal["done"] = "done"
# A short list that tells roles apart, not every tool the knowledge base has. Git and Java
# joined it because a path or "tools to learn" must not teach them to someone who uses them;
# like any tool they also count a little for the roles that list them (software engineer,
# and software engineer - machine learning for Java).
MAX_TOOLS = 18
MAX_ROW = 4  # buttons in one row: more would be cut short on a phone
# Letters in a typed tool name from which one slip is read past: not five, where real words
# are a slip from a tool ("spare", "stark" from Spark; "expel" from Excel: a reviewer's).
_SLIP_FROM = 6
# Between the tools of a typed list: "sql + excel" and "sql/excel" too (a button's own "Excel
# / Sheets" is matched whole first), but not a "+" inside a name ("c++": a tester's "matlab,
# c++, git" lost C++ without a word); a full stop before a word ("..., excel. little python"
# had read "excel python"), not inside a name ("node.js") nor before a number ("python. 3"
# would press button 3, a reviewer's).
_LIST_SEPARATORS = re.compile(r"[,;&/]|\.(?=\s+[^\W\d])|(?<!\+)\+(?!\+)|\band\b", re.IGNORECASE)


class ToolsStep(Protocol):
    """What the check reads of quiz_file's step (which imports this module for the check)."""

    @property
    def field(self) -> str | None: ...
    @property
    def options(self) -> str | None: ...
    @property
    def tools(self) -> tuple[tuple[str, ...], ...]: ...


def check_tools_step(
    src: Located, kb: Knowledge, step_id: str, step: ToolsStep
) -> Iterable[Problem]:
    at = ("steps", step_id)
    if step.field != KNOWN_TOOLS or step_id != KNOWN_TOOLS:
        yield src.problem(
            (*at, "field"),
            f"a tools step fills '{KNOWN_TOOLS}'",
            f"name the step and its field '{KNOWN_TOOLS}'",
        )
    if step.options is not None:
        yield src.problem((*at, "options"), "a tools step has no options", "list `tools` instead")
    ids = [tool for row in step.tools for tool in row]
    if not ids or len(ids) > MAX_TOOLS:
        yield src.problem(
            (*at, "tools"), f"{len(ids)} tools offered", f"offer 1 to {MAX_TOOLS} tools"
        )
    seen: set[str] = set()
    for r, row in enumerate(step.tools):
        if len(row) > MAX_ROW:
            yield src.problem(
                (*at, "tools", r), f"{len(row)} buttons in a row", f"{MAX_ROW} at most"
            )
        for i, tool in enumerate(row):
            where = (*at, "tools", r, i)
            if tool not in kb.tools:
                yield src.problem(where, f"unknown tool '{tool}'", "use an id from tools.yaml")
            elif tool in seen:
                yield src.problem(where, f"tool '{tool}' is offered twice", "offer it once")
            seen.add(tool)


class TypedTools(NamedTuple):
    """The tools a typed reply names; `listed` when it was a list ("excel and sheets" names
    one tool twice and still checks it), not one name or number (a number toggles its tool
    as the button does)."""

    tools: tuple[str, ...]
    listed: bool


def typed_tools(
    offered: Sequence[str],
    done_says: Iterable[str],
    names: Mapping[str, Iterable[str]],
    text: str,
) -> Literal["done"] | TypedTools | None:
    """What a typed reply on the tools step means: DONE; the tools it names (an offered one by
    its position from 1, any tool of `names` by its id or a name, or several in a list:
    "python, sql and excel", "1, 2, 5"); or None when it is neither (then it is a question for
    the FAQ). A list counts only if every part of it names a tool: "python and a bit of r" is
    a message."""
    words, done, parts = fold(text), {fold(said) for said in done_says}, list_parts(text)
    if _names_nothing(text):
        return None
    # "that is all, I am done" too (a tester's got the FAQ's fallback); a bare "and" is no
    # list of Done words (a reviewer's "and?" ended the quiz).
    if words in done or (parts and all(fold(part) in done for part in parts)):
        return DONE
    spellings = tool_spellings(names)
    whole = one_tool(offered, spellings, text)
    if whole is not None:
        return TypedTools((whole,), listed=False)
    parts = list_parts(text)
    found = [one_tool(offered, spellings, part) for part in parts]
    if len(found) < 2 or None in found:
        return None
    return TypedTools(tuple(dict.fromkeys(t for t in found if t is not None)), listed=True)


def list_parts(text: str) -> list[str]:
    """The parts of a typed list ("python, sql and excel"), empty ones left out."""
    return [part for part in _LIST_SEPARATORS.split(text) if not _names_nothing(part)]


def _names_nothing(text: str) -> bool:
    """No word and no digit: "٣" (an Arabic-Indic 3) folds to no ASCII word but is a number."""
    return not fold(text) and not any(ch.isdecimal() for ch in text)


def tool_spellings(names: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Every folded way to name a tool of `names` (its id and its names) to the tool."""
    return {fold(said): tool for tool, said_as in names.items() for said in (tool, *said_as)}


def one_tool(offered: Sequence[str], spellings: Mapping[str, str], typed: str) -> str | None:
    """The tool `typed` names: an offered one by its position from 1, any by a spelling, or
    None. A word
    of six letters or more may have one slip ("dokcer": a tester heard it was not on the
    list), when it is near one tool's spelling alone, with the same first letter."""
    position = typed_position(typed)
    if position is not None:
        return offered[position - 1] if 1 <= position <= len(offered) else None
    folded = fold(typed)
    if folded in spellings or len(folded) < _SLIP_FROM or " " in folded:
        return spellings.get(folded)
    near = {
        tool
        for said, tool in spellings.items()
        if said[:1] == folded[:1] and DamerauLevenshtein.distance(said, folded, score_cutoff=1) <= 1
    }
    return near.pop() if len(near) == 1 else None


def button_halves(label: str) -> tuple[str, ...]:
    """Each half of a button label such as "Excel / Sheets": typed alone, it means the button."""
    halves = tuple(half.strip() for half in label.split("/"))
    return halves if len(halves) > 1 else ()


def with_tools(
    chosen: Sequence[str], tools: Sequence[str], offered: Sequence[str]
) -> tuple[str, ...]:
    """`chosen` with every tool of `tools` added (a typed list says "I use these": typing one
    already checked keeps it checked), in order (see `_in_order`)."""
    return _in_order(set(chosen) | set(tools), offered, (*chosen, *tools))


def toggled(chosen: Sequence[str], tool: str, offered: Sequence[str]) -> tuple[str, ...]:
    """`chosen` with `tool` added or taken away, in order (see `_in_order`)."""
    return _in_order(set(chosen) ^ {tool}, offered, (*chosen, tool))


def _in_order(now: set[str], offered: Sequence[str], noted: Sequence[str]) -> tuple[str, ...]:
    """The tools of `now`: the offered ones in the order the buttons show them, then the ones
    with no button (typed: "pandas") in the order they were noted. A button press must not
    drop them: a tester who typed pandas and NumPy was then told to learn both."""
    off_buttons = dict.fromkeys(t for t in noted if t in now and t not in offered)
    return (*(t for t in offered if t in now), *off_buttons)
