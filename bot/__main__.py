"""`python -m bot` is the `career-bot` command."""

from bot.cli.main import main

raise SystemExit(main())
