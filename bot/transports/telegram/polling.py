"""Long polling that tells Telegram an update is done only once it is stored.

python-telegram-bot's updater confirms every fetched update with its next `getUpdates` call
(the `offset` says "everything below this is done"), while the updates still wait in its queue
or are being processed: a crash in between loses them. Here the offset moves past an update
only once its processing has finished (the person's state and the update's processed mark
committed together), so a crash leaves it with Telegram, which delivers it again; the store's
processed-update marks make that second delivery harmless. Same promise as our webhook.

Updates are processed concurrently through the application's update processor, as the
webhook does. An update counts as done once it is stored and its texts are sent (`Applied`,
from the adapter), before its chart is drawn and before the button's answer returns: neither
may hold the offset back. A crash between the commit and the texts loses nothing (the update
comes again and shows where the person is); a crash after them can lose the chart.

Telegram has one offset, not one acknowledgement per update: an update still in flight holds
the offset at its id, and every later update, finished or not, comes back in each
`getUpdates` answer until it finishes. Those already taken are passed over. An answer holds at
most 100 updates, so an update stuck in flight delays the ones beyond that window.

SIGTERM or SIGINT: stop fetching, abandon waits for flood limits (`on_stop`), give the updates
in flight `STOP_GRACE` seconds to finish, confirm what finished, and return. What did not
finish stays with Telegram.

getUpdates is asked for by its real name through `do_api_request` (to read the JSON without
building PTB objects for updates already taken): python-telegram-bot exempts exactly
"getUpdates" from the rate limiter and gives it its own connection, and warns that
`get_updates` exists, which here is known; that one warning is silenced.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections.abc import Awaitable, Sequence
from typing import Any

from telegram import Update
from telegram.error import InvalidToken, RetryAfter, TelegramError
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from bot.transports.telegram.outcomes import Applied
from bot.transports.telegram.stopping import STOP_GRACE, OnStop, finish_within, stop_on_signals

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]
JSONDict = dict[str, Any]

LONG_POLL = 10  # seconds a getUpdates call waits for news when nothing is in flight
READ_MARGIN = 5.0  # seconds to read an answer beyond the long poll itself
CONFIRM_READ = 1.0  # seconds the last, confirming fetch of a stop may take (10 s in all)
GET_UPDATES = "getUpdates"  # the exact name PTB exempts from rate limits (see above)
RECHECK = 0.2  # seconds between fetches while an update in flight holds the offset back
FIRST_BACKOFF, MAX_BACKOFF = 1.0, 30.0  # seconds between fetches after a network error


class Acknowledgements:
    """Which updates Telegram may forget: everything below the lowest update still in flight,
    or, with nothing in flight, everything fetched. Telegram's ids only grow, so an update is
    new exactly when its id is at or above the highest fetched so far plus one."""

    def __init__(self) -> None:
        self._in_flight: set[int] = set()
        self._next: int | None = None  # one past the highest update id taken

    def take(self, update_id: int) -> bool:
        """Start on `update_id`; False when it was taken before (it came back because an
        earlier update holds the offset, or it is being processed)."""
        if not self.is_new(update_id):
            return False
        self._in_flight.add(update_id)
        self._next = update_id + 1
        return True

    def is_new(self, update_id: int) -> bool:
        """Not taken before (not one that came back behind an update in flight)."""
        return self._next is None or update_id >= self._next

    def finish(self, update_id: int) -> None:
        self._in_flight.discard(update_id)

    @property
    def busy(self) -> bool:
        return bool(self._in_flight)

    @property
    def offset(self) -> int | None:
        """The `offset` for the next getUpdates; None before anything was fetched."""
        return min(self._in_flight) if self._in_flight else self._next


class Poller:
    """Fetches updates, processes each in its own task and acknowledges them in order."""

    def __init__(
        self,
        app: App,
        allowed_updates: Sequence[str] | None = None,
        *,
        long_poll: float = LONG_POLL,
        recheck: float = RECHECK,
    ) -> None:
        self.app = app
        self.allowed = list(allowed_updates) if allowed_updates is not None else None
        self.long_poll, self.recheck = long_poll, recheck
        self.acks = Acknowledgements()
        self.in_flight: set[asyncio.Task[None]] = set()
        self._advanced = asyncio.Event()  # the offset moved: a fetch can bring news
        # Added when polling starts (an import-time filter would not outlive a test
        # runner's collection); adding the same filter again replaces it.
        warnings.filterwarnings(
            "ignore", message=r"Please use 'Bot\.getUpdates' instead", category=PTBUserWarning
        )

    async def run(self, stop: asyncio.Event) -> None:
        """Fetch and dispatch until `stop` is set; a fetch under way is then abandoned
        (nothing it brought was taken)."""
        backoff = FIRST_BACKOFF
        while not stop.is_set():
            try:
                await _unless_stopped(self._step(), stop)
                backoff = FIRST_BACKOFF
            except InvalidToken:
                raise
            except RetryAfter as exc:
                await _unless_stopped(asyncio.sleep(_retry_after(exc)), stop)
            except TelegramError as exc:  # network down, Telegram's 5xx, a conflict
                log.warning("getUpdates failed (%s); trying again in %.0f s", exc, backoff)
                await _unless_stopped(asyncio.sleep(backoff), stop)
                backoff = min(backoff * 2, MAX_BACKOFF)

    async def finish(self, grace: float = STOP_GRACE) -> None:
        """Let the updates in flight finish (up to `grace` seconds), then confirm the ones
        that did. Those cut short stay unconfirmed: Telegram delivers them again."""
        late = await finish_within(self.in_flight, grace)
        if late:
            log.warning("%d update(s) cut short by the stop; Telegram keeps them", late)
        await self._confirm()

    async def _step(self) -> None:
        """One fetch: dispatch the new updates; with none new while some are in flight,
        wait for the offset to move (or `recheck` seconds, for updates behind it)."""
        self._advanced.clear()
        raw = await self._fetch(timeout=0 if self.acks.busy else self.long_poll)
        # The whole answer is read before anything is taken: an update taken but never
        # dispatched would hold the offset for good.
        ids = [_id(one) for one in raw]
        fresh = [
            Update.de_json(one, self.app.bot)
            for one, update_id in zip(raw, ids, strict=True)
            if self.acks.is_new(update_id)
        ]
        for update in fresh:
            self.acks.take(update.update_id)
            self._dispatch(update)
        if not fresh and self.acks.busy:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._advanced.wait(), self.recheck)

    async def _fetch(self, *, timeout: float, read_margin: float = READ_MARGIN) -> list[JSONDict]:
        """getUpdates as JSON: while an update holds the offset, each answer repeats up to
        100 updates already taken, and building PTB objects for them cost more CPU than all
        the rest of the bot under a spike (benchmarks.spike); only the new ones are built."""
        raw = await self.app.bot.do_api_request(
            GET_UPDATES,
            {"offset": self.acks.offset, "timeout": timeout, "allowed_updates": self.allowed},
            read_timeout=read_margin + timeout,
        )
        if not isinstance(raw, list):
            raise TelegramError(f"getUpdates answered {type(raw).__name__}, not a list")
        return raw

    def _dispatch(self, update: Update) -> None:
        task = asyncio.create_task(self._process(update))
        self.in_flight.add(task)
        task.add_done_callback(self.in_flight.discard)

    async def _process(self, update: Update) -> None:
        """Through the update processor, so `concurrent_updates` bounds it. The handlers'
        errors are the error handler's (it apologises); what escapes it is logged and the
        update confirmed, as the webhook's 200 would. A cancelled update is never confirmed."""
        app = self.app
        try:
            await app.update_processor.process_update(update, app.process_update(update))
        except Exception:
            log.exception("update %s failed outside the error handler", update.update_id)
        self.confirmable(update.update_id)

    def confirmable(self, update_id: int) -> None:
        """`update_id` is stored (or its processing is over): Telegram may forget it. Its
        replies may still be on their way; a stop waits for them all the same."""
        before = self.acks.offset
        self.acks.finish(update_id)
        if self.acks.offset != before:
            self._advanced.set()

    async def _confirm(self) -> None:
        """A last, short getUpdates with the offset, so that finished updates are not
        delivered again at the next start (they would be harmless, only wasted)."""
        if self.acks.offset is None:
            return
        try:
            await self._fetch(timeout=0, read_margin=CONFIRM_READ)
        except TelegramError as exc:
            log.warning("could not confirm the finished updates (%s); they come again", exc)


