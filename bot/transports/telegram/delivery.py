"""Engine replies out, as Bot API calls: edits of the pressed message, texts, photos.

A reply whose call failed on the way to Telegram (a reset, a timeout, a 5xx past the
retries) may have arrived or not; the rate limiter has retried what is safe to repeat (an
edit to the same content), and a send of unknown fate is never made again: a reply missing
is better than the same message twice. It is logged in one line and the next reply goes out.
The person's answer is stored before any reply is made, so nothing of theirs is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import Bot, Message
from telegram.constants import ChatAction, MessageLimit
from telegram.error import BadRequest, NetworkError

from bot.conversation.events import Reply
from bot.transports.telegram.drawing import Drawer
from bot.transports.telegram.outcomes import network_trouble
from bot.transports.telegram.render import PARSE_MODE, escape, keyboard, merge_notes, split_text

log = logging.getLogger(__name__)

NOT_MODIFIED = "message is not modified"


async def deliver(
    bot: Bot,
    chat_id: int,
    replies: Sequence[Reply],
    edit: Message | None = None,
    drawer: Drawer | None = None,
) -> None:
    """Send the replies in order; the first one marked `replace` edits `edit`; pictures are
    drawn by `drawer` (a thread of this process by default)."""
    for reply in merge_notes(replies):
        editing = edit if reply.replace else None
        try:
            if reply.image is not None:
                await _send_photo(bot, chat_id, reply, drawer or Drawer())
            elif editing is not None and await _edit(editing, reply):
                edit = None
            else:
                await _send_text(bot, chat_id, reply)
        except NetworkError as exc:
            if not network_trouble(exc):
                raise  # a 400 is a bug in what we sent: the error handler's
            if editing is not None:
                edit = None  # its fate is unknown: the next reply is sent, not edited in
            log.warning("a reply to chat %s may not have arrived, not sent again: %s", chat_id, exc)


async def _edit(message: Message, reply: Reply) -> bool:
    """True when the message now shows the reply; False means "send a new one"."""
    chunks = split_text(escape(reply.text))
    if len(chunks) > 1:
        return False
    try:
        await message.edit_text(chunks[0], parse_mode=PARSE_MODE, reply_markup=keyboard(reply))
    except BadRequest as exc:
        if NOT_MODIFIED in exc.message.lower():
            return True  # already shows it (a retried edit that had arrived)
        log.info("cannot edit message %s, sending a new one: %s", message.message_id, exc)
        return False
    return True


async def _send_text(bot: Bot, chat_id: int, reply: Reply) -> None:
    chunks = split_text(escape(reply.text))
    for i, chunk in enumerate(chunks):
        markup = keyboard(reply) if i == len(chunks) - 1 else None
        await bot.send_message(chat_id, chunk, parse_mode=PARSE_MODE, reply_markup=markup)


async def _send_photo(bot: Bot, chat_id: int, reply: Reply, drawer: Drawer) -> None:
    assert reply.image is not None
    try:
        await bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
    except NetworkError as exc:  # only a hint that a photo is coming: never in its way
        if not network_trouble(exc):
            raise
        log.info("chat action for chat %s not shown: %s", chat_id, exc)
    png = await drawer.png(reply.image)
    caption = escape(reply.image.caption)[: MessageLimit.CAPTION_LENGTH]
    await bot.send_photo(
        chat_id, png, caption=caption, parse_mode=PARSE_MODE, reply_markup=keyboard(reply)
    )
