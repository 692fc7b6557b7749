"""Put the Telegram side together: the application with our adapter and rate limiter, served
by long polling or behind our webhook server."""

from __future__ import annotations

import asyncio
import errno
import logging
from typing import Any
from urllib.parse import urlparse

from telegram.error import InvalidToken
from telegram.ext import Application, ApplicationBuilder

from bot.conversation.engine import Engine
from bot.problems import InputError
from bot.settings import Settings
from bot.storage.factory import Storage
from bot.transports.telegram.adapter import TelegramAdapter
from bot.transports.telegram.drawing import WorkerDrawer
from bot.transports.telegram.flood import FloodLimits
from bot.transports.telegram.http_guard import ServerLimits
from bot.transports.telegram.outcomes import Applied, Redeliveries
from bot.transports.telegram.polling import serve_polling
from bot.transports.telegram.ratelimit import RetryingRateLimiter
from bot.transports.telegram.webhook import serve_webhook

ALLOWED_UPDATES = ["message", "callback_query", "inline_query"]
# Why a webhook server cannot listen: the port is taken or privileged, or the address is not
# this machine's.
LISTEN_ERRORS = frozenset({errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL})
App = Application[Any, Any, Any, Any, Any, Any]
CONNECTIONS = 32  # to the Bot API, for every call but getUpdates
POOL_WAIT = 10.0  # seconds a call may wait for a free connection


def build_application(
    engine: Engine,
    storage: Storage,
    settings: Settings,
    token: str,
    base_url: str,
    *,
    redeliveries: Redeliveries | None = None,
    applied: Applied | None = None,
) -> App:
    """The application; with `redeliveries` (the webhook's), an update the store could not
    take is noted there, for the webhook to answer an error status; `applied` (long
    polling's) hears each update as soon as it is stored."""
    drawer = WorkerDrawer()
    adapter = TelegramAdapter(engine, settings.admins, redeliveries, drawer, applied)

    async def started(application: App) -> None:
        await adapter.publish_commands(application)

    async def stopped(_: App) -> None:
        await adapter.pictures.close()  # pictures still drawing get a moment, then go
        await storage.close()  # after the last in-flight update
        drawer.close()

    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .concurrent_updates(True)  # the engine keeps each person's events in order
        # httpcore looks over every pooled connection for each request; PTB's default of 256
        # connections made that a quarter of the bot's CPU under a spike (benchmarks.spike),
        # while 32 keep up with Telegram's pace. A request waits up to POOL_WAIT for one.
        .connection_pool_size(CONNECTIONS)
        .pool_timeout(POOL_WAIT)
        .rate_limiter(
            RetryingRateLimiter(limits=FloodLimits(bulk_per_second=settings.sends_per_second))
        )
        .post_init(started)
        .post_shutdown(stopped)
        .build()
    )
    adapter.install(app)
    return app


class _RefusedToken(logging.Filter):
    """PTB logs a refused token with its traceback before raising it; the command line
    reports it in one line, so the log record would only bury that line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], InvalidToken))


def serve(
    app: App,
    settings: Settings,
    webhook: str | None,
    *,
    listen: str,
    port: int,
    redeliveries: Redeliveries | None = None,
    applied: Applied | None = None,
) -> None:
    """Serve until SIGTERM or SIGINT, by long polling or as a webhook; either way Telegram
    hears an update is done only once it is stored. A token Telegram refuses, or an address
    the webhook server cannot listen on, is an input error, not a crash."""
    logging.getLogger("telegram.ext").addFilter(_RefusedToken())
    limiter = app.bot.rate_limiter
    # A stop abandons replies waiting for a flood limit: what they answer is stored already.
    on_stop = limiter.abandon_waits if isinstance(limiter, RetryingRateLimiter) else _nothing
    try:
        if webhook is None:
            serving = serve_polling(
                app, allowed_updates=ALLOWED_UPDATES, on_stop=on_stop, applied=applied
            )
        else:
            serving = serve_webhook(
                app,
                listen=listen,
                port=port,
                url_path=urlparse(webhook).path,
                webhook_url=webhook,
                secret=settings.webhook_secret.get_secret_value(),
                allowed_updates=ALLOWED_UPDATES,
                redeliveries=redeliveries,
                limits=_server_limits(settings),
                on_stop=on_stop,
            )
        asyncio.get_event_loop().run_until_complete(serving)
    except InvalidToken:
        raise InputError("Telegram refused TELEGRAM_BOT_TOKEN: check it with @BotFather") from None
    except OSError as exc:
        if exc.errno not in LISTEN_ERRORS:
            raise
        raise InputError(
            f"--listen {listen} --port {port}: cannot listen there: {exc.strerror}"
        ) from None


def _server_limits(settings: Settings) -> ServerLimits:
    timeout = settings.webhook_timeout
    return ServerLimits(
        max_connections=settings.webhook_connections, header_timeout=timeout, body_timeout=timeout
    )


def _nothing() -> None:
    return None
