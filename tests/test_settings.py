"""Settings from environment variables: checked once, and the secrets never shown."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.problems import InputError
from bot.settings import DEFAULT_DB, Settings

GOOD = "1234567:" + "C" * 35
SECRET = "webhook-secret_1"


def test_the_token_never_shows_in_settings(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": GOOD, "TELEGRAM_WEBHOOK_SECRET": SECRET})
    logging.getLogger("test").warning("settings: %s %r", settings, settings)
    for shown in (repr(settings), str(settings), f"{settings.token}", caplog.text):
        assert GOOD not in shown
        assert SECRET not in shown
    assert isinstance(settings.token, SecretStr)
    assert settings.require_token() == GOOD
    assert settings.webhook_secret.get_secret_value() == SECRET


def test_a_malformed_token_is_refused_without_repeating_it() -> None:
    with pytest.raises(InputError, match="TELEGRAM_BOT_TOKEN is malformed") as refused:
        Settings.from_env({"TELEGRAM_BOT_TOKEN": GOOD + "!"})
    assert GOOD not in str(refused.value)


def test_without_a_token_running_the_bot_says_how_to_get_one() -> None:
    settings = Settings.from_env({})
    assert settings.token is None
    with pytest.raises(InputError, match="@BotFather"):
        settings.require_token()


def test_an_unset_webhook_secret_is_random_and_valid() -> None:
    first, second = Settings.from_env({}), Settings.from_env({})
    assert first.webhook_secret != second.webhook_secret
    assert len(first.webhook_secret.get_secret_value()) >= 32


def test_defaults_and_the_store_are_read_from_the_variables() -> None:
    assert Settings.from_env({}).db_path == DEFAULT_DB
    settings = Settings.from_env({"CAREER_BOT_DB": "x.db", "CAREER_BOT_STORE": "redis://r:6379"})
    assert (str(settings.db_path), settings.store_url) == ("x.db", "redis://r:6379")


def test_admins_are_read_as_user_ids() -> None:
    assert Settings.from_env({"CAREER_BOT_ADMINS": " 12, 34 ,"}).admins == {12, 34}


def test_unanswered_questions_are_kept_90_days_unless_told() -> None:
    assert Settings.from_env({}).miss_memory == timedelta(days=90)
    assert Settings.from_env({"CAREER_BOT_MISS_DAYS": "30"}).miss_memory == timedelta(days=30)


@pytest.mark.parametrize("days", ["0", "-1", "ninety", "1.5", "99999"])
def test_a_miss_memory_that_is_no_whole_number_of_days_is_refused(days: str) -> None:
    with pytest.raises(InputError, match="CAREER_BOT_MISS_DAYS must be a whole number of days"):
        Settings.from_env({"CAREER_BOT_MISS_DAYS": days})


def test_a_webhook_secret_is_telegrams_shape_up_to_256_characters() -> None:
    longest = "aZ0_-" * 51 + "x"  # 256 characters of the allowed ones
    assert Settings.from_env({"TELEGRAM_WEBHOOK_SECRET": longest}).webhook_secret == SecretStr(
        longest
    )
    for refused in (longest + "x", "no spaces", "ключ", "a/b", "secret\n"):
        with pytest.raises(InputError, match="TELEGRAM_WEBHOOK_SECRET"):
            Settings.from_env({"TELEGRAM_WEBHOOK_SECRET": refused})


@pytest.mark.parametrize(("raw", "on"), [(None, True), ("on", True), ("off", False), ("0", False)])
def test_the_embedding_model_is_used_unless_switched_off(raw: str | None, on: bool) -> None:
    env = {} if raw is None else {"CAREER_BOT_EMBEDDINGS": raw}
    assert Settings.from_env(env).embeddings is on


def test_phrasing_vectors_are_cached_next_to_the_database(tmp_path: Path) -> None:
    settings = Settings.from_env({"CAREER_BOT_DB": str(tmp_path / "bot.sqlite3")})
    assert settings.embedding_cache == tmp_path / "cache" / "embeddings"
