"""What the engine takes in and gives back: transport-neutral events and replies."""

from __future__ import annotations

from dataclasses import dataclass

MAX_COMMAND_ARG = 200


@dataclass(frozen=True)
class Event:
    """One thing a person did: typed text, pressed a button, or sent a command."""

    user_id: int
    text: str = ""
    payload: str | None = None  # a button press
    command: str | None = None  # lowercase, without the slash
    arg: str = ""

    @classmethod
    def typed(cls, user_id: int, raw: str) -> Event:
        """Text as typed: `/cmd arg` is a command (`/cmd@botname` too), anything else text."""
        stripped = raw.strip()
        if stripped.startswith("/") and len(stripped) > 1:
            head, _, arg = stripped[1:].partition(" ")
            name = head.split("@", 1)[0].lower()
            if name.isascii() and name.replace("_", "").isalnum():
                return cls(user_id, command=name, arg=arg.strip()[:MAX_COMMAND_ARG])
        return cls(user_id, text=raw)

    @classmethod
    def pressed(cls, user_id: int, payload: str) -> Event:
        return cls(user_id, payload=payload)


@dataclass(frozen=True)
class Button:
    label: str
    payload: str


@dataclass(frozen=True)
class Image:
    png: bytes
    caption: str


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
