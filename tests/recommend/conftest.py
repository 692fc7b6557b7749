"""The recommender, built once per test session: its tables take longer than a call."""

from __future__ import annotations

import pytest

from bot.content.knowledge import Knowledge
from bot.content.recommender_config import RecommenderConfig, load_recommender_config
from bot.recommend.recommender import Recommender


@pytest.fixture(scope="session")
def config() -> RecommenderConfig:
    return load_recommender_config()


@pytest.fixture(scope="session")
def recommender(kb: Knowledge, config: RecommenderConfig) -> Recommender:
    return Recommender(kb, config)