async def serve_polling(
    app: App,
    *,
    allowed_updates: Sequence[str],
    on_stop: OnStop = lambda: None,
    applied: Applied | None = None,
) -> None:
    """Poll until SIGTERM or SIGINT, then stop gracefully; the same start and stop steps as
    python-telegram-bot's `run_polling` (post_init before the first fetch, post_shutdown
    after the last update). `on_stop` runs as the stop begins (it abandons rate-limit
    waits); `applied` (the adapter's) says when an update is stored, before its replies."""
    stop = stop_on_signals()  # first: a stop during the start is a stop, not a kill
    await app.initialize()
    await app.bot.delete_webhook()  # Telegram refuses getUpdates while a webhook is set
    if app.post_init is not None:
        await app.post_init(app)
    poller = Poller(app, allowed_updates)
    if applied is not None:
        applied.listen(poller.confirmable)
    log.info("polling for updates")
    try:
        await poller.run(stop)
    finally:  # even when fetching failed unexpectedly: the updates in flight finish, the
        # pictures, the store and the drawing worker are closed
        try:
            on_stop()
            await poller.finish()
        finally:
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
            await app.shutdown()


def _id(update: JSONDict) -> int:
    update_id = update.get("update_id")
    if not isinstance(update_id, int):
        raise TelegramError(f"getUpdates answered an update without an id: {update!r:.200}")
    return update_id


async def _unless_stopped(work: Awaitable[Any], stop: asyncio.Event) -> None:
    """Await `work` unless `stop` is set first (then `work` is cancelled). Its exceptions
    propagate."""
    task = asyncio.ensure_future(work)
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait({task, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return
    task.result()


def _retry_after(exc: RetryAfter) -> float:
    """Seconds to wait, read as PTB's own retry loop reads them (the public property warns
    about its type changing)."""
    return exc._retry_after.total_seconds()
