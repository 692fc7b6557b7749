"""Collapse runs of identical log lines, so a fault that repeats fast fills no disk.

A refused connection, an exhausted descriptor table or a failing call can log the same line
thousands of times a second. `RepeatCollapser`, a filter on the log handler, lets the first
line of a run through and holds back its repeats; when a different line comes, one line says
how many were held back ("... repeated N times"). A run that goes on is reported at 10, 100,
1000, ... repeats, so the log shows that it is still happening, in a handful of lines.
"""

from __future__ import annotations

import logging
import threading

RepeatKey = tuple[str, int, str, str]


def _key(record: logging.LogRecord) -> RepeatKey:
    """What makes two records the same line: logger, level, message and exception."""
    exc = record.exc_info[1] if record.exc_info else None
    failure = f"{type(exc).__name__}: {exc}" if exc is not None else ""
    return record.name, record.levelno, record.getMessage(), failure


def _milestone(n: int) -> bool:
    """10, 100, 1000, ...: where a run still going on is reported."""
    return n >= 10 and str(n).rstrip("0") == "1"


class _Summary(logging.LogRecord):
    """A "repeated N times" line: passed through, never collapsed itself."""


class RepeatCollapser(logging.Filter):
    """A filter on `handler`, which also writes its "repeated" lines."""

    def __init__(self, handler: logging.Handler) -> None:
        super().__init__()
        self.handler = handler
        self._lock = threading.Lock()  # records may come from worker threads
        self._last: RepeatKey | None = None
        self._last_record: logging.LogRecord | None = None
        self._repeats = 0  # repeats of the last line, held back
        self._reported = 0  # how many of them a "so far" line has told

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record, _Summary):
            return True
        key = _key(record)
        with self._lock:
            if key == self._last:
                self._repeats += 1
                summary = self._summary("so far") if _milestone(self._repeats) else None
                if summary is not None:
                    self._reported = self._repeats
                passed = False
            else:
                ended = self._repeats > self._reported
                summary = self._summary("in all") if ended else None
                self._last, self._last_record = key, record
                self._repeats = self._reported = 0
                passed = True
        if summary is not None:
            self.handler.handle(summary)
        return passed

    def _summary(self, how: str) -> logging.LogRecord:
        """A record like the repeated one, saying how often it came again."""
        last = self._last_record
        assert last is not None
        return _Summary(
            last.name,
            last.levelno,
            last.pathname,
            last.lineno,
            "... the previous line repeated %d times %s: %s",
            (self._repeats, how, last.getMessage()),
            None,
        )
