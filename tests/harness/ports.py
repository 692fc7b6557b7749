"""Free TCP ports on 127.0.0.1, for servers a test starts (the bot, Redis, a proxy)."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it; a rare race with another
    process taking it in between is accepted)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
