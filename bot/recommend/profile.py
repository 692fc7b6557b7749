"""The profile: a person's answers to the quiz, the recommender's input (a public JSON contract).

```
{"tasks":  {"<task id>": 0-4, ...},        # 0 dislike .. 2 neutral .. 4 love
 "code":   "prototyping" | "production" | "both",
 "deep_learning_interest": 0-4,
 "skills": {"<skill id>": 0-3, ...},       # 0 none, 1 beginning, 2 developing, 3 accomplished
 "known_tools": ["<tool id>", ...]}        # optional: tools the person already uses
```

Every key is optional and `null` means the same as a missing key: a skipped question is
unknown, not zero. Anything else that does not fit is refused with an `InputError` naming
the field, e.g. `skills.mathematics: 5 is out of range (use 0-3)`, every problem at once.

Each quiz question has an id (`QUESTION_IDS`); the quiz and the recommender's tie-breaker and
swap hint speak in those ids, and `Profile.answer` / `Profile.with_answer` map them to fields.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import cast

from bot.content.knowledge import SKILL_IDS, TASK_IDS
from bot.content.questions import (
    CODE_STYLES,
    INTERESTS,
    LEVELS,
    QUESTION_IDS,
    Answer,
    CodeStyle,
    listed,
    question_field,
)
from bot.problems import InputError

PROFILE_KEYS = ("tasks", "code", "deep_learning_interest", "skills", "known_tools")
_TOOL_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Profile:
    """A person's answers; only answered questions are present. Build with `parse_profile`."""

    tasks: Mapping[str, int] = field(default_factory=dict)
    code: CodeStyle | None = None
    deep_learning_interest: int | None = None
    skills: Mapping[str, int] = field(default_factory=dict)
    known_tools: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _raise_if(_problems(self._fields(), tool_ids=None))
        # Read-only views of private copies, so a frozen profile cannot change under us;
        # a None answer is a skipped question, so it is left out like a missing key.
        object.__setattr__(self, "tasks", MappingProxyType(_present(self.tasks)))
        object.__setattr__(self, "skills", MappingProxyType(_present(self.skills)))
        object.__setattr__(self, "known_tools", frozenset(self.known_tools))

    def __hash__(self) -> int:
        return hash((tuple(self.answers().items()), self.known_tools))

    def answer(self, question: str) -> Answer | None:
        """The answer to one quiz question, or None when it was skipped."""
        field_name, key = question_field(question)
        value: object = getattr(self, field_name)
        if isinstance(value, Mapping):
            return cast(Answer | None, value.get(key))
        return cast(Answer | None, value)

    def answers(self) -> dict[str, Answer]:
        """Every given answer by question id, in quiz order."""
        pairs = ((q, self.answer(q)) for q in QUESTION_IDS)
        return {question: value for question, value in pairs if value is not None}

    def with_answer(self, question: str, value: Answer | None) -> Profile:
        """A copy with one answer changed (None skips the question); validated like input."""
        data = self.to_dict()
        field_name, key = question_field(question)
        if key is None:
            data[field_name] = value
        else:
            data[field_name] = {**cast(dict[str, Answer], data.get(field_name, {})), key: value}
        return parse_profile(data)

    def _fields(self) -> dict[str, object]:
        known_tools = sorted(self.known_tools, key=str)
        return {
            "tasks": dict(self.tasks),
            "code": self.code,
            "deep_learning_interest": self.deep_learning_interest,
            "skills": dict(self.skills),
            "known_tools": known_tools,
        }

    def to_dict(self) -> dict[str, object]:
        """The JSON contract again, with skipped questions left out."""
        data: dict[str, object] = {}
        if self.tasks:
            data["tasks"] = {t: self.tasks[t] for t in TASK_IDS if t in self.tasks}
        if self.code is not None:
            data["code"] = self.code
        if self.deep_learning_interest is not None:
            data["deep_learning_interest"] = self.deep_learning_interest
        if self.skills:
            data["skills"] = {s: self.skills[s] for s in SKILL_IDS if s in self.skills}
        if self.known_tools:
            data["known_tools"] = sorted(self.known_tools)
        return data


