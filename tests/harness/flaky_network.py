"""A slow and broken network between the bot and the Bot API: an HTTP proxy in front of the
fake that forwards every call, and for a share of them, drawn at random, answers late, never
answers (the bot's read times out, though the call was applied), or resets the connection
before the call reached the Bot API or after it was applied. 429s and 5xx are the fake's
own `fail_next`; these are the faults that are not answers at all.

    network = FlakyNetwork(fake.base_url, rate=0.1, seed=1)
    base_url = await network.start()        # give the bot this instead of fake.base_url
    ...
    await network.stop()
    network.injected                        # how many of each fault were injected
"""

from __future__ import annotations

import asyncio
import enum
import random
import socket
import struct
from collections import Counter

from aiohttp import ClientSession, ClientTimeout, web

# Start-up and polling are left alone: the faults are about the replies to people.
SPARED = frozenset({"getMe", "getUpdates", "setMyCommands", "deleteWebhook", "setWebhook"})
MOST_DELAY = 1.5  # seconds a slow answer takes at most: slow, yet inside the bot's timeout


class Fault(enum.Enum):
    SLOW = "answered late"
    TIMEOUT = "applied, never answered"
    RESET_BEFORE = "reset before it reached the Bot API"
    RESET_AFTER = "applied, then reset"


# How the faults share the fault rate.
MIX = {Fault.SLOW: 4, Fault.TIMEOUT: 2, Fault.RESET_BEFORE: 2, Fault.RESET_AFTER: 2}


class FlakyNetwork:
    def __init__(self, upstream: str, *, rate: float, seed: int) -> None:
        self.upstream = upstream.rstrip("/")  # the fake's base URL, ending in /bot
        self.rate = rate
        self.rng = random.Random(seed)
        self.injected: Counter[Fault] = Counter()
        self.session: ClientSession | None = None
        self.runner: web.AppRunner | None = None

    async def start(self) -> str:
        """Listen on 127.0.0.1; returns the base URL to give the bot (token appended)."""
        self.session = ClientSession(timeout=ClientTimeout(total=120))
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self.forward)
        # A handler whose client went away is cancelled: that is how a held answer ends.
        self.runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = self.runner.addresses[0][1]
        return f"http://127.0.0.1:{port}/bot"

    async def stop(self) -> None:
        if self.session is not None:
            await self.session.close()
        if self.runner is not None:
            await self.runner.cleanup()

    async def forward(self, request: web.Request) -> web.StreamResponse:
        fault = self._draw(request.match_info["method"])
        if fault is Fault.RESET_BEFORE:
            return await _reset(request)
        status, body, content_type = await self._pass_on(request)
        if fault is Fault.RESET_AFTER:
            return await _reset(request)
        if fault is Fault.TIMEOUT:
            return await _until_the_client_leaves()
        if fault is Fault.SLOW:
            await asyncio.sleep(self.rng.uniform(0, MOST_DELAY))  # the fault itself: latency
        return web.Response(status=status, body=body, content_type=content_type)

    def _draw(self, method: str) -> Fault | None:
        if method in SPARED or self.rng.random() >= self.rate:
            return None
        fault = self.rng.choices(list(MIX), weights=list(MIX.values()))[0]
        self.injected[fault] += 1
        return fault

    async def _pass_on(self, request: web.Request) -> tuple[int, bytes, str]:
        assert self.session is not None
        token, method = request.match_info["token"], request.match_info["method"]
        url = f"{self.upstream}{token}/{method}"
        headers = {"Content-Type": request.headers.get("Content-Type", "")}
        async with self.session.request(
            request.method, url, params=request.query, data=await request.read(), headers=headers
        ) as response:
            return response.status, await response.read(), response.content_type


async def _reset(request: web.Request) -> web.StreamResponse:
    """Drop the connection with a TCP reset, as a broken network does."""
    transport = request.transport
    assert transport is not None
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    return await _until_the_client_leaves()


async def _until_the_client_leaves() -> web.StreamResponse:
    """Hold the request until the client gives up on it (its read timeout) or its connection
    is gone: the server then cancels this handler."""
    await asyncio.Event().wait()
    raise AssertionError("unreachable: the handler is cancelled")
