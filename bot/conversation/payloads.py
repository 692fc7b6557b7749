"""Button payloads: short, versioned, and parsed strictly.

A payload is `1:<kind>:<arg>...` (at most 64 bytes, Telegram's limit for callback data). The
leading `1` is the format version. Parsing only checks the shape; the engine checks that the
ids exist and that the button is not stale. Anything else is refused without touching state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMAT = "1"
MAX_BYTES = 64
_PART = re.compile(r"^[a-z0-9_.]{1,60}$")
# kind -> how many arguments it takes
_ARITY = {
    "a": 3,  # answer: quiz version, step, value
    "s": 2,  # skip: quiz version, step
    "b": 2,  # back: quiz version, step
    "g": 2,  # change this answer (from the result): quiz version, step
    "f": 1,  # show an answer id (FAQ, role facet, follow-up)
    "v": 2,  # show a comparison: two role ids (a whole compare id can exceed 64 bytes)
    "r": 1,  # open a role card
    "c": 1,  # compare a role with...: role id
    "x": 1,  # a result action: why, change, tools, path, again, refine
    "y": 1,  # confirm: restart | forget
    "n": 1,  # decline: restart | forget
    "l": 1,  # a list: roles
}
RESULT_ACTIONS = frozenset({"why", "change", "tools", "path", "again", "refine"})
CONFIRMABLE = frozenset({"restart", "forget"})


@dataclass(frozen=True)
class Payload:
    kind: str
    args: tuple[str, ...]

    def encode(self) -> str:
        return ":".join((FORMAT, self.kind, *self.args))


def make(kind: str, *args: object) -> str:
    payload = Payload(kind, tuple(str(a) for a in args)).encode()
    if parse(payload) is None:  # never hand out a button we would refuse
        raise ValueError(f"invalid payload {payload!r}")
    return payload


def parse(raw: str) -> Payload | None:
    """The payload's kind and arguments, or None for anything malformed or oversized."""
    if len(raw.encode("utf-8", "replace")) > MAX_BYTES:
        return None
    parts = raw.split(":")
    if len(parts) < 2 or parts[0] != FORMAT or _ARITY.get(parts[1]) != len(parts) - 2:
        return None
    args = tuple(parts[2:])
    if not all(_PART.match(arg) for arg in args):
        return None
    return Payload(parts[1], args)


def answer_payload(answer_id: str) -> str:
    """The button that shows `answer_id`; comparisons travel as their two role ids."""
    kind, _, rest = answer_id.partition(".")
    if kind == "compare":
        first, _, second = rest.partition(".")
        return make("v", first, second)
    return make("f", answer_id)


def answer_id_of(payload: Payload) -> str | None:
    """The answer id an `f` or `v` payload asks for (not yet checked to exist)."""
    if payload.kind == "f":
        return payload.args[0]
    if payload.kind == "v":
        return "compare." + ".".join(payload.args)
    return None
