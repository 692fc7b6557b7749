"""`python -m bot` is the `career-bot` command."""

from bot.cli import main

raise SystemExit(main())
