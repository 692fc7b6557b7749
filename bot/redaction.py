"""Keep secrets out of every log line and message: the bot token and store passwords.

python-telegram-bot's HTTP client logs request URLs, and those contain the token
(`.../bot<token>/sendMessage`). We silence those loggers below WARNING and, as a second line
of defence, scrub anything shaped like a token from every record that reaches a handler.
A store URL (`CAREER_BOT_STORE`) may carry a password: `safe_url` hides it wherever the URL
is shown, and `scrub_url_secrets` takes it out of a client library's error text.
"""

from __future__ import annotations

import logging
import re
from typing import TextIO

from bot.log_repeats import RepeatCollapser

TOKEN_LIKE = re.compile(r"\d{5,15}:[A-Za-z0-9_-]{30,60}")
REDACTED = "<token>"
CHATTY_LOGGERS = ("httpx", "httpcore", "telegram.request", "apscheduler", "tornado.access")
URL_SECRET = "***"
# Everything up to the last "@" is user information, whatever it holds: a password with "#"
# or "?" in it (which a URL parser would read as a fragment or a query) is hidden all the same.
_USERINFO = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>.*)@")
_QUERY_PASSWORD = re.compile(r"(?P<name>[?&]password=)[^&#]*", re.IGNORECASE)


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
    """Log to `stream` (stderr by default) through the redacting filter, with runs of one
    line collapsed; quiet the loggers that print URLs."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secret))  # first: the collapser repeats what it wrote
    handler.addFilter(RepeatCollapser(handler))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def safe_url(url: str) -> str:
    """`url` with its password replaced by `***`, fit for messages and logs.

    `redis://user:secret@host` keeps the user name; userinfo without a colon
    (`redis://secret@host`) is hidden whole, because people write passwords that way too;
    a `password=` query parameter is hidden as well.
    """
    match = _USERINFO.match(url)
    if match is not None:
        user, colon, _ = match["userinfo"].partition(":")
        hidden = f"{user}:{URL_SECRET}" if colon else URL_SECRET
        url = f"{match['scheme']}{hidden}@{url[match.end() :]}"
    return _QUERY_PASSWORD.sub(rf"\g<name>{URL_SECRET}", url)


def scrub_url_secrets(text: str, url: str) -> str:
    """`text` (say, a client library's error) without the parts of `url` that `safe_url`
    hides."""
    for secret in _url_secrets(url):
        text = text.replace(secret, URL_SECRET)
    return text


def _url_secrets(url: str) -> list[str]:
    found = [m.group(0).split("=", 1)[1] for m in _QUERY_PASSWORD.finditer(url)]
    match = _USERINFO.match(url)
    if match is not None:
        user, colon, password = match["userinfo"].partition(":")
        found.append(password if colon else user)
    # Shorter ones would blot out ordinary words of the message ("default user").
    return [secret for secret in found if len(secret) >= 4]
