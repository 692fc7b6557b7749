"""The exit status of a `career-bot` command; the numbers are part of its interface."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    UNEXPECTED_ERROR = 1  # a bug: logged with its traceback
    BAD_INPUT = 2  # bad input or invalid data: the message says what and where
    INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT (128 + 2)
    CLOSED_PIPE = 141  # the reader of stdout went away (`| head`), as a shell reports SIGPIPE
