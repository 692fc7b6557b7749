"""Assemble the bot from its data folders: the one place that knows every part."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.content.knowledge import Knowledge, load_knowledge
from bot.content.quiz import Quiz, load_quiz
from bot.content.recommender_config import RecommenderConfig, load_recommender_config
from bot.conversation.engine import Clock, Engine, utc_now
from bot.matching import embedder
from bot.matching.matcher import FaqMatcher
from bot.matching.reader import SemanticSlot
from bot.matching.semantic import EmbeddingMatcher
from bot.problems import DataError, Problem
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
    semantic: SemanticSlot | None = None,
    clock: Clock = utc_now,
    charts: bool = True,
) -> Engine:
    data = data or load_data()
    return Engine(
        data.kb,
        data.quiz,
        data.recommender,
        store=storage.state,
        isolation=storage.isolation,
        analytics=storage.analytics,
        matcher=matcher,
        semantic=semantic,
        clock=clock,
        charts=charts,
    )


def start_semantic(kb: Knowledge, cache: Path) -> SemanticSlot:
    """An empty slot, filled from a background thread once the packaged model is loaded and
    every phrasing encoded (or read from `cache`): questions are read lexically until then,
    and for good when the model is not installed."""
    slot = SemanticSlot()
    if not embedder.available():
        log.warning("the embedding model is not installed: questions are matched by words only")
        return slot

    def load() -> None:
        slot.fill(EmbeddingMatcher(kb, embedder.UseEmbedder(), cache))
        log.info("the embedding model is ready: questions get the hybrid matcher")

    threading.Thread(target=load, name="embedding-model", daemon=True).start()
    return slot
