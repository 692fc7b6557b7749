"""The transcript format (tests/conversation/transcripts/*.yaml), checked before a run.

A misspelled key (`expext:`) would otherwise be ignored and the turn checked for nothing, so
every mapping refuses keys it does not know, and each turn does exactly one thing.

Turn keys: `command` or `text` (typed; `{repeat: "x", times: 20000}` for a long one);
`press` (a button label shown so far, the newest first, as a person can press any button
still on screen); `payload` (a raw button payload, for stale or forged ones); `restart: true`
(a new engine over the same store, as after a process restart, whose opening replies are
checked); `expect`: the replies in order, each with `key` (the message id) and optionally
`contains`, `absent`, `buttons` (labels that must be there) and `image: true`; `store`: what
is stored (`people`, `step`, `answers`, `tools`, `finished`, `paused`; a key given as null
must be stored as null). A file has a `name`, its `turns`, and `charts: true` to draw charts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

ACTIONS = ("command", "text", "press", "payload", "restart")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Repeated(Strict):
    """A long input: `repeat` written `times` times."""

    repeat: str
    times: int

    def text(self) -> str:
        return self.repeat * self.times


class ExpectedReply(Strict):
    key: str
    contains: list[str] = []
    absent: list[str] = []
    buttons: list[str] = []
    image: bool = False


class ExpectedState(Strict):
    """What is stored for the person; only the keys given are checked."""

    people: int | None = None
    step: str | None = None
    answers: dict[str, Any] | None = None
    tools: list[str] | None = None  # the tools step's choices; none stored reads as []
    finished: bool | None = None
    paused: bool | None = None

    def given(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.model_fields_set}


class Turn(Strict):
    command: str | Repeated | None = None
    text: str | Repeated | None = None
    press: str | None = None
    payload: str | None = None
    restart: bool = False
    expect: list[ExpectedReply] | None = None
    store: ExpectedState | None = None

    @model_validator(mode="after")
    def _one_action(self) -> Turn:
        done = [name for name in ACTIONS if name in self.model_fields_set]
        if len(done) != 1:
            raise ValueError(f"a turn does exactly one of {', '.join(ACTIONS)}; this has {done}")
        return self

    def typed(self) -> str:
        """The text typed in a `command` or `text` turn."""
        typed = self.command if self.command is not None else self.text
        return typed.text() if isinstance(typed, Repeated) else typed or ""


class Transcript(Strict):
    name: str
    charts: bool = False
    turns: list[Turn]


class TranscriptError(Exception):
    """A transcript file that does not follow the format: the file and each problem."""


def load_transcript(path: Path) -> Transcript:
    """The transcript in `path`, or TranscriptError naming the file, the place and the key."""
    try:
        return Transcript.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as error:
        problems = [_problem(detail) for detail in error.errors()]
        raise TranscriptError("\n".join(f"{path}: {problem}" for problem in problems)) from None


def _problem(detail: Any) -> str:
    loc = list(detail["loc"])
    if detail["type"] == "extra_forbidden":
        return f"{_place(loc[:-1])}unknown key {loc[-1]!r}"
    return f"{_place(loc)}{detail['msg']}"


def _place(where: list[Any]) -> str:
    """'turn 3: expect[0]: ' for a place in the third turn (counted from 1, as the runner
    counts turns in its messages)."""
    if len(where) >= 2 and where[0] == "turns" and isinstance(where[1], int):
        inner = _path(where[2:])
        return f"turn {where[1] + 1}: " + (f"{inner}: " if inner else "")
    outer = _path(where)
    return f"{outer}: " if outer else ""


def _path(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text
