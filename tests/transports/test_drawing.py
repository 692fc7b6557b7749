"""The running bot draws its charts in a worker process: the real chart comes back as a PNG,
a worker that dies costs no picture, and a worker never outlives a killed bot."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from functools import partial

from bot.content.knowledge import load_knowledge
from bot.content.recommender_config import load_recommender_config
from bot.conversation.events import Image
from bot.recommend.chart import chart_plan, chart_png
from bot.recommend.profile import parse_profile
from bot.recommend.recommender import recommend
from bot.transports.telegram.drawing import Drawer, WorkerDrawer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BOUND = 60.0  # seconds: a spawned worker imports matplotlib, slow on a loaded machine


def drawing_process(_: object = None) -> bytes:
    """A picture recipe that says which process drew it."""
    return str(os.getpid()).encode()


def niceness(_: object = None) -> bytes:
    return str(os.nice(0)).encode()


def dies_outside(parent: int) -> bytes:
    """Draws in the bot's own process; kills any other process that runs it."""
    if os.getpid() != parent:
        os._exit(1)
    return b"drawn in the bot"


async def test_the_real_chart_is_drawn_in_another_process() -> None:
    kb, config = load_knowledge(), load_recommender_config()
    profile = parse_profile({"tasks": {"modeling": 4}, "skills": {"machine_learning": 2}})
    plan = chart_plan(profile, recommend(profile, kb, config), kb, config)
    drawer = WorkerDrawer()
    try:
        png = await drawer.png(Image(partial(chart_png, plan), "caption"))
        where = await drawer.png(Image(drawing_process, "caption"))
    finally:
        drawer.close()
    assert png.startswith(PNG_SIGNATURE)
    assert int(where) != os.getpid()


async def test_the_worker_yields_the_cores_to_the_bot() -> None:
    drawer = WorkerDrawer()
    try:
        worker = int(await drawer.png(Image(niceness, "caption")))
    finally:
        drawer.close()
    assert worker > os.nice(0), "replies come before pictures when the cores are busy"


async def test_a_worker_that_dies_costs_no_picture_and_the_next_gets_a_new_worker() -> None:
    drawer = WorkerDrawer()
    try:
        first = int(await drawer.png(Image(drawing_process, "caption")))
        rescued = await drawer.png(Image(partial(dies_outside, os.getpid()), "caption"))
        after = int(await drawer.png(Image(drawing_process, "caption")))
    finally:
        drawer.close()
    assert rescued == b"drawn in the bot"
    assert os.getpid() not in (first, after)
    assert after != first, "the dead worker was replaced"


async def test_the_default_drawer_draws_on_a_thread_of_this_process() -> None:
    assert int(await Drawer().png(Image(drawing_process, "caption"))) == os.getpid()


SCRIPT = """
import asyncio, sys
from bot.conversation.events import Image
from bot.transports.telegram.drawing import WorkerDrawer
from tests.transports.test_drawing import drawing_process

async def main():
    drawer = WorkerDrawer()
    print(int(await drawer.png(Image(drawing_process, "c"))), flush=True)
    sys.stdin.read()  # until the test kills this process

asyncio.run(main())
"""


def test_a_worker_ends_when_the_bot_is_killed() -> None:
    bot = subprocess.Popen(
        [sys.executable, "-c", SCRIPT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # a killed process's semaphore tracker complains
        text=True,
    )
    try:
        assert bot.stdout is not None
        worker = int(bot.stdout.readline())
        watch = os.pidfd_open(worker)
    finally:
        bot.send_signal(signal.SIGKILL)
        bot.wait(BOUND)
    try:
        ended, _, _ = select.select([watch], [], [], BOUND)
    finally:
        os.close(watch)
    assert ended, f"worker {worker} still runs {BOUND:.0f} s after the bot was killed"
