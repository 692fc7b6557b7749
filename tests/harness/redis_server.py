"""A real redis-server for the tests, on 127.0.0.1 at a free port, without persistence.

One server serves the whole session: `SHARED`, started on first use and killed when the
session's process exits; the `redis_url` fixture hands out its URL. Tests that kill and
restart a server start one of their own (`RedisServer`). A test module uses the fixture by
importing it: `from tests.harness.redis_server import redis_url as redis_url` (the `as`
says the name is meant to be there, though no line of the module reads it).

Where redis-server is not installed, every Redis test skips with one reason. In CI
(CI=true) they fail instead: CI must run them, and `.ci/install-system-packages` installs it.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import socket
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

import pytest

from tests.harness.ports import free_port

MISSING = "redis-server not installed; .ci/run installs it"
READY_WITHIN = 10.0  # seconds for a fresh server to answer PING


def find_redis_server() -> str:
    """The redis-server binary, or a skip (locally) or a failure (in CI) saying it is missing."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{MISSING} (CI must run the Redis tests)", pytrace=False)
        say_once_that_redis_tests_skip()
        pytest.skip(MISSING)
    return binary


@functools.cache
def say_once_that_redis_tests_skip() -> None:
    """pytest lists skip reasons only when asked (-rs); a warning shows in every run's
    summary, once however many tests skip."""
    warnings.warn(f"{MISSING}: the Redis tests are skipped", stacklevel=1)


class RedisServer:
    """One redis-server process; `kill` then `start` is a crash and a restart on the same
    port (the data is gone: nothing is saved to disk)."""

    def __init__(self, binary: str, folder: Path) -> None:
        self.binary = binary
        self.folder = folder
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        log = (self.folder / "redis.log").open("ab")
        self._process = subprocess.Popen(
            [
                *(self.binary, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.folder)),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self._wait_until_ready()

    def kill(self) -> None:
        """SIGKILL, as a crash would: no goodbye to the clients."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None

    stop = kill  # nothing to save on the way out

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + READY_WITHIN
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                break  # it exited: the log says why (a taken port, a bad option)
            if answers_ping(self.port):
                return
            time.sleep(0.01)
        self.kill()
        log = (self.folder / "redis.log").read_text(errors="replace")
        raise RuntimeError(f"redis-server on port {self.port} did not start:\n{log[-2000:]}")


def answers_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class SharedServer:
    """The session's server, started when a test first needs it (a contract test builds its
    store outside any fixture), killed when the process exits."""

    def __init__(self) -> None:
        self._server: RedisServer | None = None

    def url(self, db: int = 0) -> str:
        if self._server is None:
            binary = find_redis_server()  # before making a folder that a skip would leave
            server = RedisServer(binary, Path(tempfile.mkdtemp(prefix="career-bot-redis-")))
            server.start()
            atexit.register(self.stop)
            self._server = server
        return self._server.url(db)

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            shutil.rmtree(self._server.folder, ignore_errors=True)
            self._server = None


SHARED = SharedServer()


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The URL of the session's redis-server (database 0), or a skip without one."""
    return SHARED.url()
