"""How replies look in Telegram: notes folded into the next message, HTML escaping, keyboards
and long texts cut into messages. Pure functions over `Reply`, no Bot API calls."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit, ParseMode

from bot.conversation.events import Button, Reply


def merge_notes(replies: Sequence[Reply]) -> list[Reply]:
    """Fold a short note without buttons ("Now, back to the quiz:") into the message after
    it: one message instead of two for the person, one API call less for the bot."""
    merged: list[Reply] = []
    notes: list[str] = []
    for reply in replies:
        if not reply.buttons and reply.image is None and not reply.replace:
            notes.append(reply.text)
            continue
        text = "\n\n".join([*notes, reply.text])
        if notes and reply.image is None and len(text) <= MessageLimit.MAX_TEXT_LENGTH:
            merged.append(replace(reply, text=text))
        else:
            merged += [*(Reply("note", note) for note in notes), reply]
        notes = []
    return merged + [Reply("note", note) for note in notes]


# Every text goes out escaped by `escape` and sent in this one mode: an escaped text sent
# without it would show "&amp;" for "&".
PARSE_MODE = ParseMode.HTML


def escape(text: str) -> str:
    """Telegram's HTML needs only &, < and > escaped; quotes stay readable."""
    return html.escape(text, quote=False)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    return _keyboard(reply.buttons) if reply.buttons else None


@lru_cache(maxsize=2048)
def _keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    """Built once per distinct keyboard: a quiz question's buttons are the same for everyone
    (PTB's markup objects are immutable, so sharing them is safe)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.payload) for b in row] for row in rows]
    )


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Cut a long text into messages of at most `limit` characters, at paragraph breaks
    when possible, then at line breaks, then anywhere."""
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = _cut_point(rest, limit)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n")
    return [*chunks, rest] if rest or not chunks else chunks


def _cut_point(text: str, limit: int) -> int:
    for separator in ("\n\n", "\n", " "):
        cut = text.rfind(separator, 0, limit)
        if cut > limit // 4:
            return cut
    entity = text.rfind("&", limit - 8, limit)  # never cut "&amp;" in two
    return entity if entity > 0 and ";" not in text[entity:limit] else limit
