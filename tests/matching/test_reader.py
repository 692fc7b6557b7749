"""The bot reads free text through the hybrid decision once the embedding model is ready, and
through the lexical matcher until then (issue 14: the model loads in the background, so the
first reply never waits for it; an install without the model keeps working)."""

from __future__ import annotations

from bot.app import BotData, build_engine, load_data
from bot.conversation.events import Event
from bot.matching.background import Background
from bot.matching.matcher import FaqMatcher
from bot.matching.reader import QuestionReader, SemanticSlot
from bot.matching.semantic import EmbeddingMatcher
from bot.storage.factory import Storage
from bot.storage.isolation import KeyedLocks
from bot.storage.memory import MemoryAnalytics, MemoryStore

# The words alone cannot place it (nothing in it names its answer): only the embeddings find it.
PARAPHRASE = (
    "would moving to another country be a smart move for my career in data",
    "faq.working_abroad",
)


def test_an_empty_slot_means_words_only(lexical: FaqMatcher) -> None:
    reader = QuestionReader(lexical, SemanticSlot())
    question, _ = PARAPHRASE
    assert reader.signals == "lexical"
    assert reader.match(question) == lexical.match(question)


def test_a_filled_slot_switches_to_the_hybrid(
    lexical: FaqMatcher, semantic: EmbeddingMatcher
) -> None:
    slot = SemanticSlot()
    reader = QuestionReader(lexical, slot)
    slot.fill(semantic)
    question, answer_id = PARAPHRASE
    assert reader.signals == "hybrid"
    assert reader.match(question).id == answer_id


async def test_the_bot_answers_through_the_hybrid_once_the_model_is_ready(
    semantic: EmbeddingMatcher,
) -> None:
    data: BotData = load_data()
    models = Background(lambda: semantic)  # not started: the test fills its slot by hand
    storage = Storage(MemoryStore(), KeyedLocks(), MemoryAnalytics())
    engine = build_engine(storage, data, models=models, charts=False)
    question, answer_id = PARAPHRASE
    expected = engine.context.views.faq_answer(answer_id, quiz_known=False).text

    before = await engine.handle(Event.typed(1, question))
    assert expected not in [reply.text for reply in before]

    models.slot.fill(semantic)
    after = await engine.handle(Event.typed(1, question))
    assert expected in [reply.text for reply in after]
