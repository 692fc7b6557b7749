"""Pictures trail their update: a chart is drawn and sent in a task of its own, after the
update's texts, so that confirming the update never waits for a picture.

Why: a chart is 80-150 ms of CPU in the drawing worker, seconds when many people reach their
result together and their charts queue for the one worker. Drawn inside the update, it held
the webhook request open, and with it one of the few connections Telegram opens to a webhook,
so other people's presses waited for a connection behind the charts (benchmarks.spike, three
instances, 200 people: p95 11.7 s before, 1.2 s after; README, Performance). The texts still
go out before the update is confirmed: an instance killed before them leaves the update with
Telegram, and the press delivered again shows where the person is. The picture comes after,
once drawn.

Order: a chat's next reply waits for that chat's pending picture (up to `ORDER_WAIT`), so a
chart does not land under the reply to a later tap (within one process, as the chat's lock in
the adapter).

A stop gives pending pictures `PICTURE_GRACE` seconds, then drops them: what they show is
stored, and /result draws it again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from telegram import Bot

from bot.conversation.events import Reply
from bot.transports.telegram.delivery import deliver
from bot.transports.telegram.drawing import Drawer
from bot.transports.telegram.stopping import finish_within

log = logging.getLogger(__name__)

PICTURE_GRACE = 1.0  # seconds pending pictures get once a stop has finished the updates;
# with STOP_GRACE (7 s) and the last confirming fetch (1 s) a stop stays within 10 s
ORDER_WAIT = 3.0  # seconds a chat's next reply waits for its pending picture, at most


class TrailingPictures:
    """The pictures still to send, one chain per chat."""

    def __init__(self, drawer: Drawer) -> None:
        self.drawer = drawer
        self._pending: dict[int, asyncio.Task[None]] = {}  # chat -> its latest picture

    def send_after(self, bot: Bot, chat_id: int, pictures: Sequence[Reply]) -> None:
        """Draw and send `pictures` in a task of their own, after the chat's earlier ones."""
        if not pictures:
            return
        earlier = self._pending.get(chat_id)
        task = asyncio.create_task(self._send(bot, chat_id, pictures, earlier))
        self._pending[chat_id] = task
        task.add_done_callback(lambda done: self._forget(chat_id, done))

    async def before_reply(self, chat_id: int) -> None:
        """Wait for the chat's pending picture, so that the next reply comes after it, for
        at most `ORDER_WAIT` seconds: under a crowd the drawing queue can be long, and the
        reply (with, in long polling, the confirmation of its update and of everyone's behind
        it) must not wait for it. A failed picture was logged by its task."""
        pending = self._pending.get(chat_id)
        if pending is not None:
            await asyncio.wait([pending], timeout=ORDER_WAIT)

    async def close(self, grace: float = PICTURE_GRACE) -> int:
        """Give the pending pictures `grace` seconds, then drop the rest; returns how many
        were dropped."""
        dropped = await finish_within(list(self._pending.values()), grace)
        if dropped:
            log.warning("stopping: %d picture(s) not sent (the answers are stored)", dropped)
        return dropped

    def __len__(self) -> int:
        """Chats with a picture pending."""
        return len(self._pending)

    async def _send(
        self, bot: Bot, chat_id: int, pictures: Sequence[Reply], earlier: asyncio.Task[None] | None
    ) -> None:
        if earlier is not None:
            await asyncio.wait([earlier])
        try:
            await deliver(bot, chat_id, pictures, drawer=self.drawer)
        except Exception:  # no update's error handler is left to take it: our bug, logged
            log.exception("the picture for chat %s was not sent", chat_id)

    def _forget(self, chat_id: int, done: asyncio.Task[None]) -> None:
        if self._pending.get(chat_id) is done:
            del self._pending[chat_id]
