"""The command line: one module per command group and the one error boundary (main.py)."""

from __future__ import annotations

import signal

INTERRUPTED = 130  # ExitStatus.INTERRUPTED: this module imports nothing of ours


def run() -> int:
    """The `career-bot` entry point.

    Loading the commands takes a moment, and Ctrl-C in the middle of an import can surface
    as anything (pydantic-core's native start-up turns it into a panic), so it is held back
    until the import is done; then the command exits 130 quietly, as it does once it runs.
    """
    pressed: list[int] = []
    held = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if held:
        signal.signal(signal.SIGINT, lambda number, _: pressed.append(number))
    try:
        from bot.cli.main import main
    finally:
        if held:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    if pressed:
        return INTERRUPTED
    try:
        return int(main())
    except KeyboardInterrupt:  # before the command's own boundary took over
        return INTERRUPTED
