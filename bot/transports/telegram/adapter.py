"""The Telegram adapter: updates in, engine events; engine replies out, Bot API calls.

Thin on purpose: no business logic here. It answers every callback query at once, beside
the press being applied (never in front of it: a callback answer that fails is logged and
the press is applied all the same), hands replies to delivery.py, answers inline queries and
keeps the quiz in private chats. Each chat's replies go out in order: one chat's update is
handled and its texts delivered before its next one starts (other chats run concurrently);
pictures trail the texts in their own task (trailing.py), and the chat's next reply waits
for them.

Errors (outcomes.py): Telegram's network trouble is logged in one line, never apologised
for; an update the store could not take is left for Telegram to deliver again when the
transport can (`redeliveries`, the webhook); only our own bugs get the apology.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.conversation.engine import Engine
from bot.conversation.events import Event
from bot.conversation.payloads import unpack
from bot.storage.isolation import KeyedLocks
from bot.storage.outage import is_outage
from bot.transports.telegram.delivery import deliver
from bot.transports.telegram.drawing import Drawer
from bot.transports.telegram.inline import answer_inline
from bot.transports.telegram.outcomes import (
    Applied,
    NotApplied,
    Redeliveries,
    network_trouble,
)
from bot.transports.telegram.render import PARSE_MODE, escape
from bot.transports.telegram.trailing import TrailingPictures

log = logging.getLogger(__name__)

# In groups these stay in the person's private chat with the bot: the quiz and its answers,
# and what only admins may read.
PRIVATE_ONLY = frozenset(
    {"quiz", "restart", "cancel", "skip", "back", "result", "forget", "stats", "misses"}
)


class TelegramAdapter:
    def __init__(
        self,
        engine: Engine,
        admins: frozenset[int] = frozenset(),
        redeliveries: Redeliveries | None = None,
        drawer: Drawer | None = None,
        applied: Applied | None = None,
    ) -> None:
        self.engine = engine
        self.kb = engine.context.kb
        self.admins = admins
        self.redeliveries = redeliveries  # None: the transport cannot have an update again
        self.chat_locks = KeyedLocks()
        # The running bot draws in a worker process; pictures go out after their update.
        self.pictures = TrailingPictures(drawer or Drawer())
        self.applied = applied or Applied()  # long polling listens: stored, so confirmable

    def install(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        app.add_handler(TypeHandler(Update, self.on_update))
        app.add_error_handler(self.on_error)

    async def publish_commands(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """The command menu: every command with its one-line help from the knowledge files."""
        commands = [BotCommand(name, text) for name, text in self.kb.commands.items()]
        await app.bot.set_my_commands(commands)

    # updates --------------------------------------------------------------------------

    async def on_update(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not isinstance(update, Update):
            return
        if update.inline_query is not None:
            await answer_inline(update.inline_query, self.engine.context)
            return
        chat = update.effective_chat
        if chat is None:
            return
        # The button stops spinning at once, beside the press being applied: a slow or
        # failed answer never holds the press up.
        query = update.callback_query
        answering = asyncio.ensure_future(_answer(query)) if query is not None else None
        try:
            # The chat's lock: two quick taps of one person are handled in the order they
            # came, whichever callback answer returns first.
            async with self.chat_locks.lock(chat.id):
                await self._apply(update, context, chat.id)
        finally:
            if answering is not None:
                await answering

    async def _apply(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, chat_id: int
    ) -> None:
        event = self._event(update, context)
        if event is None:
            return
        if not event.private and _quiz_related(event):
            await self._send_private_link(chat_id, context)
            return
        try:
            replies = await self.engine.handle(event)
        except Exception as exc:
            raise NotApplied(update.update_id) from exc
        if not replies and update.callback_query is not None:
            # Applied before: a redelivered press (the instance that applied it was killed or
            # too slow to answer the webhook). Its reply may never have gone out, so show where
            # the person is; if it did, the same edit again shows nothing new.
            replies = await self.engine.current_screen(event.user_id)
        edit = update.callback_query.message if update.callback_query else None
        edited = edit if isinstance(edit, Message) else None
        texts = [reply for reply in replies if reply.image is None]
        await self.pictures.before_reply(chat_id)
        await deliver(context.bot, chat_id, texts, edited)
        # Stored and its texts out: Telegram may forget it. Cut short before this (a stop),
        # it comes again and shows where the person is. Never waits for a picture.
        self.applied.note(update.update_id)
        pictures = [reply for reply in replies if reply.image is not None]
        self.pictures.send_after(context.bot, chat_id, pictures)

    def _event(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> Event | None:
        user, chat = update.effective_user, update.effective_chat
        if user is None or chat is None:
            return None
        private = chat.type == ChatType.PRIVATE
        extra = {
            "admin": user.id in self.admins and private,
            "update_id": update.update_id,
            "private": private,
        }
        query = update.callback_query
        if query is not None:
            return Event.pressed(user.id, query.data or "", **extra)
        message = update.message
        if message is None or message.text is None:
            return None
        text = self._addressed_text(message, context.bot.username, context.bot.id)
        return None if text is None else Event.typed(user.id, text, **extra)

    @staticmethod
    def _addressed_text(message: Message, username: str, bot_id: int) -> str | None:
        """In private chats, everything. In groups, commands for us (or for every bot),
        messages that mention us (the mention removed) and replies to our own messages."""
        text = message.text or ""
        if message.chat.type == ChatType.PRIVATE:
            return text
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            return (
                text
                if "@" not in command or command.lower().endswith(f"@{username.lower()}")
                else None
            )
        replied = message.reply_to_message
        if (
            replied is not None
            and replied.from_user is not None
            and (replied.from_user.id == bot_id)
        ):
            return text
        mention = re.compile(rf"@{re.escape(username)}\b", re.IGNORECASE)
        if mention.search(text):
            return mention.sub("", text, count=1).strip()
        return None

    async def _send_private_link(self, chat_id: int, context: ContextTypes.DEFAULT_TYPE) -> None:
        url = f"https://t.me/{context.bot.username}?start=quiz"
        button = InlineKeyboardButton(self.kb.text("btn_open_private"), url=url)
        await context.bot.send_message(
            chat_id,
            escape(self.kb.text("quiz_private_only")),
            parse_mode=PARSE_MODE,
            reply_markup=InlineKeyboardMarkup([[button]]),
        )

    # errors ---------------------------------------------------------------------------

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The one error boundary. Telegram out of reach: one log line. The store out of
        reach: the update is left for Telegram to deliver again where the transport can (no
        apology: the person gets the real reply then). Anything else is our bug: the
        traceback to the log (the token filtered out of it), a short apology to the person."""
        error = context.error
        update_id = update.update_id if isinstance(update, Update) else None
        if network_trouble(error):
            log.warning("update %s: Telegram could not be reached: %s", update_id, error)
            return
        if (
            isinstance(error, NotApplied)
            and is_outage(error.__cause__)
            and self.redeliveries is not None
        ):
            self.redeliveries.note(error.update_id)
            log.warning(
                "%s, the store is unavailable (%s): left for Telegram to deliver again",
                error,
                error.__cause__,
            )
            return
        log.error("error while handling an update", exc_info=error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                await context.bot.send_message(
                    update.effective_chat.id,
                    escape(self.kb.text("error_apology")),
                    parse_mode=PARSE_MODE,
                )
            except TelegramError:  # the apology itself failed (network down?): the log has it
                log.warning("could not send the apology", exc_info=True)


async def _answer(query: CallbackQuery) -> None:
    """Stop the button spinning. The rate limiter retries what failed on the way (a second
    answer is harmless); a press redelivered was answered the first time, and Telegram
    refuses a second answer. Neither is an error, and neither stops the press."""
    try:
        await query.answer()
    except BadRequest as exc:
        log.info("callback query %s not answered again: %s", query.id, exc)
    except TelegramError as exc:
        log.warning("callback query %s not answered: %s", query.id, exc)


def _quiz_related(event: Event) -> bool:
    """Whether an event belongs to the private quiz: its commands, buttons and deep link."""
    if event.command is not None:
        return event.command in PRIVATE_ONLY or (event.command == "start" and event.arg == "quiz")
    payload = unpack(event.payload) if event.payload is not None else None
    return payload is not None and payload.belongs_to_private_quiz()
