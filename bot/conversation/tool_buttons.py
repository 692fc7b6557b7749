"""The buttons of the quiz's tools step: a row per group of tools, a check mark on each tool
chosen so far, then Done with the count; a line for the tools noted with no button. Also the
row helpers every view uses."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from bot.content.knowledge import Knowledge
from bot.content.quiz import Quiz
from bot.conversation.events import Button
from bot.conversation.payloads import ToggleTool, ToolsDone

Rows = tuple[tuple[Button, ...], ...]


def tool_rows(kb: Knowledge, quiz: Quiz, step: str, chosen: Collection[str]) -> Rows:
    version, rows = quiz.version, []
    for group in quiz.steps[step].tools:
        row = []
        for tool in group:
            label = kb.tools[tool].label
            if tool in chosen:
                label = kb.text("btn_selected", label=label)
            row.append(Button(label, ToggleTool(version, step, tool).pack()))
        rows.append(tuple(row))
    done = ToolsDone(version, step).pack()
    return (*rows, (Button(kb.text("btn_tools_done", count=len(chosen)), done),))


def off_buttons(kb: Knowledge, quiz: Quiz, step: str, chosen: Collection[str]) -> list[str]:
    """A line naming the tools noted by name that no button shows ("pandas"), so the person
    sees them kept; none when there are none."""
    offered = quiz.tool_ids(step)
    labels = [kb.tools[tool].label for tool in chosen if tool not in offered]
    return [kb.text("quiz_tools_off_buttons", tools=", ".join(labels))] if labels else []


def in_rows(buttons: Iterable[Button], width: int) -> Rows:
    items = list(buttons)
    return tuple(tuple(items[i : i + width]) for i in range(0, len(items), width))
