"""`career-bot run`: the real Telegram bot, by long polling or behind a webhook."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from bot.cli.environment import Environment
from bot.cli.exit_status import ExitStatus
from bot.problems import InputError
from bot.settings import Settings, check_url, webhook_url

if TYPE_CHECKING:
    from telegram.ext import Application

    from bot.storage.factory import Storage

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

ALLOWED_UPDATES = ["message", "callback_query", "inline_query"]


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
    run.add_argument("--listen", default="127.0.0.1", help="webhook server address")
    run.add_argument("--port", type=int, default=8443, help="webhook server port")
    run.add_argument(
        "--base-url",
        help="Bot API server, token appended (default: "
        "$TELEGRAM_API_BASE_URL or https://api.telegram.org/bot)",
    )
    run.set_defaults(handler=_run)


def _run(args: argparse.Namespace, env: Environment) -> ExitStatus:
    from bot import redaction as redact

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
    storage = loop.run_until_complete(_open_storage(settings))
    app = _build(settings, token, base_url, storage)
    _serve(app, args, settings, webhook)
    return ExitStatus.OK


async def _open_storage(settings: Settings) -> Storage:
    from bot.storage.factory import open_storage

    return await open_storage(settings.store_url, settings.db_path)


def _build(
    settings: Settings, token: str, base_url: str, storage: Storage
) -> Application[Any, Any, Any, Any, Any, Any]:
    from telegram.ext import ApplicationBuilder

    from bot.app import build_engine
    from bot.transports.ratelimit import RetryingRateLimiter
    from bot.transports.telegram import TelegramAdapter

    adapter = TelegramAdapter(build_engine(storage), settings.admins)

    async def started(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await adapter.publish_commands(application)

    async def stopped(_: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await storage.close()  # after the last in-flight update

    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .concurrent_updates(True)  # the engine keeps each person's events in order
        .rate_limiter(RetryingRateLimiter())
        .post_init(started)
        .post_shutdown(stopped)
        .build()
    )
    adapter.install(app)
    return app


def _serve(
    app: Application[Any, Any, Any, Any, Any, Any],
    args: argparse.Namespace,
    settings: Settings,
    webhook: str | None,
) -> None:
    from telegram.error import InvalidToken

    from bot.transports.webhook import serve_webhook

    try:
        if webhook is None:
            app.run_polling(allowed_updates=ALLOWED_UPDATES)
            return
        serving = serve_webhook(
            app,
            listen=args.listen,
            port=args.port,
            url_path=urlparse(webhook).path,
            webhook_url=webhook,
            secret=settings.webhook_secret.get_secret_value(),
            allowed_updates=ALLOWED_UPDATES,
        )
        asyncio.get_event_loop().run_until_complete(serving)
    except InvalidToken:
        raise InputError("Telegram refused TELEGRAM_BOT_TOKEN: check it with @BotFather") from None
