"""Command-line values checked where they are parsed, and a parser whose errors are one line.

Each checker is an argparse `type=`: a bad value is refused before the command starts, with
the option's name and what would be accepted, the way every other input error reads.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
from pathlib import Path
from typing import NoReturn

from bot.problems import InputError

# Telegram ids are signed 64-bit integers; a user's is positive.
LARGEST_USER_ID = 2**63 - 1
# A host name as RFC 1123 allows it: dot-separated labels of letters, digits and hyphens.
HOST_NAME = re.compile(
    r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
    r"(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)


class UsageError(InputError):
    """A command line argparse could not parse: bad flags, missing or malformed values."""


class Parser(argparse.ArgumentParser):
    """argparse prints the usage and exits; this raises instead, so the command line's error
    boundary reports it on one line, on the command's own stderr, like any other bad input."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def _integer(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {raw!r}") from None


def positive_int(raw: str) -> int:
    value = _integer(raw)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def port(raw: str) -> int:
    value = _integer(raw)
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 1-65535, got {value}")
    return value


def user_id(raw: str) -> int:
    value = _integer(raw)
    if not 1 <= value <= LARGEST_USER_ID:
        raise argparse.ArgumentTypeError(f"a Telegram user id is 1 to {LARGEST_USER_ID}")
    return value


def listen_address(raw: str) -> str:
    """An IP address, or a host name; digits and dots only must be a real IPv4 address."""
    try:
        ipaddress.ip_address(raw)
        return raw
    except ValueError:
        pass
    numeric = raw.replace(".", "").isdigit()
    if numeric or not HOST_NAME.match(raw):
        raise argparse.ArgumentTypeError(
            f"{raw!r} is not an IP address or host name (e.g. 127.0.0.1, 0.0.0.0, ::1)"
        )
    return raw


def folder(raw: str) -> Path:
    path = Path(raw)
    if not path.is_dir():
        why = "is not a folder" if path.exists() else "no such folder"
        raise argparse.ArgumentTypeError(f"{why}: {raw}")
    return path


def data_root(raw: str) -> Path:
    """A folder holding the knowledge base (`knowledge/`): a folder without one is one line,
    not a missing-file problem for each of its files."""
    path = folder(raw)
    if not (path / "knowledge").is_dir():
        raise argparse.ArgumentTypeError(
            f"{raw} holds no knowledge/ folder: name the project folder that holds it"
        )
    return path
