"""The webhook's HTTP server against slow and too many clients, in process: a client that
sends its headers too slowly is dropped, connections beyond the cap are closed at once while
those within it are served, and a full descriptor table pauses accepting instead of spinning.

Timeouts are configured tiny; the test waits on the server's own doing (a connection closed,
a response read), never on a clock of its own.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import resource
import socket
from collections.abc import AsyncIterator

import pytest
import tornado.web

from bot.transports.telegram import http_guard
from bot.transports.telegram.http_guard import GuardedServer, ServerLimits

WITHIN = 10  # seconds: only a bound on a hang
PARTIAL = b"POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\n"  # the headers never end
COMPLETE = b"GET /hook HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


class Hook(tornado.web.RequestHandler):
    def get(self) -> None:
        self.write("ok")


def serve(limits: ServerLimits) -> tuple[GuardedServer, int]:
    server = GuardedServer(tornado.web.Application([("/hook", Hook)]), limits)
    return server, server.listen(0, "127.0.0.1")


@pytest.fixture
async def closing() -> AsyncIterator[list[GuardedServer]]:
    servers: list[GuardedServer] = []
    yield servers
    for server in servers:
        server.stop_accepting()
        await server.close_all_connections()


async def connect(port: int, first: bytes) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(first)
    await writer.drain()
    return reader, writer


async def closed_by_server(reader: asyncio.StreamReader) -> bool:
    """Whether the server closes the connection without answering (EOF or a reset)."""
    try:
        data = await asyncio.wait_for(reader.read(), WITHIN)
    except ConnectionResetError:
        return True
    return data == b""


async def served(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bytes:
    writer.write(COMPLETE)
    await writer.drain()
    return await asyncio.wait_for(reader.readuntil(b"ok"), WITHIN)


async def test_clients_that_never_finish_their_headers_are_dropped(
    closing: list[GuardedServer],
) -> None:
    server, port = serve(ServerLimits(header_timeout=0.05))
    closing.append(server)
    clients = [await connect(port, PARTIAL) for _ in range(20)]
    assert all([await closed_by_server(reader) for reader, _ in clients])
    fresh = await connect(port, b"")
    assert (await served(*fresh)).startswith(b"HTTP/1.1 200")
    for _, writer in [*clients, fresh]:
        writer.close()


async def test_connections_beyond_the_cap_are_closed_while_those_within_are_served(
    closing: list[GuardedServer],
) -> None:
    cap = 5
    server, port = serve(ServerLimits(max_connections=cap, header_timeout=60))
    closing.append(server)
    within = [await connect(port, PARTIAL) for _ in range(cap)]
    beyond = await connect(port, PARTIAL)
    assert await closed_by_server(beyond[0])
    assert server.refused == 1
    reader, writer = await connect(port, b"")  # also beyond: the idle ones still hold on
    assert await closed_by_server(reader)
    # One of those within finishes its request: served, though the cap is reached.
    first_reader, first_writer = within[0]
    first_writer.write(b"\r\n")  # the end of its headers: a POST without a body
    await first_writer.drain()
    answer = await asyncio.wait_for(first_reader.readuntil(b"\r\n"), WITHIN)
    assert answer.startswith(b"HTTP/1.1 405")  # the route has no POST: it was handled
    for _, each in [*within, beyond, (reader, writer)]:
        each.close()


class Exhausted(socket.socket):
    """A listening socket whose first `failures` accepts fail as a full descriptor table."""

    def __init__(self, failures: int) -> None:
        super().__init__(socket.AF_INET, socket.SOCK_STREAM)
        self.failures, self.accepts = failures, 0

    def accept(self) -> tuple[socket.socket, object]:
        self.accepts += 1
        if self.accepts <= self.failures:
            raise OSError(errno.EMFILE, "Too many open files")
        return super().accept()


async def test_a_full_descriptor_table_pauses_accepting_instead_of_spinning(
    closing: list[GuardedServer], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(http_guard, "ACCEPT_PAUSE", 0.01)
    server = GuardedServer(tornado.web.Application([("/hook", Hook)]), ServerLimits())
    closing.append(server)
    listening = Exhausted(failures=3)
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    listening.setblocking(False)
    server.add_socket(listening)
    with caplog.at_level(logging.WARNING, logger=http_guard.__name__):
        client = await connect(listening.getsockname()[1], b"")
        assert (await served(*client)).startswith(b"HTTP/1.1 200")
    # Each failure paused accepting: 3 failed accepts, the one that worked, and the one
    # that found the queue empty. A spinning loop would have tried thousands of times.
    assert listening.accepts == 5
    pauses = [r for r in caplog.records if "cannot accept" in r.getMessage()]
    assert len(pauses) == 3
    client[1].close()


def test_the_cap_leaves_descriptors_for_everything_else() -> None:
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert http_guard.connection_cap(10) == 10
    if soft != resource.RLIM_INFINITY:
        assert http_guard.connection_cap(10**9) == soft - http_guard.FD_RESERVE