def parse_profile(data: object, *, tool_ids: Collection[str] | None = None) -> Profile:
    """Validate decoded JSON into a Profile; InputError lists every problem with its field.

    `tool_ids` are the known tool ids (the knowledge base's); without them a tool id is only
    checked for its form.
    """
    _raise_if(_problems(data, tool_ids))
    valid = cast(dict[str, object], data)
    return Profile(
        tasks=cast(dict[str, int] | None, valid.get("tasks")) or {},
        code=cast(CodeStyle | None, valid.get("code")),
        deep_learning_interest=cast(int | None, valid.get("deep_learning_interest")),
        skills=cast(dict[str, int] | None, valid.get("skills")) or {},
        known_tools=frozenset(cast(list[str] | None, valid.get("known_tools")) or ()),
    )


def profile_from_json(
    text: str, source: str, *, tool_ids: Collection[str] | None = None
) -> Profile:
    """Decode and validate a profile; `source` names where the text came from in errors."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise InputError(f"{source}: not valid JSON at {where}: {exc.msg}") from None
    except RecursionError:
        raise InputError(f"{source}: JSON nested too deeply (a profile is two levels)") from None
    return parse_profile(data, tool_ids=tool_ids)


def _present(answers: Mapping[str, int | None]) -> dict[str, int]:
    return {key: value for key, value in answers.items() if value is not None}


def _raise_if(problems: list[str]) -> None:
    if problems:
        raise InputError("\n".join(problems))


def _problems(data: object, tool_ids: Collection[str] | None) -> list[str]:
    if not isinstance(data, dict):
        return [f"profile: expected a JSON object, got {_kind(data)} (start with {{)"]
    found = [
        _unknown(str(key), str(key), PROFILE_KEYS, "key") for key in data if key not in PROFILE_KEYS
    ]
    found += _answers_problems(data.get("tasks"), "tasks", TASK_IDS, "task", INTERESTS)
    found += _answers_problems(data.get("skills"), "skills", SKILL_IDS, "skill", LEVELS)
    found += _number_problems(
        data.get("deep_learning_interest"), "deep_learning_interest", INTERESTS
    )
    found += _code_problems(data.get("code"))
    found += _tools_problems(data.get("known_tools"), tool_ids)
    return found


def _answers_problems(
    value: object, name: str, ids: tuple[str, ...], kind: str, scale: range
) -> Iterator[str]:
    if value is None:
        return
    if not isinstance(value, dict):
        yield f"{name}: expected an object of {kind} ids to {_span(scale)}, got {_kind(value)}"
        return
    for key, answer in value.items():
        if key not in ids:
            yield _unknown(f"{name}.{key}", str(key), ids, kind)
        else:
            yield from _number_problems(answer, f"{name}.{key}", scale)


def _number_problems(value: object, name: str, scale: range) -> Iterator[str]:
    if value is None:
        return
    # bool is an int in Python, but `true` is not an answer on a 0-4 scale.
    if not isinstance(value, int) or isinstance(value, bool):
        yield f"{name}: expected a whole number, got {_shown(value)} (use {_span(scale)})"
    elif value not in scale:
        yield f"{name}: {value} is out of range (use {_span(scale)})"


def _code_problems(value: object) -> Iterator[str]:
    if value is not None and value not in CODE_STYLES:
        yield f"code: {_shown(value)} is not allowed (use {listed(CODE_STYLES, 'or')})"


def _tools_problems(value: object, tool_ids: Collection[str] | None) -> Iterator[str]:
    if value is None:
        return
    if not isinstance(value, list):
        yield f"known_tools: expected a list of tool ids, got {_kind(value)}"
        return
    for i, tool in enumerate(value):
        name = f"known_tools[{i}]"
        if not isinstance(tool, str) or not _TOOL_ID.match(tool):
            yield f"{name}: {_shown(tool)} is not a tool id (use snake_case, e.g. 'python')"
        elif tool_ids is not None and tool not in tool_ids:
            yield _unknown(name, tool, sorted(tool_ids), "tool")


def _unknown(name: str, given: str, allowed: Iterable[str], kind: str) -> str:
    allowed = tuple(allowed)
    close = difflib.get_close_matches(given, allowed, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"use one of: {listed(allowed)}"
    subject = f"unknown {kind} '{given}'" if kind == "tool" else f"unknown {kind}"
    return f"{name}: {subject} ({hint})"


def _span(scale: range) -> str:
    return f"{scale.start}-{scale.stop - 1}"


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false"}
    return names.get(type(value), _shown(value))


def _shown(value: object) -> str:
    text = json.dumps(value) if _is_json(value) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_json(value: object) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True
