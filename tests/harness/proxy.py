"""A load balancer for webhook instances: what sits between Telegram and a scaled-out bot."""

from __future__ import annotations

import asyncio
import itertools
import json

import aiohttp
from aiohttp import web

from tests.harness.ports import free_port

HOOK_PATH = "/telegram/hook"


class RoundRobinProxy:
    """Round robin over the instances on `ports`, the next instance when one does not answer
    (as Telegram redelivers), and every `duplicate_every`-th update sent to two instances at
    once (as a retried or redelivered webhook call). Counts both in `duplicated` and
    `failovers`. A person `pin`ned to an instance has their updates sent there first and never
    twice: a test decides where their press lands."""

    def __init__(self, ports: list[int], duplicate_every: int = 6) -> None:
        self.ports = ports
        self.turn = itertools.count()
        self.duplicate_every = duplicate_every
        self.duplicated = 0
        self.failovers = 0
        self.pinned: dict[int, int] = {}  # person -> the index of their instance
        self.port = free_port()
        self.session: aiohttp.ClientSession | None = None
        self.runner: web.AppRunner | None = None

    async def start(self) -> str:
        """Listen; returns the webhook URL to give Telegram."""
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        app = web.Application()
        app.router.add_post(HOOK_PATH, self.forward)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()
        return f"http://127.0.0.1:{self.port}{HOOK_PATH}"

    async def stop(self) -> None:
        if self.session is not None:
            await self.session.close()
        if self.runner is not None:
            await self.runner.cleanup()

    def pin(self, person: int, port: int) -> None:
        """Send the updates of `person` to the instance on `port` (the next one while it does
        not answer)."""
        self.pinned[person] = self.ports.index(port)

    async def forward(self, request: web.Request) -> web.Response:
        body, headers = await request.read(), dict(request.headers)
        number = next(self.turn)
        pinned = self.pinned.get(_sender(body))
        if pinned is not None:
            return web.Response(status=await self._send(body, headers, pinned))
        if number % self.duplicate_every == 0:
            self.duplicated += 1
            statuses = await asyncio.gather(
                self._send(body, headers, number), self._send(body, headers, number + 1)
            )
            return web.Response(status=min(statuses))
        return web.Response(status=await self._send(body, headers, number))

    async def _send(self, body: bytes, headers: dict[str, str], start: int) -> int:
        assert self.session is not None
        for attempt in range(len(self.ports)):
            port = self.ports[(start + attempt) % len(self.ports)]
            try:
                async with self.session.post(
                    f"http://127.0.0.1:{port}{HOOK_PATH}", data=body, headers=headers
                ) as response:
                    return response.status
            except (aiohttp.ClientError, OSError):
                self.failovers += 1
        return 502


def _sender(body: bytes) -> int:
    """Who sent the update: the user of its message or callback query (0 for neither)."""
    update = json.loads(body)
    for kind in ("message", "callback_query"):
        if kind in update:
            return int(update[kind]["from"]["id"])
    return 0
