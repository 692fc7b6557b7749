"""Inline mode: `@bot question` in any chat offers matching answers as articles to send."""

from __future__ import annotations

from telegram import InlineQuery, InlineQueryResultArticle, InputTextMessageContent

from bot.conversation.context import TurnContext
from bot.matching.answers import AnswerBook
from bot.transports.telegram.render import PARSE_MODE, escape, split_text

INLINE_RESULTS = 5


async def answer_inline(query: InlineQuery, context: TurnContext) -> None:
    text = query.query.strip()
    if not text:
        ids = [f"role.{role_id}" for role_id in context.kb.roles]
    else:
        match = context.matcher.match(text)
        ids = [match.id] if match.id else []
        ids += [s.id for s in match.suggestions if s.id not in ids]
    limit = INLINE_RESULTS if text else len(ids)  # an empty query lists every role
    book = context.matcher.book
    await query.answer([_article(book, i) for i in ids[:limit]], cache_time=300)


def _article(book: AnswerBook, answer_id: str) -> InlineQueryResultArticle:
    body = book.text(answer_id)
    return InlineQueryResultArticle(
        id=answer_id[:64],
        title=book.title(answer_id),
        description=body.split("\n\n", 1)[-1][:120],
        input_message_content=InputTextMessageContent(
            split_text(escape(body))[0], parse_mode=PARSE_MODE
        ),
    )
