"""`python -m bot` is the `career-bot` command."""

from bot.cli import run

raise SystemExit(run())
