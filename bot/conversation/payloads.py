"""Button payloads: one declared type per kind of button, packed short and unpacked strictly.

On the wire a payload is `1:<kind>:<field>:<field>...`, at most 64 bytes (Telegram's limit
for callback data); the leading `1` is the format version. The single-letter kinds appear only
in the declarations below: buttons already shown to people carry them, so they never change.
Unpacking checks only the shape and each field's type; the turn checks that the ids exist and
that the button is not stale. Anything else unpacks to None and touches no state.
(aiogram's `CallbackData` is the model: fields declared on a class, `pack` and `unpack`.)
"""

from __future__ import annotations

import inspect
import re
from dataclasses import astuple, dataclass
from typing import Any, ClassVar, Literal, Self, get_args, get_origin, get_type_hints

from bot.conversation.state import Confirmable

FORMAT = "1"
MAX_BYTES = 64
SEPARATOR = ":"
_WORD = re.compile(r"[a-z0-9_.]{1,60}")  # ids, steps and option values: no separator, ASCII
ResultActionName = Literal["why", "change", "tools", "path", "again", "refine", "result"]
ShortcutCommand = Literal["roles", "quiz", "help", "menu"]


@dataclass(frozen=True)
class ButtonPayload:
    """What a button says when pressed. Subclasses declare their kind and typed fields."""

    kind: ClassVar[str]
    in_private_quiz: ClassVar[bool] = False  # a group sends these to the private chat
    field_types: ClassVar[dict[str, Any]]  # the wire fields in order, with their types

    def __init_subclass__(cls, *, kind: str, in_private_quiz: bool = False) -> None:
        if kind in _KINDS:
            raise ValueError(f"payload kind {kind!r} is declared twice")
        cls.kind, cls.in_private_quiz = kind, in_private_quiz
        hints = get_type_hints(cls)
        cls.field_types = {name: hints[name] for name in inspect.get_annotations(cls)}
        _KINDS[kind] = cls

    def pack(self) -> str:
        """The wire form; a payload that would be refused on the way back (too long, a field
        outside its alphabet) fails here, so such a button is never handed out."""
        packed = SEPARATOR.join((FORMAT, self.kind, *(str(v) for v in astuple(self))))
        if len(packed.encode()) > MAX_BYTES or unpack(packed) != self:
            raise ValueError(f"invalid payload {packed!r}")
        return packed

    def belongs_to_private_quiz(self) -> bool:
        return self.in_private_quiz

    @classmethod
    def from_fields(cls, parts: list[str]) -> Self | None:
        """This payload from its wire fields, or None when one does not fit its type."""
        if len(parts) != len(cls.field_types):
            return None
        values = [_decode(part, t) for part, t in zip(parts, cls.field_types.values(), strict=True)]
        if any(value is None for value in values):
            return None
        return cls(*values)


_KINDS: dict[str, type[ButtonPayload]] = {}


def unpack(raw: str) -> ButtonPayload | None:
    """The payload `raw` packs, or None for anything malformed, unknown or oversized."""
    if len(raw.encode("utf-8", "replace")) > MAX_BYTES:
        return None
    version, _, rest = raw.partition(SEPARATOR)
    kind, _, packed_fields = rest.partition(SEPARATOR)
    payload_type = _KINDS.get(kind)
    if version != FORMAT or payload_type is None:
        return None
    return payload_type.from_fields(packed_fields.split(SEPARATOR))


def _decode(part: str, field_type: Any) -> object | None:
    if not _WORD.fullmatch(part):
        return None
    if field_type is int:
        return int(part) if part.isdigit() else None
    if get_origin(field_type) is Literal:
        return part if part in get_args(field_type) else None
    return part


# the quiz -----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizAnswer(ButtonPayload, kind="a", in_private_quiz=True):
    """One option of a quiz question, chosen. `value` is the option's value as text."""

    quiz_version: int
    step: str
    value: str


@dataclass(frozen=True)
class Skip(ButtonPayload, kind="s", in_private_quiz=True):
    quiz_version: int
    step: str


@dataclass(frozen=True)
class Back(ButtonPayload, kind="b", in_private_quiz=True):
    quiz_version: int
    step: str


@dataclass(frozen=True)
class ToggleTool(ButtonPayload, kind="t", in_private_quiz=True):
    """One tool of the tools step, checked or unchecked."""

    quiz_version: int
    step: str
    tool: str


@dataclass(frozen=True)
class ToolsDone(ButtonPayload, kind="d", in_private_quiz=True):
    """The tools step's choices are complete."""

    quiz_version: int
    step: str


@dataclass(frozen=True)
class ChangeAnswer(ButtonPayload, kind="g", in_private_quiz=True):
    """Answer one question again, from the result."""

    quiz_version: int
    question: str


@dataclass(frozen=True)
class ResultAction(ButtonPayload, kind="x", in_private_quiz=True):
    action: ResultActionName


@dataclass(frozen=True)
class WhyRole(ButtonPayload, kind="w", in_private_quiz=True):
    """One role beside the result's suggestion, picked where a typed "why not researcher?"
    named two."""

    role: str


@dataclass(frozen=True)
class Confirm(ButtonPayload, kind="y", in_private_quiz=True):
    what: Confirmable


@dataclass(frozen=True)
class Decline(ButtonPayload, kind="n", in_private_quiz=True):
    what: Confirmable


# browsing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ShowAnswer(ButtonPayload, kind="f"):
    """An FAQ answer, a role facet or a follow-up, by its answer id."""

    answer_id: str


@dataclass(frozen=True)
class ShowMore(ButtonPayload, kind="m"):
    """The rest of a long FAQ answer, by its answer id."""

    answer_id: str


@dataclass(frozen=True)
class Compare(ButtonPayload, kind="v"):
    """A comparison, as its two role ids: a whole `compare.<a>.<b>` id can exceed 64 bytes."""

    first: str
    second: str

    @property
    def answer_id(self) -> str:
        return f"compare.{self.first}.{self.second}"


@dataclass(frozen=True)
class OpenRole(ButtonPayload, kind="r"):
    role: str


@dataclass(frozen=True)
class CompareWith(ButtonPayload, kind="c"):
    """Pick the role to compare `role` with."""

    role: str


@dataclass(frozen=True)
class Shortcut(ButtonPayload, kind="l"):
    """A command without arguments, as a button."""

    command: ShortcutCommand

    def belongs_to_private_quiz(self) -> bool:
        return self.command == "quiz"


def show_answer(answer_id: str) -> ShowAnswer | Compare:
    """The button payload that shows `answer_id`; comparisons travel as their two role ids."""
    kind, _, rest = answer_id.partition(".")
    if kind == "compare":
        first, _, second = rest.partition(".")
        return Compare(first, second)
    return ShowAnswer(answer_id)
