"""One person's conversation state: small, versioned JSON that survives restarts.

The state holds only what cannot be recomputed: the pending step, the answers, the steps
behind it (for Back) and a pending confirmation. Results are recomputed from the answers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from bot.content.questions import Answer
from bot.content.quiz import Quiz

STATE_SCHEMA = 1  # bump with a migration in `_upgrade` when the shape changes
Confirmable = Literal["restart", "forget"]  # what a Yes/No question asks


class StateError(ValueError):
    """Stored state that does not validate (corrupt)."""


class NewerStateError(StateError):
    """State written by a newer version (a newer schema or quiz) during a rolling upgrade or
    after a rollback: it must be left alone, not overwritten."""


@dataclass(frozen=True)
class UserState:
    quiz_version: int
    step: str | None = None  # the pending quiz step; None outside the quiz
    answers: dict[str, Answer] = field(default_factory=dict)  # question id -> value
    known_tools: tuple[str, ...] = ()  # the tools step's choices (absent in older states)
    trail: tuple[str, ...] = ()  # steps answered before `step`, for Back
    confirm: Confirmable | None = None
    changing: bool = False  # answering again from the result: return to it afterwards
    paused: bool = False  # /cancel: the step is kept for /quiz, typed text is not an answer
    finished: bool = False  # the quiz reached a result with these answers
    unsure: str | None = None  # the step where "not sure" was typed last (twice moves on)
    # The answer "Did you mean" named and the step it was named at: a typed yes there
    # presses it (a tester's "yes" was refused).
    offered: tuple[str, Answer] | None = None

    @property
    def known(self) -> bool:
        """Whether answers, tools or a result are kept: the person is no stranger."""
        return bool(self.answers or self.known_tools or self.finished)

    def to_json(self) -> str:
        data: dict[str, Any] = {"schema": STATE_SCHEMA, "quiz": self.quiz_version}
        if self.step is not None:
            data["step"] = self.step
        if self.answers:
            data["answers"] = self.answers
        if self.known_tools:
            data["tools"] = list(self.known_tools)
        if self.trail:
            data["trail"] = list(self.trail)
        if self.confirm is not None:
            data["confirm"] = self.confirm
        if self.changing:
            data["changing"] = True
        if self.paused:
            data["paused"] = True
        if self.finished:
            data["finished"] = True
        if self.unsure is not None:
            data["unsure"] = self.unsure
        if self.offered is not None:
            data["offered"] = list(self.offered)
        return json.dumps(data, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> UserState:
        """Parse and check the shape; `check_against` checks the content against a quiz."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise StateError(f"not JSON: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("schema"), int):
            raise StateError("unknown state schema")
        if data["schema"] > STATE_SCHEMA:
            raise NewerStateError(f"state schema {data['schema']} is newer than {STATE_SCHEMA}")
        if data["schema"] != STATE_SCHEMA:
            raise StateError("unknown state schema")
        return _from_dict(data)

    def check_against(self, quiz: Quiz) -> None:
        """Raise StateError unless every step and answer is valid in `quiz`."""
        if self.quiz_version != quiz.version:
            raise StateError("state from another quiz version")
        for step in (self.step, self.unsure, *self.trail):
            if step is not None and step not in quiz.steps:
                raise StateError(f"unknown step {step!r}")
        for question, value in self.answers.items():
            if question not in quiz.questions or quiz.option(question, value) is None:
                raise StateError(f"invalid answer {question}={value!r}")
        if not set(self.known_tools) <= set(quiz.all_tools if quiz.tools_step else ()):
            raise StateError(f"invalid tools {self.known_tools!r}")


def _from_dict(data: dict[str, Any]) -> UserState:
    answers = data.get("answers", {})
    trail = data.get("trail", [])
    tools = data.get("tools", [])
    offered = data.get("offered")
    checks = (
        isinstance(data.get("quiz"), int),
        isinstance(data.get("step"), str | None),
        isinstance(data.get("unsure"), str | None),
        isinstance(answers, dict) and all(isinstance(v, int | str) for v in answers.values()),
        isinstance(trail, list) and all(isinstance(s, str) for s in trail),
        isinstance(tools, list) and all(isinstance(t, str) for t in tools),
        data.get("confirm") in (None, "restart", "forget"),
    )
    if not all(checks):
        raise StateError("malformed state")
    return UserState(
        quiz_version=data["quiz"],
        step=data.get("step"),
        answers=dict(answers),
        known_tools=tuple(tools),
        trail=tuple(trail),
        confirm=data.get("confirm"),
        changing=bool(data.get("changing", False)),
        paused=bool(data.get("paused", False)),
        finished=bool(data.get("finished", False)),
        unsure=data.get("unsure"),
        offered=_offer(offered),
    )


def _offer(stored: object) -> tuple[str, Answer] | None:
    """An offer as stored, or None for any other shape: it lasts one turn and is checked
    against the quiz where it is used, so a bad one is dropped, never the whole state."""
    if not (isinstance(stored, list) and len(stored) == 2 and isinstance(stored[0], str)):
        return None
    value = stored[1]
    return (stored[0], value) if type(value) in (int, str) else None  # not a bool


def migrate(state: UserState, quiz: Quiz) -> tuple[UserState, str | None]:
    """Bring a state from an older quiz version to `quiz`: keep the answers that still fit
    and resume at the same step if it still exists, otherwise start over. Returns the new
    state and the message id explaining what happened (None when nothing changed)."""
    # The tools are checked against knowledge/tools.yaml, which has no version of its own: a
    # tool taken out of it leaves the person's tools, never the whole state.
    tools = tuple(t for t in state.known_tools if quiz.tools_step and t in quiz.all_tools)
    if state.quiz_version == quiz.version:
        return (state if tools == state.known_tools else replace(state, known_tools=tools)), None
    if state.quiz_version > quiz.version:
        raise NewerStateError(f"quiz {state.quiz_version} is newer than {quiz.version}")
    answers = {
        q: v
        for q, v in state.answers.items()
        if q in quiz.questions and quiz.option(q, v) is not None
    }
    trail = tuple(s for s in state.trail if s in quiz.steps)
    if state.step is None or state.step in quiz.steps:
        kept = replace(
            state,
            quiz_version=quiz.version,
            answers=answers,
            known_tools=tools,
            trail=trail,
            confirm=None,
            changing=False,
            unsure=None,  # a step of the old quiz may be gone
            offered=None,
        )
        return kept, "quiz_changed_resumed" if state.step else None
    fresh = UserState(quiz.version, step=quiz.start, answers=answers, known_tools=tools)
    return fresh, "quiz_changed_restart"
