"""Assemble the bot from its data folders: the one place that knows every part."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from bot.content.knowledge import Knowledge, load_knowledge
from bot.content.quiz import Quiz, load_quiz
from bot.content.recommender_config import RecommenderConfig, load_recommender_config
from bot.conversation.engine import Clock, Engine, utc_now
from bot.matching.background import Background
from bot.matching.matcher import FaqMatcher
from bot.problems import DataError, Problem
from bot.recommend.chart import CHART_EXTRA, can_draw
from bot.storage.factory import Storage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BotData:
    kb: Knowledge
    quiz: Quiz
    recommender: RecommenderConfig


def load_data(root: Path | None = None) -> BotData:
    """Every data file, validated; every problem in every file reported together."""
    problems: list[Problem] = []
    kb = quiz = recommender = None
    try:
        kb = load_knowledge(root)
    except DataError as exc:
        problems += exc.problems
    try:
        recommender = load_recommender_config(root)
    except DataError as exc:
        problems += exc.problems
    if kb is not None:
        try:
            quiz = load_quiz(kb, root)
        except DataError as exc:
            problems += exc.problems
    if problems or kb is None or quiz is None or recommender is None:
        raise DataError(problems)
    return BotData(kb, quiz, recommender)


def build_engine(
    storage: Storage,
    data: BotData | None = None,
    *,
    matcher: FaqMatcher | None = None,
    models: Background | None = None,
    clock: Clock = utc_now,
    charts: bool = True,
) -> Engine:
    data = data or load_data()
    if charts and not can_draw():
        # The result still comes, without its picture: a missing extra must not end a quiz.
        log.warning("no result charts: matplotlib is not installed (%s)", CHART_EXTRA)
        charts = False
    return Engine(
        data.kb,
        data.quiz,
        data.recommender,
        store=storage.state,
        isolation=storage.isolation,
        analytics=storage.analytics,
        matcher=matcher,
        models=models,
        clock=clock,
        charts=charts,
    )


def start_models(kb: Knowledge, cache_dir: Path, *, embeddings: bool = True) -> Background:
    """The embedding matcher and language model, loading in a background thread from now on
    (the bot answers lexically until they are ready); phrasing vectors cached in cache_dir.
    With `embeddings` off, the language model alone (other languages are still recognised)."""
    if not embeddings:
        models = Background(None)
    else:
        from bot.matching.embedder import MiniLmEmbedder
        from bot.matching.semantic import EmbeddingMatcher

        folder = cache_dir / "embeddings"
        embedder = MiniLmEmbedder()
        models = Background(lambda: EmbeddingMatcher(kb, embedder, folder), stop=embedder.stop)
    models.start()
    return models
