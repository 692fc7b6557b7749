"""A bare python-telegram-bot echo bot: the baseline that benchmarks.spike loads like ours.

    TELEGRAM_BOT_TOKEN=... python -m benchmarks.echo_bot BASE_URL

Everything at PTB's defaults (long polling, updates one at a time, no rate limiter): what the
library gives before any of our code, so the difference to career-bot is ours.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from telegram import Update
from telegram.ext import ApplicationBuilder, MessageHandler, filters


async def echo(update: Update, _: Any) -> None:
    if update.message is not None and update.message.text is not None:
        await update.message.reply_text(update.message.text)


def main() -> None:
    token = os.environ["TELEGRAM_BOT_TOKEN"]
    app = ApplicationBuilder().token(token).base_url(sys.argv[1]).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling()  # stops on SIGTERM or SIGINT


if __name__ == "__main__":
    main()
