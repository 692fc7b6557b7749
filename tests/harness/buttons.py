"""Finding an inline button by its label, the way a person finds it on screen.

A label matches when it is the button's text or ends the text after a space: buttons may
carry a mark in front ("✓ Love it" for the answer given), and a person still reads "Love it".
"""

from __future__ import annotations

from collections.abc import Sequence

from tests.harness.bot_api import SentMessage


def label_matches(text: str, label: str) -> bool:
    return text == label or text.endswith(f" {label}")


def button_data(message: SentMessage, label: str) -> str | None:
    """The callback_data of the message's button with this label, or None."""
    for button in message.buttons():
        if label_matches(button["text"], label) and "callback_data" in button:
            return str(button["callback_data"])
    return None


def latest_button(messages: Sequence[SentMessage], label: str) -> tuple[SentMessage, str]:
    """The newest message with a button of this label, and that button's callback_data; as in
    Telegram, a person can press any button still on screen."""
    for message in reversed(messages):
        data = button_data(message, label)
        if data is not None:
            return message, data
    shown = [
        (m.message_id, (m.plain_text or "")[:60], [b["text"] for b in m.buttons()])
        for m in messages
    ]
    raise AssertionError(f"no button {label!r} on screen; messages: {shown}")
