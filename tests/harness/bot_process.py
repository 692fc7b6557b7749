"""The real bot as a subprocess: `python -m bot run` pointed at a `FakeBotApi`.

`BotProcess` starts it (long polling, or webhook mode with `webhook_args`), kills it with
SIGKILL as a crash would, and stops it with SIGTERM as a deployment does. Its stderr goes to
a log file per start, listed in `logs`, so a test can check what the bot wrote (never the
token). `start_webhook_instances` starts several webhook instances on one Redis.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.harness.bot_api import FakeBotApi

# Shaped like a real token but with 7 digits before the colon: never mistaken for a real one.
TEST_TOKEN = "7654321:" + "e2eTokenForTests_" + "x" * 18
STARTED_WITHIN = 30.0  # seconds: a guard that only elapses when the bot never comes up
STOPPED_WITHIN = 30.0  # seconds: a graceful stop finishes in-flight updates first


def webhook_args(url: str, port: int) -> list[str]:
    """The command-line options of webhook mode, listening on 127.0.0.1 at `port`."""
    return ["--webhook-url", url, "--listen", "127.0.0.1", "--port", str(port)]


class BotProcess:
    """`python -m bot run --base-url <fake>` with its store in `db` and `args` added."""

    def __init__(
        self,
        fake: FakeBotApi,
        db: Path,
        *args: str,
        env: dict[str, str] | None = None,
        logs: list[Path] | None = None,
    ) -> None:
        self.fake, self.db, self.args, self.env = fake, db, args, env or {}
        self.logs = [] if logs is None else logs  # may be shared by several processes
        self.process: subprocess.Popen[bytes] | None = None

    async def start(self) -> None:
        """Start the bot and wait until it is ready: it has set its commands on the fake."""
        log = self.db.with_suffix(f".{len(self.logs)}.log")
        self.logs.append(log)
        before = len(self.fake.calls_of("setMyCommands"))
        with log.open("wb") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", "--base-url", self.fake.base_url, *self.args],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env=self._environment(),
            )
        await self.fake.wait_until(
            lambda: len(self.fake.calls_of("setMyCommands")) > before,
            timeout=STARTED_WITHIN,
            what="the bot set its commands (it is ready)",
        )

    async def kill(self) -> None:
        """SIGKILL: no goodbye, nothing finished."""
        self._signal(signal.SIGKILL)
        await self._exit(STOPPED_WITHIN)

    async def stop(self) -> int:
        """SIGTERM, then the exit code. The wait runs off the event loop: the fake server runs
        on it, and the bot finishes its in-flight updates against it before it exits."""
        self._signal(signal.SIGTERM)
        return await self._exit(STOPPED_WITHIN)

    def _environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": self.fake.token,
            "CAREER_BOT_DB": str(self.db),
            "PYTHONUNBUFFERED": "1",
            # Words only: a reply must not change when the model finishes loading mid-test.
            "CAREER_BOT_EMBEDDINGS": "off",
            **self.env,
        }

    def _signal(self, number: signal.Signals) -> None:
        assert self.process is not None, "the bot was never started"
        if self.process.poll() is None:
            self.process.send_signal(number)

    async def _exit(self, timeout: float) -> int:
        assert self.process is not None
        try:
            return await asyncio.to_thread(self.process.wait, timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the bot did not exit within {timeout} s") from None


async def start_webhook_instances(
    fake: FakeBotApi, folder: Path, url: str, ports: list[int], *, redis_url: str, secret: str
) -> list[BotProcess]:
    """`career-bot run` in webhook mode on each port, all on the Redis at `redis_url`; `url`
    is what Telegram posts to (a proxy in front of them)."""
    env = {"CAREER_BOT_STORE": redis_url, "TELEGRAM_WEBHOOK_SECRET": secret}
    instances = [
        BotProcess(fake, folder / f"i{n}.sqlite3", *webhook_args(url, port), env=env)
        for n, port in enumerate(ports)
    ]
    for instance in instances:
        await instance.start()
    return instances
