"""Where pictures are drawn: off the event loop, and for the running bot in a worker process.

A chart is 80-150 ms of CPU in matplotlib. Drawn on a thread it is off the loop but not off
the interpreter lock, so under a spike (benchmarks.spike: 200 people finishing the quiz
together) every person's next reply waited behind other people's charts. The running bot
therefore draws in one worker process of its own, started with the first picture ("spawn":
forking a process that runs threads is unsafe). A picture's recipe (`Image.render`) is
picklable for this. If the worker dies, the picture is drawn on a thread instead and the
next one starts a new worker: a person is never left without their chart.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait

from bot.conversation.events import Image

log = logging.getLogger(__name__)

WORKER_NICENESS = 10  # below the bot's priority: a chart can wait a little, a reply cannot


class Drawer:
    """Draws on a thread of this process: the default, and what tests use."""

    async def png(self, image: Image) -> bytes:
        return await asyncio.to_thread(lambda: image.png)

    def close(self) -> None:
        """Nothing to release."""


class WorkerDrawer(Drawer):
    """Draws in one worker process, started on the first picture."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    async def png(self, image: Image) -> bytes:
        loop = asyncio.get_running_loop()
        pool = self._worker()
        try:
            return await loop.run_in_executor(pool, image.render)
        except BrokenProcessPool as exc:
            log.warning("the drawing process stopped (%s): drawing on a thread", exc)
            if self._pool is pool:  # a newer worker, started since, is healthy: keep it
                self.close()
            return await super().png(image)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(1, mp_context=context, initializer=_quiet_worker)
        return self._pool


def _quiet_worker() -> None:
    """Ctrl-C in a terminal reaches the whole process group: the bot decides when to stop.
    Replies come before pictures: when the cores are busy, the worker yields to the bot.
    The worker ends when the bot closes the pool, or when the bot is gone (killed): a pool's
    worker would otherwise wait for work forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(WORKER_NICENESS)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(parent_sentinel: int) -> None:
    wait([parent_sentinel])  # ready when the parent process has ended
    os._exit(0)
