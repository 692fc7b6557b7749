"""What the engine takes in and gives back: transport-neutral events and replies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

MAX_COMMAND_ARG = 200


@dataclass(frozen=True)
class Event:
    """One thing a person did: typed text, pressed a button, or sent a command."""

    user_id: int
    text: str = ""
    payload: str | None = None  # a button press
    command: str | None = None  # lowercase, without the slash
    arg: str = ""
    admin: bool = False  # the transport vouches that this person is an admin
    update_id: int | None = None  # the transport's id, to apply a redelivered update once
    private: bool = True  # a one-to-one chat; in a group, text is never a quiz answer

    @classmethod
    def typed(cls, user_id: int, raw: str, **extra: Any) -> Event:
        """Text as typed: `/cmd arg` is a command (`/cmd@botname` too), anything else text."""
        stripped = raw.strip()
        if stripped.startswith("/") and len(stripped) > 1:
            head, _, arg = stripped[1:].partition(" ")
            name = head.split("@", 1)[0].lower()
            if name.isascii() and name.replace("_", "").isalnum():
                return cls(user_id, command=name, arg=arg.strip()[:MAX_COMMAND_ARG], **extra)
        return cls(user_id, text=raw, **extra)

    @classmethod
    def pressed(cls, user_id: int, payload: str, **extra: Any) -> Event:
        return cls(user_id, payload=payload, **extra)


@dataclass(frozen=True)
class Button:
    label: str
    payload: str
    key: str = ""  # a navigation button's letter in the terminal, the same on every question


@dataclass(frozen=True)
class Image:
    """A picture drawn on demand: a transport can show "uploading a photo" and draw it off
    the event loop (a chart takes ~80 ms of CPU). `render` is picklable (a module-level
    function with its arguments), so the drawing may happen in another process."""

    render: Callable[[], bytes]
    caption: str

    @cached_property
    def png(self) -> bytes:
        return self.render()


@dataclass(frozen=True)
class Reply:
    """One bot message. `key` is the message id it is built on, so tests can assert on it
    whatever the wording; `replace` asks the transport to edit the previous bot message
    (the quiz steps forward in one message) instead of sending a new one."""

    key: str
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    image: Image | None = None
    replace: bool = False

    def button_labels(self) -> list[str]:
        return [button.label for row in self.buttons for button in row]
