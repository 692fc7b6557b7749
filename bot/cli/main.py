"""The `career-bot` command line and its one error boundary.

Exit codes: 0 ok, 2 bad input or invalid data (the message says what and where),
1 unexpected error (logged with its traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot import __version__
from bot.cli.chat import add_chat_command, add_misses_command
from bot.cli.kb import add_ask_command, add_export_command
from bot.cli.recommend import add_recommend_command
from bot.cli.run import add_run_command
from bot.problems import DataError, ExpectedError
from bot.redaction import install as install_logging
from bot.redaction import scrub

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130

log = logging.getLogger("career_bot")

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="career-bot",
        description="A Telegram assistant that helps people find their place in AI work.",
        epilog="Exit codes: 0 ok, 2 bad input or invalid data, 1 unexpected error.",
    )
    parser.add_argument("--version", action="version", version=f"career-bot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_kb(commands)
    add_ask_command(commands)
    add_chat_command(commands)
    add_run_command(commands)
    add_recommend_command(commands)
    return parser


def _add_kb(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kb = commands.add_parser("kb", help="check and export the knowledge base")
    kb_commands = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    check = kb_commands.add_parser("check", help="validate knowledge/ and conversations/")
    _add_dir(check)
    check.set_defaults(handler=_kb_check)
    add_export_command(kb_commands)
    add_misses_command(kb_commands)


def _add_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="folder holding knowledge/ (default: the installed project's own)",
    )


def _kb_check(args: argparse.Namespace) -> int:
    from bot.app import load_data

    data = load_data(args.dir)
    kb = data.kb
    phrasings = sum(len(entry.questions) for entry in kb.faq.values())
    templates = sum(len(t) for t in kb.phrasings.templates.values())
    print(
        f"ok: {len(kb.roles)} roles, {len(kb.tasks)} tasks, {len(kb.skills)} skills, "
        f"{len(kb.tools)} tools, {len(kb.faq)} FAQ entries, {phrasings} phrasings, "
        f"{templates} templates, {len(data.quiz.steps)} quiz steps"
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the only place that turns exceptions into exit codes."""
    install_logging(level=logging.WARNING)
    args = build_parser().parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        build_parser().print_help()
        return EXIT_OK
    try:
        return handler(args)
    except DataError as exc:
        print("\n".join(str(p) for p in exc.problems), file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ExpectedError as exc:
        print(f"error: {scrub(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception:
        log.exception("unexpected error")
        return EXIT_UNEXPECTED
