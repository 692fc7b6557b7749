"""The webhook server: an update is answered 200 only after it has been processed.

python-telegram-bot's own webhook server queues an update and answers 200 at once, so an
instance killed right after has acknowledged updates it never applied, and Telegram does not
send them again. Here the request waits for the update's processing: the person's answer is
stored (with the update marked processed, in one transaction) before Telegram hears "done".
The processing goes through the application's update processor, like a polled update, so
`concurrent_updates` limits both. A request without the right secret gets 403 and changes
nothing. An update the store could not take (Redis down) gets 503: it was not applied, and
Telegram delivers it again later.

Served with tornado, which python-telegram-bot's `webhooks` extra already brings, guarded
against slow and too many clients (`http_guard`). An update whose processing was abandoned by
a stop gets 503: Telegram delivers it again, and what it stored makes that harmless.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Update
from telegram.ext import Application

from bot.transports.telegram.http_guard import GuardedServer, ServerLimits
from bot.transports.telegram.outcomes import Redeliveries
from bot.transports.telegram.stopping import STOP_GRACE, OnStop, finish_within, stop_on_signals

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
App = Application[Any, Any, Any, Any, Any, Any]


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
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            if not task.cancelled():
                raise  # this request itself was cancelled
            self.set_status(HTTPStatus.SERVICE_UNAVAILABLE)  # cut short by a stop
            return
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
        self,
        app: App,
        *,
        url_path: str,
        secret: str,
        redeliveries: Redeliveries | None = None,
        limits: ServerLimits | None = None,
    ) -> None:
        self.in_flight: set[asyncio.Task[Any]] = set()
        handler_args = {
            "app": app,
            "secret": secret,
            "in_flight": self.in_flight,
            "redeliveries": redeliveries,
        }
        routes = [(f"/{url_path.strip('/')}", UpdateHandler, handler_args)]
        self.server = GuardedServer(tornado.web.Application(routes), limits or ServerLimits())

    def listen(self, port: int, address: str) -> int:
        """Start taking requests; returns the port (a free one when `port` is 0)."""
        return self.server.listen(port, address)

    async def close(self, grace: float = STOP_GRACE) -> None:
        """Take no new requests; the ones in flight get `grace` seconds to finish their work
        (the rest are cut short and answered 503), then every connection is closed."""
        self.server.stop_accepting()
        late = await finish_within(self.in_flight, grace)
        if late:
            log.warning("%d update(s) cut short by the stop; Telegram sends them again", late)
        await self.server.close_all_connections()


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
    limits: ServerLimits | None = None,
    on_stop: OnStop = lambda: None,
) -> None:
    """Register the webhook, serve it until SIGTERM or SIGINT, then stop gracefully: the
    requests in flight finish (rate-limit waits abandoned by `on_stop`) before the store
    closes."""
    stop = stop_on_signals()  # first: a stop during the start is a stop, not a kill
    await app.initialize()
    server = WebhookServer(
        app, url_path=url_path, secret=secret, redeliveries=redeliveries, limits=limits
    )
    server.listen(port, listen)
    await app.bot.set_webhook(webhook_url, secret_token=secret, allowed_updates=allowed_updates)
    if app.post_init is not None:  # last: the command menu says "ready"
        await app.post_init(app)
    log.info("webhook served on %s:%s/%s", listen, port, url_path.strip("/"))
    await stop.wait()
    on_stop()
    await server.close()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
    await app.shutdown()
