"""`python -m bot` is the `career-bot` command."""

from bot.cli import run

if __name__ == "__main__":  # not when a worker process imports the main module
    raise SystemExit(run())
