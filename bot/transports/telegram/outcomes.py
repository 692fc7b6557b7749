"""What became of an update: applied, not applied (and worth delivering again), or applied
with a reply Telegram may not have received.

Telegram's network trouble (a reset, a timeout, a 5xx past the retries) is not our error:
it is logged in one line, never apologised for. An update the store could not take (Redis
down, a full disk) was not applied: behind the webhook it is answered with an error status,
so that Telegram delivers it again once the store is back.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram.error import BadRequest, NetworkError


def network_trouble(exc: BaseException | None) -> bool:
    """A failure of the way to Telegram (PTB counts a 400 as a NetworkError too: that one is
    a bug in what we sent)."""
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest)


class NotApplied(Exception):
    """The engine did not apply an update: nothing of it is stored. `__cause__` says why."""

    def __init__(self, update_id: int) -> None:
        super().__init__(f"update {update_id} was not applied")
        self.update_id = update_id


class Redeliveries:
    """The updates to leave with Telegram: not applied because the store was unavailable.
    The adapter's error handler notes them; the webhook claims each once its processing is
    over and answers an error status instead of 200."""

    def __init__(self) -> None:
        self._noted: set[int] = set()

    def note(self, update_id: int) -> None:
        self._noted.add(update_id)

    def claim(self, update_id: int) -> bool:
        """True (once) when `update_id` was noted."""
        if update_id not in self._noted:
            return False
        self._noted.discard(update_id)
        return True


class Applied:
    """Hears when an update is done: applied (its effect and processed mark stored) and its
    texts sent, before its picture is drawn and before the button's answer returns. Long
    polling then lets Telegram forget the update at once: a chart being drawn or a slow
    answerCallbackQuery must not hold the offset back, or every update beyond a window of 100
    waits for it. An update cut short before its texts went out (a stop abandoning a flood
    limit's wait) is not heard of, so Telegram delivers it again and the person sees where
    they are. A crash after its texts loses at most its picture (`/result` draws it again)."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[int], None]] = []

    def listen(self, listener: Callable[[int], None]) -> None:
        self._listeners.append(listener)

    def note(self, update_id: int) -> None:
        for listener in self._listeners:
            listener(update_id)
