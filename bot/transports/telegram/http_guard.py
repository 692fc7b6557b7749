"""The webhook's HTTP server, guarded against slow clients and too many of them.

A webhook exposed to the internet meets clients that open connections and send nothing, or
a byte at a time (slowloris). Tornado's defaults wait an hour for headers and accept
connections until the process runs out of file descriptors; its accept loop then fails on
every turn of the event loop ("Too many open files"), spinning a core and filling the log.
Here:

* the request line and headers must arrive within `header_timeout` seconds (also the most a
  kept-alive connection may sit idle), the body within `body_timeout`;
* at most `max_connections` connections are open: one beyond is closed as soon as it is
  accepted (never below what the descriptor limit leaves, see `connection_cap`);
* out of descriptors, the server stops accepting for `ACCEPT_PAUSE` seconds, saying so once.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import socket
from dataclasses import dataclass
from typing import Any

import tornado.httpserver
import tornado.iostream
import tornado.netutil
import tornado.web

log = logging.getLogger(__name__)

ACCEPT_PAUSE = 0.5  # seconds without accepting after the descriptor table was full
ACCEPTS_PER_TURN = 128  # connections taken per wake-up, so one flood does not starve the loop
FD_RESERVE = 64  # descriptors kept for the store, the Bot API client, logs and the like


@dataclass(frozen=True)
class ServerLimits:
    max_connections: int = 256
    header_timeout: float = 10.0  # seconds; Telegram sends an update's request at once
    body_timeout: float = 10.0
    max_header_size: int = 16 * 1024
    max_body_size: int = 1 << 20  # an update is a few KB


def connection_cap(wanted: int, reserve: int = FD_RESERVE) -> int:
    """`wanted`, lowered so that the open connections leave `reserve` descriptors free."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft - reserve))


class CountingHTTPServer(tornado.httpserver.HTTPServer):
    """Tornado's HTTP server, counting its open connections."""

    open_connections = 0

    def handle_stream(self, stream: tornado.iostream.IOStream, address: tuple[Any, ...]) -> None:
        self.open_connections += 1
        super().handle_stream(stream, address)

    def on_close(self, server_conn: object) -> None:
        self.open_connections -= 1
        super().on_close(server_conn)


class GuardedServer:
    """Serves `app` on sockets it accepts from itself, within `limits`."""

    def __init__(self, app: tornado.web.Application, limits: ServerLimits) -> None:
        self.limits = limits
        self.max_connections = connection_cap(limits.max_connections)
        self.http = CountingHTTPServer(
            app,
            idle_connection_timeout=limits.header_timeout,
            body_timeout=limits.body_timeout,
            max_header_size=limits.max_header_size,
            max_body_size=limits.max_body_size,
        )
        self.refused = 0  # connections closed at once for being beyond the cap
        self._sockets: list[socket.socket] = []
        self._resumes: dict[socket.socket, asyncio.TimerHandle] = {}

    def listen(self, port: int, address: str) -> int:
        """Start accepting; returns the port (a free one when `port` is 0)."""
        sockets = tornado.netutil.bind_sockets(port, address)
        for sock in sockets:
            self.add_socket(sock)
        return int(sockets[0].getsockname()[1])

    def add_socket(self, sock: socket.socket) -> None:
        """Accept on `sock`, a listening, non-blocking socket; it is closed with the server."""
        self._sockets.append(sock)
        self._watch(sock)

    def stop_accepting(self) -> None:
        loop = asyncio.get_running_loop()
        for timer in self._resumes.values():
            timer.cancel()
        for sock in self._sockets:
            loop.remove_reader(sock.fileno())
            sock.close()
        self._sockets = []

    async def close_all_connections(self) -> None:
        await self.http.close_all_connections()

    def _watch(self, sock: socket.socket) -> None:
        asyncio.get_running_loop().add_reader(sock.fileno(), self._accept, sock)

    def _accept(self, sock: socket.socket) -> None:
        for _ in range(ACCEPTS_PER_TURN):
            try:
                conn, address = sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except ConnectionAbortedError:
                continue  # the client gave up while queued
            except OSError as exc:  # EMFILE, ENFILE, ENOBUFS: nothing left to accept with
                self._pause(sock, exc)
                return
            if self.http.open_connections >= self.max_connections:
                self.refused += 1
                conn.close()
                log.warning("connection refused: %d open, the most allowed", self.max_connections)
                continue
            self.http.handle_stream(tornado.iostream.IOStream(conn), address)

    def _pause(self, sock: socket.socket, exc: OSError) -> None:
        """Stop watching the socket for a while: the failure would repeat at every turn."""
        log.warning("cannot accept connections (%s); pausing %.1f s", exc.strerror, ACCEPT_PAUSE)
        loop = asyncio.get_running_loop()
        loop.remove_reader(sock.fileno())
        self._resumes[sock] = loop.call_later(ACCEPT_PAUSE, self._resume, sock)

    def _resume(self, sock: socket.socket) -> None:
        self._resumes.pop(sock, None)
        if sock in self._sockets:
            self._watch(sock)
