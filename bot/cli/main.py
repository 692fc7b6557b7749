"""The `career-bot` command line and its one error boundary.

Exit codes (`ExitStatus`): 0 ok, 2 bad input or invalid data (the message says what and
where), 1 unexpected error (logged with its traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Sequence

from bot import __version__
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
    parser = argparse.ArgumentParser(
        prog="career-bot",
        description="A Telegram assistant that helps people find their place in AI work.",
        epilog="Exit codes: 0 ok, 2 bad input or invalid data, 1 unexpected error.",
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

    `env` defaults to the process's own streams and variables. argparse's usage, help and
    version texts still go to `sys.stdout`/`sys.stderr` (and raise SystemExit), as argparse
    does for every program.
    """
    env = env or Environment()
    install_logging(level=logging.WARNING, stream=env.stderr)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(env.stdout)
        return ExitStatus.OK
    return _run_handler(handler, args, env)


def _run_handler(handler: Handler, args: argparse.Namespace, env: Environment) -> ExitStatus:
    try:
        return handler(args, env)
    except DataError as exc:
        print("\n".join(str(p) for p in exc.problems), file=env.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=env.stderr)
        return ExitStatus.BAD_INPUT
    except ExpectedError as exc:
        print(f"error: {scrub(str(exc))}", file=env.stderr)
        return ExitStatus.BAD_INPUT
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    except Exception:
        log.exception("unexpected error")
        return ExitStatus.UNEXPECTED_ERROR
