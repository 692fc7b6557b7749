"""The load of benchmarks.spike: people who act and wait for what they see, and the meters.

Each person is a closed loop, as a person at a phone is: act (a press, a command, a text),
wait for the bot's next visible reply (a new message or an edit), read it, act again. The
reply latency is the time from queuing the update on the fake Bot API to the first message
event of that chat. A press after which nothing shows within `REPLY_WITHIN` is a press
without a visible reply; the person then asks /quiz where they are and carries on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tests.harness.bot_api import FakeBotApi, SentMessage
from tests.harness.buttons import button_data
from tests.harness.quiz_taker import SHOW_RESULT, STEP_MARKERS, step_shown

REPLY_WITHIN = 20.0  # seconds: a reply later than this counts as none (a person gives up)
CHART_WITHIN = 60.0  # seconds for the chart after the result's text: drawn off the loop, slower
ASKS = 4  # "/quiz, where was I?" before a person is counted as stuck


@dataclass
class Tally:
    """What every person of one run saw."""

    latencies: list[float] = field(default_factory=list)
    updates: int = 0
    presses: int = 0
    silent: list[tuple[int, int]] = field(default_factory=list)
    """(person, update id) of each press after which nothing showed."""
    finished: int = 0


class Person:
    def __init__(self, fake: FakeBotApi, user: int, tally: Tally) -> None:
        self.fake, self.user, self.tally = fake, user, tally

    async def act(self, send: Callable[[], int], *, press: bool) -> SentMessage | None:
        """Queue one update and wait for the first thing the chat shows after it."""
        self.fake.take_shown(self.user)  # a late reply to something earlier is not this one's
        update_id = send()
        start = time.perf_counter()
        self.tally.updates += 1
        self.tally.presses += press
        shown = await self.fake.next_message_within(self.user, REPLY_WITHIN)
        if shown is None:
            if press:
                self.tally.silent.append((self.user, update_id))
            return None
        self.tally.latencies.append(time.perf_counter() - start)
        return shown

    async def take_quiz(self, labels: list[str]) -> None:
        """/quiz, the seven interest answers, "Show my result", until the chart is shown."""
        shown = await self.act(partial(self.fake.send_text, self.user, "/quiz"), press=False)
        for step, label in enumerate([*labels, SHOW_RESULT]):
            on = await self._until_showing(shown, step, label)
            data = button_data(on, label)
            assert data is not None
            shown = await self.act(
                partial(self.fake.press, self.user, on.message_id, data), press=True
            )
        while shown is None or not shown.is_photo:
            shown = await self.fake.next_message_within(self.user, CHART_WITHIN)
            if shown is None:
                return  # the result never came: not finished
        self.tally.finished += 1

    async def echo_chat(self, messages: int) -> None:
        """The same number of updates for the echo bot: texts, each waiting for its echo."""
        for n in range(messages):
            text = f"hello {self.user} number {n}"
            shown = await self.act(partial(self.fake.send_text, self.user, text), press=False)
            while shown is not None and shown.plain_text != text:
                shown = await self.fake.next_message_within(self.user, REPLY_WITHIN)
            if shown is None:
                return
        self.tally.finished += 1

    async def _until_showing(self, shown: SentMessage | None, step: int, label: str) -> SentMessage:
        """The first message event showing `step` with a `label` button, from `shown` on;
        after `REPLY_WITHIN` of silence, ask /quiz."""
        for _ in range(ASKS):
            while shown is not None:
                if step_shown(shown.plain_text) == STEP_MARKERS[step] and button_data(shown, label):
                    return shown
                shown = await self.fake.next_message_within(self.user, REPLY_WITHIN)
            shown = await self.act(partial(self.fake.send_text, self.user, "/quiz"), press=False)
        raise TimeoutError(f"person {self.user}: step {step} never showed")


class ProcessMeter:
    """CPU time and peak memory of the bot's processes over the loaded part of a run, their
    worker processes included (the chart worker starts with the first chart)."""

    def __init__(self, pids: list[int]) -> None:
        self.bots = pids
        self.cpu_start = self._cpu()
        self.wall_start = time.perf_counter()

    @property
    def pids(self) -> list[int]:
        return self.bots + [pid for bot in self.bots for pid in descendants(bot)]

    def cpu_percent(self) -> float:
        """CPU of all the processes together, in % of one core (200% = two cores busy)."""
        wall = time.perf_counter() - self.wall_start
        return 100 * (self._cpu() - self.cpu_start) / wall

    def rss_peak_mb(self) -> float:
        """The peak resident memory (VmHWM) of the processes, summed."""
        return sum(status_mb(pid, "VmHWM") for pid in self.pids)

    def _cpu(self) -> float:
        return sum(_cpu_seconds(pid) for pid in self.pids)


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, from each process's parent in /proc/<pid>/stat."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue  # it ended while we looked
    found, frontier = [], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def _cpu_seconds(pid: int) -> float:
    """User and system time from /proc/<pid>/stat (fields 14 and 15, after the name)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0  # a worker that has ended
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status_mb(pid: int, key: str) -> float:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0.0  # a worker that has ended
    for line in lines:
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return float("nan")
