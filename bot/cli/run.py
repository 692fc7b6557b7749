"""`career-bot run`: the real Telegram bot, by long polling or behind a webhook."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING

from bot.cli.arguments import listen_address, port
from bot.cli.database import named_by, open_checked
from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.settings import Settings, check_url, webhook_url

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_run_command(commands: Commands) -> None:
    run = commands.add_parser(
        "run",
        help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)",
        description="Long polling by default; with --webhook-url, a webhook server.",
    )
    run.add_argument(
        "--webhook-url",
        help="public URL Telegram posts updates to (its path is "
        "served as is, so a reverse proxy forwards requests unchanged)",
    )
    run.add_argument(
        "--listen", type=listen_address, default="127.0.0.1", help="webhook server address"
    )
    run.add_argument("--port", type=port, default=8443, help="webhook server port (1-65535)")
    run.add_argument(
        "--base-url",
        help="Bot API server, token appended (default: "
        "$TELEGRAM_API_BASE_URL or https://api.telegram.org/bot)",
    )
    run.set_defaults(handler=_run)


def _run(args: argparse.Namespace, env: Environment) -> ExitStatus:
    # Imported here, not at the top: `career-bot --help` must not pay for Telegram's imports.
    from bot import redaction as redact
    from bot.app import build_engine, load_data, start_models
    from bot.transports.telegram import launch
    from bot.transports.telegram.outcomes import Applied, Redeliveries

    settings = Settings.from_env(env.variables)
    token = settings.require_token()
    base_url = settings.api_base_url
    if args.base_url:
        base_url = check_url(args.base_url, "--base-url")
    webhook = webhook_url(args.webhook_url) if args.webhook_url else None
    redact.install(token, stream=env.stderr)
    # PTB runs on the current event loop: open the store on it first, so that a Redis
    # store's connections belong to the loop the bot serves from.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        storage = loop.run_until_complete(
            open_checked(
                settings.store_url,
                settings.db_path,
                named_by(None, env.variables),
                miss_memory=settings.miss_memory,
            )
        )
    except BaseException:
        loop.close()  # nothing was served on it
        raise
    # Behind a webhook, an update the store could not take is answered with an error status
    # and Telegram delivers it again; long polling has no such answer to give.
    redeliveries = Redeliveries() if webhook else None
    applied = None if webhook else Applied()  # polling confirms an update once it is stored
    data = load_data()
    models = start_models(data.kb, settings.cache_dir, embeddings=settings.embeddings)
    try:
        engine = build_engine(storage, data, models=models)
        app = launch.build_application(
            engine, storage, settings, token, base_url, redeliveries=redeliveries, applied=applied
        )
        launch.serve(
            app,
            settings,
            webhook,
            listen=args.listen,
            port=args.port,
            redeliveries=redeliveries,
            applied=applied,
        )
    finally:
        models.close()
    return ExitStatus.OK
