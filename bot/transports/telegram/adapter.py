"""The Telegram adapter: updates in, engine events; engine replies out, Bot API calls.

Thin on purpose: no business logic here. It answers every callback query at once, edits the
quiz message in place when a reply asks to replace it, escapes everything for HTML, splits
long texts, sends the chart as a photo while showing "uploading", answers inline queries,
and keeps the quiz in private chats. Each chat's replies go out in order: one chat's update
is handled and delivered before its next one starts (other chats run concurrently).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence
from typing import Any

from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatAction, ChatType, MessageLimit
from telegram.error import BadRequest
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.conversation.engine import Engine
from bot.conversation.events import Event, Reply
from bot.conversation.payloads import unpack
from bot.storage.isolation import KeyedLocks
from bot.transports.telegram.inline import answer_inline
from bot.transports.telegram.render import (
    PARSE_MODE,
    escape,
    keyboard,
    merge_notes,
    split_text,
)

log = logging.getLogger(__name__)

# In groups these stay in the person's private chat with the bot: the quiz and its answers,
# and what only admins may read.
PRIVATE_ONLY = frozenset(
    {"quiz", "restart", "cancel", "skip", "back", "result", "forget", "stats", "misses"}
)
NOT_MODIFIED = "message is not modified"


class TelegramAdapter:
    def __init__(self, engine: Engine, admins: frozenset[int] = frozenset()) -> None:
        self.engine = engine
        self.kb = engine.context.kb
        self.admins = admins
        self.chat_locks = KeyedLocks()

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
        # The chat's lock first: two quick taps of one person are handled in the order
        # they came, whichever callback answer returns first.
        async with self.chat_locks.lock(chat.id):
            event = await self._event(update, context)
            if event is None:
                return
            if not event.private and _quiz_related(event):
                await self._send_private_link(chat.id, context)
                return
            replies = await self.engine.handle(event)
            if not replies and update.callback_query is not None:
                # Applied before: a redelivered press (the instance that applied it was killed
                # or too slow to answer the webhook). Its reply may never have gone out, so show
                # where the person is; if it did, the same edit again shows nothing new.
                replies = await self.engine.current_screen(event.user_id)
            edit = update.callback_query.message if update.callback_query else None
            await self.deliver(
                context, chat.id, replies, edit if isinstance(edit, Message) else None
            )

    async def _event(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> Event | None:
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
            await self._answer_at_once(query)
            return Event.pressed(user.id, query.data or "", **extra)
        message = update.message
        if message is None or message.text is None:
            return None
        text = self._addressed_text(message, context.bot.username, context.bot.id)
        return None if text is None else Event.typed(user.id, text, **extra)

    @staticmethod
    async def _answer_at_once(query: CallbackQuery) -> None:
        """The button stops spinning whatever happens next. A redelivered press was answered
        the first time, and Telegram refuses a second answer: that is no error."""
        try:
            await query.answer()
        except BadRequest as exc:
            log.info("callback query %s not answered again: %s", query.id, exc)

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

    # replies --------------------------------------------------------------------------

    async def deliver(
        self,
        context: ContextTypes.DEFAULT_TYPE,
        chat_id: int,
        replies: Sequence[Reply],
        edit: Message | None = None,
    ) -> None:
        """Send the replies in order; the first one marked `replace` edits `edit`."""
        for reply in merge_notes(replies):
            if reply.image is not None:
                await self._send_photo(context, chat_id, reply)
                continue
            if reply.replace and edit is not None and await self._edit(edit, reply):
                edit = None
                continue
            await self._send_text(context, chat_id, reply)

    async def _edit(self, message: Message, reply: Reply) -> bool:
        """True when the message now shows the reply; False means "send a new one"."""
        chunks = split_text(escape(reply.text))
        if len(chunks) > 1:
            return False
        try:
            await message.edit_text(chunks[0], parse_mode=PARSE_MODE, reply_markup=keyboard(reply))
        except BadRequest as exc:
            if NOT_MODIFIED in exc.message.lower():
                return True
            log.info("cannot edit message %s, sending a new one: %s", message.message_id, exc)
            return False
        return True

    async def _send_text(
        self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply
    ) -> None:
        chunks = split_text(escape(reply.text))
        for i, chunk in enumerate(chunks):
            markup = keyboard(reply) if i == len(chunks) - 1 else None
            await context.bot.send_message(
                chat_id, chunk, parse_mode=PARSE_MODE, reply_markup=markup
            )

    async def _send_photo(
        self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply
    ) -> None:
        assert reply.image is not None
        await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
        png = await asyncio.to_thread(lambda: reply.image.png if reply.image else b"")
        caption = escape(reply.image.caption)[: MessageLimit.CAPTION_LENGTH]
        await context.bot.send_photo(
            chat_id, png, caption=caption, parse_mode=PARSE_MODE, reply_markup=keyboard(reply)
        )

    # errors ---------------------------------------------------------------------------

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The one error boundary: the traceback to the log (the token filtered out of it),
        a short apology to the person."""
        log.error("error while handling an update", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                await context.bot.send_message(
                    update.effective_chat.id,
                    escape(self.kb.text("error_apology")),
                    parse_mode=PARSE_MODE,
                )
            except Exception:  # the apology itself failed (network down?): the log has it
                log.warning("could not send the apology", exc_info=True)


def _quiz_related(event: Event) -> bool:
    """Whether an event belongs to the private quiz: its commands, buttons and deep link."""
    if event.command is not None:
        return event.command in PRIVATE_ONLY or (event.command == "start" and event.arg == "quiz")
    payload = unpack(event.payload) if event.payload is not None else None
    return payload is not None and payload.belongs_to_private_quiz()
