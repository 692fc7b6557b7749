"""Memory the bot has freed, handed back to the system."""

from __future__ import annotations

import ctypes


def give_back_freed_memory() -> None:
    """Hand the pages loading freed back to the system. Loading frees more than it keeps (every
    phrasing read into words, a cold start's encoding and the heads' fits), and glibc keeps a
    thread's freed pages for reuse, so they stayed in the bot's RSS (`python -m
    benchmarks.startup`). Only glibc has malloc_trim; elsewhere this does nothing."""
    try:
        # The process's own symbols, libc's among them: no search for the library file.
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    trim(0)
