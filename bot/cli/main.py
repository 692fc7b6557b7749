"""The `career-bot` command line and its one error boundary.

Exit codes (`ExitStatus`): 0 ok, 2 bad input or invalid data (one line says what and where,
never a traceback), 1 unexpected error (logged with its traceback), 130 interrupted, 141 the
reader of the output went away.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from bot import __version__
from bot.cli.arguments import Parser
from bot.cli.ask import add_ask_command
from bot.cli.chat import add_chat_command
from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.cli.kb import add_kb_commands
from bot.cli.recommend import add_recommend_command
from bot.cli.run import add_run_command
from bot.problems import DataError, ExpectedError
from bot.redaction import install as install_logging
from bot.redaction import scrub

log = logging.getLogger("career_bot")

Handler = Callable[[argparse.Namespace, Environment], ExitStatus]


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = Parser(
        prog="career-bot",
        description="A Telegram assistant that helps people find their place in AI work.",
        epilog="Exit codes: 0 ok, 2 bad input or invalid data, 1 unexpected error, "
        "130 interrupted, 141 output closed.",
    )
    parser.add_argument("--version", action="version", version=f"career-bot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_kb_commands(commands)
    add_ask_command(commands)
    add_chat_command(commands)
    add_run_command(commands)
    add_recommend_command(commands)
    return parser


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> ExitStatus:
    """Run one command; the only place that turns exceptions into exit codes.

    `env` defaults to the process's own streams and variables. argparse's help and version
    texts still go to `sys.stdout` (and raise SystemExit), as argparse does for every
    program; its errors are `UsageError`s, reported here like any other bad input.
    """
    env = env or Environment()
    install_logging(level=logging.WARNING, stream=env.stderr)
    try:
        return _command(argv, env)
    except DataError as exc:
        print("\n".join(str(p) for p in exc.problems), file=env.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=env.stderr)
        return ExitStatus.BAD_INPUT
    except BrokenPipeError:
        _discard_output(env.stdout)
        return ExitStatus.CLOSED_PIPE
    except (ExpectedError, OSError, UnicodeDecodeError) as exc:
        print(f"error: {scrub(_one_line(exc))}", file=env.stderr)
        return ExitStatus.BAD_INPUT
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    except Exception:
        log.exception("unexpected error")
        return ExitStatus.UNEXPECTED_ERROR


def _command(argv: Sequence[str] | None, env: Environment) -> ExitStatus:
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:  # refused by the command they follow, so the error names it and its --help
        typed = list(sys.argv[1:] if argv is None else argv)
        before = typed[: typed.index(extras[0])] if extras[0] in typed else typed
        blamed = _chosen_command(parser, args, before)
        blamed.error(f"unrecognized arguments: {' '.join(extras)}")
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(env.stdout)
        return ExitStatus.OK
    _strict_decoding(env.stdin)
    status = handler(args, env)
    env.stdout.flush()  # a reader that went away shows here, inside the boundary
    return status


def _chosen_command(
    parser: argparse.ArgumentParser, args: argparse.Namespace, before: list[str]
) -> argparse.ArgumentParser:
    """The parser of the (sub-)command typed before the unknown option (`before`): `kb
    check`'s for `kb check -x`, the program's own for `--bogus ask`."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = getattr(args, action.dest, None)
            if chosen is not None and chosen in before:
                rest = before[before.index(chosen) + 1 :]
                return _chosen_command(action.choices[chosen], args, rest)
    return parser


def _one_line(exc: BaseException) -> str:
    """What went wrong and where, on one line: OS errors name their file, decoding errors
    their byte."""
    if isinstance(exc, UnicodeDecodeError):
        return f"stdin: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x}); send UTF-8 text"
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename is not None else ""
        return f"{where}{exc.strerror}"
    return " ".join(str(exc).split())


def _strict_decoding(stdin: TextIO) -> None:
    """Bytes that are not UTF-8 on stdin are refused where they are read. Python's C-locale
    default (`surrogateescape`) would let them through, to fail deep in the store instead."""
    if isinstance(stdin, io.TextIOWrapper) and stdin.errors != "strict":
        stdin.reconfigure(errors="strict")


def _discard_output(stream: TextIO) -> None:
    """The reader of stdout went away: point the descriptor at /dev/null, so that Python's
    own flush at exit has nowhere to fail (the Python docs' advice for SIGPIPE)."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a file (a test's StringIO): nothing will flush it at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
