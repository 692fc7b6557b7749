"""`career-bot run`: the real Telegram bot, by long polling or behind a webhook."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from bot.config import Settings, check_url, webhook_url
from bot.problems import InputError

if TYPE_CHECKING:
    from telegram.ext import Application

    from bot.adapters.telegram import TelegramAdapter
    from bot.store import StateStore

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


def _run(args: argparse.Namespace) -> int:
    from bot import redact

    env_settings = Settings.from_env()
    token = env_settings.require_token()
    base_url = env_settings.api_base_url
    if args.base_url:
        base_url = check_url(args.base_url, "--base-url")
    webhook = webhook_url(args.webhook_url) if args.webhook_url else None
    redact.install(token)
    app, store = _build(env_settings, token, base_url)
    try:
        _serve(app, args, env_settings, webhook)
    finally:
        import asyncio

        asyncio.run(store.close())
    return 0


def _build(
    settings: Settings, token: str, base_url: str
) -> tuple[Application[Any, Any, Any, Any, Any, Any], StateStore]:
    from telegram.ext import ApplicationBuilder

    from bot.adapters.ratelimit import RetryingRateLimiter
    from bot.adapters.telegram import TelegramAdapter
    from bot.app import build_engine
    from bot.store import SqliteStore

    store = SqliteStore(settings.db_path)
    adapter = TelegramAdapter(build_engine(store), settings.admins)
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .concurrent_updates(True)  # the engine keeps each person's events in order
        .rate_limiter(RetryingRateLimiter())
        .post_init(lambda application: _started(application, adapter))
        .build()
    )
    adapter.install(app)
    return app, store


async def _started(
    app: Application[Any, Any, Any, Any, Any, Any], adapter: TelegramAdapter
) -> None:
    await adapter.publish_commands(app)


def _serve(
    app: Application[Any, Any, Any, Any, Any, Any],
    args: argparse.Namespace,
    settings: Settings,
    webhook: str | None,
) -> None:
    from telegram.error import InvalidToken

    try:
        if webhook is None:
            app.run_polling(allowed_updates=ALLOWED_UPDATES)
        else:
            app.run_webhook(
                listen=args.listen,
                port=args.port,
                url_path=urlparse(webhook).path.lstrip("/"),
                webhook_url=webhook,
                secret_token=settings.webhook_secret.reveal(),
                allowed_updates=ALLOWED_UPDATES,
            )
    except InvalidToken:
        raise InputError("Telegram refused TELEGRAM_BOT_TOKEN: check it with @BotFather") from None
