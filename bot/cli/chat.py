"""`career-bot chat`: talk to the bot in a terminal, or pipe a conversation through it."""

from __future__ import annotations

import argparse
import asyncio
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.arguments import user_id
from bot.cli.database import named_by, open_checked
from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.settings import Settings

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

# How long a piped chat's first line waits for the models (about a second; about 20 s on a
# first run, which encodes every phrasing). A loader stuck longer than this is no reason to
# hang: the words answer, as they do while the bot's model loads.
MODELS_WAIT_S = 300.0


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
    chat.add_argument(
        "--user", type=user_id, default=1, help="the Telegram user id to chat as (default 1)"
    )
    chat.set_defaults(handler=_chat)


def _chat(args: argparse.Namespace, env: Environment) -> ExitStatus:
    settings = Settings.from_env(env.variables)
    # --db picks a SQLite file; without it, CAREER_BOT_STORE (Redis) or CAREER_BOT_DB.
    store_url = None if args.db else settings.store_url
    db = args.db or settings.db_path
    option = named_by(args.db, env.variables)
    asyncio.run(_chat_session(store_url, (db, option), args.user, env, settings))
    return ExitStatus.OK


async def _chat_session(
    store_url: str | None,
    database: tuple[Path, str],
    user: int,
    env: Environment,
    settings: Settings,
) -> None:
    from bot.app import build_engine, load_data, start_models
    from bot.transports.console import ConsoleChat

    db, option = database
    storage = await open_checked(store_url, db, option, miss_memory=settings.miss_memory)
    try:
        data = load_data()
        models = start_models(data.kb, settings.cache_dir, embeddings=settings.embeddings)
        try:
            engine = build_engine(storage, data, models=models)
            charts = db.parent / "charts"
            loaded = functools.partial(models.wait, MODELS_WAIT_S)
            await ConsoleChat(engine, user, env, charts, models_loaded=loaded).run()
        finally:
            models.close()
    finally:
        await storage.close()
