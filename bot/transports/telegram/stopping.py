"""How the bot stops, by polling or webhook alike: on SIGTERM or SIGINT, with the work in
flight given a bounded time to finish.

An orchestrator sends SIGTERM and kills about 10 s later. The stop abandons waits for flood
limits at once (see `ratelimit.RetryingRateLimiter.abandon_waits`), so in-flight updates
finish in moments; `STOP_GRACE` only bounds what is left (a store write, a call on the
wire), leaving time to close the store before the kill.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable, Collection
from typing import Any

log = logging.getLogger(__name__)

STOP_GRACE = 7.0  # seconds the updates in flight get to finish once the stop began
OnStop = Callable[[], object]


def stop_on_signals() -> asyncio.Event:
    """An event set by SIGTERM or SIGINT. Install it first thing: a signal during the start
    is then a stop, not a kill."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def finish_within(tasks: Collection[asyncio.Task[Any]], grace: float) -> int:
    """Wait up to `grace` seconds for `tasks`, then cancel the late ones; returns how many
    were cut short."""
    if not tasks:
        return 0
    _, late = await asyncio.wait(list(tasks), timeout=grace)
    for task in late:
        task.cancel()
    await asyncio.gather(*late, return_exceptions=True)
    return len(late)
