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


MAX_BODY = 1 << 20  # an update is a few KB; refuse more before reading it into memory


class UpdateHandler(tornado.web.RequestHandler):
    def initialize(self, app: App, secret: str, in_flight: set[asyncio.Task[Any]]) -> None:
        self.app, self.secret, self.in_flight = app, secret, in_flight

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
        # The task is tracked so that a shutdown waits for it to finish its replies.
        task = asyncio.ensure_future(self.app.process_update(update))
        self.in_flight.add(task)
        task.add_done_callback(self.in_flight.discard)
        await asyncio.shield(task)
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
    in_flight: set[asyncio.Task[Any]] = set()
    handler_args = {"app": app, "secret": secret, "in_flight": in_flight}
    routes = [(f"/{url_path.strip('/')}", UpdateHandler, handler_args)]
    server = tornado.httpserver.HTTPServer(tornado.web.Application(routes), max_body_size=MAX_BODY)
    server.listen(port, address=listen)
    await app.bot.set_webhook(webhook_url, secret_token=secret, allowed_updates=allowed_updates)
    if app.post_init is not None:  # last: the command menu says "ready"
        await app.post_init(app)
    log.info("webhook served on %s:%s/%s", listen, port, url_path.strip("/"))
    await _until_stopped()
    server.stop()  # no new requests; the ones in flight finish their work and replies
    await asyncio.gather(*in_flight, return_exceptions=True)
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
