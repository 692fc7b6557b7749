"""Keep the bot token out of every log line.

python-telegram-bot's HTTP client logs request URLs, and those contain the token
(`.../bot<token>/sendMessage`). We silence those loggers below WARNING and, as a second line
of defence, scrub anything shaped like a token from every record that reaches a handler.
"""

from __future__ import annotations

import logging
import re
from typing import TextIO

TOKEN_LIKE = re.compile(r"\d{5,15}:[A-Za-z0-9_-]{30,60}")
REDACTED = "<token>"
CHATTY_LOGGERS = ("httpx", "httpcore", "telegram.request", "apscheduler", "tornado.access")


def scrub(text: str, secret: str | None = None) -> str:
    if secret:
        text = text.replace(secret, REDACTED)
    return TOKEN_LIKE.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    def __init__(self, secret: str | None = None) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = scrub(message, self.secret)
        record.args = None
        if record.exc_text:
            record.exc_text = scrub(record.exc_text, self.secret)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info, self.secret)
        return True


def install(
    secret: str | None = None, level: int = logging.INFO, stream: TextIO | None = None
) -> None:
    """Log to `stream` (stderr by default) through the redacting filter; quiet the loggers
    that print URLs."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secret))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
