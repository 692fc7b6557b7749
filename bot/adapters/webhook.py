"""The webhook server: an update is answered 200 only after it has been processed.

python-telegram-bot's own webhook server queues an update and answers 200 at once, so an
instance killed right after has acknowledged updates it never applied, and Telegram does not
send them again. Here the request waits for `Application.process_update`: the person's
answer is stored (with the update marked processed, in one transaction) before Telegram hears
"done". A request without the right secret gets 403 and changes nothing.

Served with tornado, which python-telegram-bot's `webhooks` extra already brings.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from http import HTTPStatus
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
App = Application[Any, Any, Any, Any, Any, Any]


class UpdateHandler(tornado.web.RequestHandler):
    def initialize(self, app: App, secret: str) -> None:
        self.app, self.secret = app, secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self.set_status(HTTPStatus.FORBIDDEN)
            return
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.app.bot)
        except (ValueError, TypeError, KeyError):
            self.set_status(HTTPStatus.BAD_REQUEST)
            return
        # Errors inside are handled (and apologised for) by the application's error handler.
        await self.app.process_update(update)
        self.set_status(HTTPStatus.OK)

    def get(self) -> None:
        self.set_status(HTTPStatus.METHOD_NOT_ALLOWED)


async def serve_webhook(
    app: App,
    *,
    listen: str,
    port: int,
    url_path: str,
    webhook_url: str,
    secret: str,
    allowed_updates: list[str],
) -> None:
    """Register the webhook, serve it until SIGTERM or SIGINT, then stop gracefully: the
    requests in flight finish before the store closes."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.bot.set_webhook(webhook_url, secret_token=secret, allowed_updates=allowed_updates)
    routes = [(f"/{url_path.strip('/')}", UpdateHandler, {"app": app, "secret": secret})]
    server = tornado.httpserver.HTTPServer(tornado.web.Application(routes))
    server.listen(port, address=listen)
    log.info("webhook served on %s:%s/%s", listen, port, url_path.strip("/"))
    await _until_stopped()
    server.stop()
    await server.close_all_connections()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
    await app.shutdown()


async def _until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
