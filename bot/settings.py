"""Settings from the environment, read and checked once at start-up.

The bot token and the webhook secret are `pydantic.SecretStr`s, so printing, logging or
formatting the settings can never show them; errors about them say what is wrong without
repeating them.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

from pydantic import SecretStr

from bot.problems import InputError

DEFAULT_DB = Path("data") / "career-bot.sqlite3"
DEFAULT_API = "https://api.telegram.org/bot"
WEBHOOK_EXAMPLE = "https://example.com/telegram/hook"  # what a webhook URL looks like
DEFAULT_MISS_DAYS = 90  # how long an unanswered question is kept (storage/analytics.py)
# The webhook server's guard against slow clients (transports/telegram/http_guard.py): the
# most connections open at once, and the seconds a client has to send its headers or body.
DEFAULT_WEBHOOK_CONNECTIONS = 256
DEFAULT_WEBHOOK_TIMEOUT = 10.0
# New messages a second across all chats (transports/telegram/flood.py): Telegram's free
# limit is about 30; a bot with paid broadcasts (`allow_paid_broadcast`) may send up to 1000.
DEFAULT_SENDS_PER_SECOND = 30
MOST_SENDS_PER_SECOND = 1000
# What @BotFather hands out: the bot's numeric id, a colon, and 35 URL-safe characters.
TOKEN_SHAPE = re.compile(r"^\d{5,15}:[A-Za-z0-9_-]{30,60}$")
SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,256}")  # Telegram's rule for secret_token


def _random_secret() -> SecretStr:
    """The webhook secret when none is set: a new one each start, registered with Telegram."""
    return SecretStr(secrets.token_urlsafe(32))


@dataclass(frozen=True)
class Settings:
    db_path: Path
    store_url: str | None = None  # CAREER_BOT_STORE: a redis:// URL, or None for SQLite
    token: SecretStr | None = None
    api_base_url: str = DEFAULT_API
    webhook_secret: SecretStr = field(default_factory=_random_secret)
    admins: frozenset[int] = frozenset()
    miss_memory: timedelta = timedelta(days=DEFAULT_MISS_DAYS)  # CAREER_BOT_MISS_DAYS
    webhook_connections: int = DEFAULT_WEBHOOK_CONNECTIONS  # CAREER_BOT_WEBHOOK_CONNECTIONS
    webhook_timeout: float = DEFAULT_WEBHOOK_TIMEOUT  # CAREER_BOT_WEBHOOK_TIMEOUT
    sends_per_second: int = DEFAULT_SENDS_PER_SECOND  # CAREER_BOT_SENDS_PER_SECOND
    # CAREER_BOT_CACHE: files the bot can always recompute (the phrasings' embeddings), by
    # default the user's cache folder (XDG): every bot and `career-bot chat` on the machine
    # share one set of vectors (keyed by the knowledge base's checksum, so sharing is safe).
    cache_dir: Path = field(default_factory=lambda: default_cache_dir({}))
    # CAREER_BOT_EMBEDDINGS=off: answer with the lexical matcher alone (no model loaded, less
    # memory), e.g. on a very small machine.
    embeddings: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """From environment variables (the command line passes its `Environment`'s)."""
        return cls(
            db_path=Path(env.get("CAREER_BOT_DB") or DEFAULT_DB),
            store_url=env.get("CAREER_BOT_STORE") or None,
            token=_token(env.get("TELEGRAM_BOT_TOKEN")),
            api_base_url=check_url(
                env.get("TELEGRAM_API_BASE_URL") or DEFAULT_API, "TELEGRAM_API_BASE_URL"
            ),
            webhook_secret=_secret(env.get("TELEGRAM_WEBHOOK_SECRET")),
            admins=_admins(env.get("CAREER_BOT_ADMINS", "")),
            miss_memory=_miss_memory(env.get("CAREER_BOT_MISS_DAYS", "")),
            webhook_connections=_webhook_connections(env.get("CAREER_BOT_WEBHOOK_CONNECTIONS", "")),
            webhook_timeout=_webhook_timeout(env.get("CAREER_BOT_WEBHOOK_TIMEOUT", "")),
            sends_per_second=_sends_per_second(env.get("CAREER_BOT_SENDS_PER_SECOND", "")),
            cache_dir=cache_dir(env),
            embeddings=embeddings_on(env),
        )

    def require_token(self) -> str:
        if self.token is None:
            raise InputError(
                "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram and "
                "export the token it gives you (or use `make chat` to try the bot without one)"
            )
        return self.token.get_secret_value()


def cache_dir(env: Mapping[str, str]) -> Path:
    """CAREER_BOT_CACHE, else the default below (read alone by `career-bot ask`, which needs
    no other setting and so is not stopped by a bad one it does not use)."""
    return Path(env.get("CAREER_BOT_CACHE") or default_cache_dir(env))


def embeddings_on(env: Mapping[str, str]) -> bool:
    """CAREER_BOT_EMBEDDINGS: on (the default) or off (also read alone by `career-bot ask`)."""
    return _switch(env.get("CAREER_BOT_EMBEDDINGS", ""), "CAREER_BOT_EMBEDDINGS")


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """$XDG_CACHE_HOME/career-bot, else ~/.cache/career-bot (the XDG default)."""
    base = env.get("XDG_CACHE_HOME") or os.environ.get("XDG_CACHE_HOME")
    return Path(base or Path.home() / ".cache") / "career-bot"


def _token(raw: str | None) -> SecretStr | None:
    if raw is None or not raw.strip():
        return None
    if not TOKEN_SHAPE.match(raw.strip()):
        raise InputError(
            "TELEGRAM_BOT_TOKEN is malformed: expected the form <digits>:<35 characters> "
            "that @BotFather gives (the value is not shown here)"
        )
    return SecretStr(raw.strip())


def check_url(raw: str, name: str, example: str = DEFAULT_API) -> str:
    try:
        parsed = urlparse(raw)
        parsed.port  # noqa: B018 (reading it checks it: a bad port raises ValueError)
    except ValueError as exc:
        raise InputError(f"{name} is not a valid URL: {exc}") from None
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        raise InputError(f"{name} must be an http(s) URL such as {example}")
    return raw


def webhook_url(raw: str) -> str:
    url = check_url(raw, "--webhook-url", WEBHOOK_EXAMPLE)
    if not urlparse(url).path.strip("/"):
        raise InputError(f"--webhook-url needs a path, e.g. {WEBHOOK_EXAMPLE}")
    return url


def _secret(raw: str | None) -> SecretStr:
    if raw is None or raw == "":
        return _random_secret()
    if not SECRET_SHAPE.fullmatch(raw):
        raise InputError(
            "TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and -, up to 256 characters"
        )
    return SecretStr(raw)


def _admins(raw: str) -> frozenset[int]:
    ids = [part.strip() for part in raw.split(",") if part.strip()]
    bad = [part for part in ids if not part.lstrip("-").isdigit()]
    if bad:
        raise InputError(
            f"CAREER_BOT_ADMINS must be Telegram user ids separated by commas: {bad[0]!r}"
        )
    return frozenset(int(part) for part in ids)


def _miss_memory(raw: str) -> timedelta:
    text = raw.strip() or str(DEFAULT_MISS_DAYS)
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 36500:
        raise InputError(
            f"CAREER_BOT_MISS_DAYS must be a whole number of days from 1 to 36500: {raw!r}"
        )
    return timedelta(days=int(text))


def _webhook_connections(raw: str) -> int:
    text = raw.strip() or str(DEFAULT_WEBHOOK_CONNECTIONS)
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 100_000:
        raise InputError(
            f"CAREER_BOT_WEBHOOK_CONNECTIONS must be a whole number from 1 to 100000: {raw!r}"
        )
    return int(text)


def _sends_per_second(raw: str) -> int:
    text = raw.strip() or str(DEFAULT_SENDS_PER_SECOND)
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MOST_SENDS_PER_SECOND:
        raise InputError(
            "CAREER_BOT_SENDS_PER_SECOND must be a whole number from 1 to "
            f"{MOST_SENDS_PER_SECOND} (Telegram's free limit is about 30): {raw!r}"
        )
    return int(text)


def _webhook_timeout(raw: str) -> float:
    text = raw.strip() or str(DEFAULT_WEBHOOK_TIMEOUT)
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0.01 <= seconds <= 3600:
        raise InputError(f"CAREER_BOT_WEBHOOK_TIMEOUT must be seconds from 0.01 to 3600: {raw!r}")
    return seconds


def _switch(raw: str, name: str) -> bool:
    text = raw.strip().lower() or "on"
    if text not in {"on", "off"}:
        raise InputError(f"{name} must be on or off: {raw!r}")
    return text == "on"
