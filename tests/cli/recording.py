"""A stand-in for the background models in command tests: no model at all; it remembers
whether the command closed it on its way out."""

from __future__ import annotations

from bot.matching.background import Background


class RecordingBackground(Background):
    def __init__(self) -> None:
        super().__init__(None)
        self.closed = False

    def close(self, timeout: float = 0.0) -> bool:
        self.closed = True
        return super().close(timeout)
