"""`career-bot chat` (the terminal chat) and `career-bot kb misses`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_chat_command(commands: Commands) -> None:
    chat = commands.add_parser(
        "chat",
        help="talk to the bot in this terminal (no Telegram needed)",
        description="Numbers press buttons of the latest message; anything else is typed.",
    )
    chat.add_argument(
        "--db",
        type=Path,
        default=None,
        help="SQLite file (default: $CAREER_BOT_DB or data/career-bot.sqlite3)",
    )
    chat.add_argument("--user", type=int, default=1, help="the user id to chat as (default 1)")
    chat.set_defaults(handler=_chat)


def add_misses_command(kb_commands: Commands) -> None:
    misses = kb_commands.add_parser(
        "misses", help="the questions the bot could not answer, most frequent first"
    )
    misses.add_argument("--db", type=Path, default=None, help="SQLite file")
    misses.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    misses.set_defaults(handler=_misses)


def _chat(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    # --db picks a SQLite file; without it, CAREER_BOT_STORE (Redis) or CAREER_BOT_DB.
    store_url = None if args.db else settings.store_url
    db = args.db or settings.db_path
    return asyncio.run(_chat_session(store_url, db, args.user))


async def _chat_session(store_url: str | None, db: Path, user: int) -> int:
    from bot.app import build_engine
    from bot.storage.factory import open_storage
    from bot.transports.console import ConsoleChat

    storage = await open_storage(store_url, db)
    try:
        chat = ConsoleChat(
            build_engine(storage),
            user,
            sys.stdin,
            sys.stdout,
            db.parent / "charts",
            interactive=sys.stdin.isatty(),
        )
        return await chat.run()
    finally:
        await storage.close()


def _misses(args: argparse.Namespace) -> int:
    from bot.storage.factory import sqlite_storage

    storage = sqlite_storage(args.db or Settings.from_env().db_path)
    try:
        misses = asyncio.run(storage.analytics.top_misses(max(1, args.limit)))
    finally:
        asyncio.run(storage.close())
    for miss in misses:
        print(f"{miss.count:6d}  {miss.text}")
    return 0
