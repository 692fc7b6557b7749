"""The webhook server: an update is answered 200 only after it has been processed.

python-telegram-bot's own webhook server queues an update and answers 200 at once, so an
instance killed right after has acknowledged updates it never applied, and Telegram does not
send them again. Here the request waits for the update's processing: the person's answer is
stored (with the update marked processed, in one transaction) before Telegram hears "done".
The processing goes through the application's update processor, like a polled update, so
`concurrent_updates` limits both. A request without the right secret gets 403 and changes
nothing. An update the store could not take (Redis down) gets 503: it was not applied, and
Telegram delivers it again later.

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
import tornado.netutil
import tornado.web
from telegram import Update
from telegram.ext import Application

from bot.transports.telegram.outcomes import Redeliveries

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
App = Application[Any, Any, Any, Any, Any, Any]


MAX_BODY = 1 << 20  # an update is a few KB; refuse more before reading it into memory


class UpdateHandler(tornado.web.RequestHandler):
    def initialize(
        self,
        app: App,
        secret: str,
        in_flight: set[asyncio.Task[Any]],
        redeliveries: Redeliveries | None,
    ) -> None:
        self.app, self.secret, self.in_flight = app, secret, in_flight
        self.redeliveries = redeliveries

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
        task = asyncio.ensure_future(_process_in_turn(self.app, update))
        self.in_flight.add(task)
        task.add_done_callback(self.in_flight.discard)
        await asyncio.shield(task)
        if self.redeliveries is not None and self.redeliveries.claim(update.update_id):
            self.set_status(HTTPStatus.SERVICE_UNAVAILABLE)  # not applied: deliver it again
            return
        self.set_status(HTTPStatus.OK)

    def get(self) -> None:
        self.set_status(HTTPStatus.METHOD_NOT_ALLOWED)


async def _process_in_turn(app: App, update: Update) -> None:
    """Process `update` through the application's update processor, as polling does, so
    `concurrent_updates` bounds webhook updates too: past the limit, an update waits for a
    free slot (and its request for its 200)."""
    await app.update_processor.process_update(update, app.process_update(update))


class WebhookServer:
    """The HTTP side of the webhook: takes updates at `url_path` and answers each when done;
    with `redeliveries` (shared with the adapter), 503 for an update the store could not take."""

    def __init__(
        self, app: App, *, url_path: str, secret: str, redeliveries: Redeliveries | None = None
    ) -> None:
        self.in_flight: set[asyncio.Task[Any]] = set()
        handler_args = {
            "app": app,
            "secret": secret,
            "in_flight": self.in_flight,
            "redeliveries": redeliveries,
        }
        routes = [(f"/{url_path.strip('/')}", UpdateHandler, handler_args)]
        self._http = tornado.httpserver.HTTPServer(
            tornado.web.Application(routes), max_body_size=MAX_BODY
        )

    def listen(self, port: int, address: str) -> int:
        """Start taking requests; returns the port (a free one when `port` is 0)."""
        sockets = tornado.netutil.bind_sockets(port, address)
        self._http.add_sockets(sockets)
        return int(sockets[0].getsockname()[1])

    async def close(self) -> None:
        """Take no new requests; the ones in flight finish their work and replies first."""
        self._http.stop()
        await asyncio.gather(*self.in_flight, return_exceptions=True)
        await self._http.close_all_connections()


async def serve_webhook(
    app: App,
    *,
    listen: str,
    port: int,
    url_path: str,
    webhook_url: str,
    secret: str,
    allowed_updates: list[str],
    redeliveries: Redeliveries | None = None,
) -> None:
    """Register the webhook, serve it until SIGTERM or SIGINT, then stop gracefully: the
    requests in flight finish before the store closes."""
    await app.initialize()
    server = WebhookServer(app, url_path=url_path, secret=secret, redeliveries=redeliveries)
    server.listen(port, listen)
    await app.bot.set_webhook(webhook_url, secret_token=secret, allowed_updates=allowed_updates)
    if app.post_init is not None:  # last: the command menu says "ready"
        await app.post_init(app)
    log.info("webhook served on %s:%s/%s", listen, port, url_path.strip("/"))
    await _until_stopped()
    await server.close()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
    await app.shutdown()


async def _until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
