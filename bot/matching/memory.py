"""Memory the bot has freed, handed back to the system."""

from __future__ import annotations

import ctypes
import ctypes.util


def give_back_freed_memory() -> None:
    """Hand the pages loading freed back to the system. Loading frees more than it keeps (every
    phrasing read into words, a cold start's encoding and the heads' fits), and glibc keeps a
    thread's freed pages for reuse, so they stayed in the bot's RSS (`python -m
    benchmarks.startup`). Only glibc has malloc_trim; elsewhere this does nothing."""
    try:
        trim = ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim
    except (OSError, AttributeError, TypeError):
        return
    trim(0)
