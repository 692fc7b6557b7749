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


def test_the_webhook_guard_has_sane_defaults_and_reads_its_variables() -> None:
    default = Settings.from_env({})
    assert (default.webhook_connections, default.webhook_timeout) == (256, 10.0)
    told = Settings.from_env(
        {"CAREER_BOT_WEBHOOK_CONNECTIONS": "40", "CAREER_BOT_WEBHOOK_TIMEOUT": "0.5"}
    )
    assert (told.webhook_connections, told.webhook_timeout) == (40, 0.5)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CAREER_BOT_WEBHOOK_CONNECTIONS", "0"),
        ("CAREER_BOT_WEBHOOK_CONNECTIONS", "many"),
        ("CAREER_BOT_WEBHOOK_CONNECTIONS", "-5"),
        ("CAREER_BOT_WEBHOOK_TIMEOUT", "0"),
        ("CAREER_BOT_WEBHOOK_TIMEOUT", "nan"),
        ("CAREER_BOT_WEBHOOK_TIMEOUT", "soon"),
        ("CAREER_BOT_WEBHOOK_TIMEOUT", "7200"),
    ],
)
def test_a_webhook_guard_setting_out_of_range_is_refused(name: str, value: str) -> None:
    with pytest.raises(InputError, match=name):
        Settings.from_env({name: value})


def test_the_embedding_cache_is_the_users_cache_folder_unless_named(tmp_path: Path) -> None:
    assert Settings.from_env({"XDG_CACHE_HOME": str(tmp_path)}).cache_dir == (
        tmp_path / "career-bot"
    )
    named = Settings.from_env({"CAREER_BOT_CACHE": str(tmp_path / "mine")})
    assert named.cache_dir == tmp_path / "mine"


@pytest.mark.parametrize(
    ("raw", "on"), [("", True), ("on", True), ("OFF", False), (" off ", False)]
)
def test_the_embedding_model_can_be_switched_off(raw: str, on: bool) -> None:
    assert Settings.from_env({"CAREER_BOT_EMBEDDINGS": raw}).embeddings is on


def test_a_switch_that_is_neither_on_nor_off_is_refused() -> None:
    with pytest.raises(InputError, match="CAREER_BOT_EMBEDDINGS must be on or off"):
        Settings.from_env({"CAREER_BOT_EMBEDDINGS": "yes please"})


def test_sends_a_second_default_to_telegrams_free_limit_and_can_be_raised() -> None:
    assert Settings.from_env({}).sends_per_second == 30
    told = Settings.from_env({"CAREER_BOT_SENDS_PER_SECOND": "1000"})
    assert told.sends_per_second == 1000, "a bot with paid broadcasts"


@pytest.mark.parametrize("value", ["0", "1001", "fast", "-1", "2.5"])
def test_sends_a_second_out_of_range_are_refused(value: str) -> None:
    with pytest.raises(InputError, match="CAREER_BOT_SENDS_PER_SECOND"):
        Settings.from_env({"CAREER_BOT_SENDS_PER_SECOND": value})
