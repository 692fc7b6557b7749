"""The model loads in the background (issue 14 point 5): the bot answers from its first
message, lexically, while the model is still loading; once it is ready, a question in another
language gets its reply in that language, with the English answer a multilingual model is
sure of (the packaged model reads English only, so it offers none)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.app import BotData, build_engine, load_data, start_models
from bot.conversation.engine import Engine
from bot.conversation.events import Event, Reply
from bot.conversation.payloads import show_answer
from bot.matching.background import Background
from bot.matching.language import LanguageDetector
from bot.matching.matcher import FaqMatcher
from bot.matching.reader import QuestionReader
from bot.matching.semantic import EmbeddingMatcher
from bot.storage.factory import Storage
from bot.storage.isolation import KeyedLocks
from bot.storage.memory import MemoryAnalytics, MemoryStore
from tests.matching.fakes import GATE_SECONDS, WordHashEmbedder


@pytest.fixture(scope="module")
def data() -> BotData:
    return load_data()


@pytest.fixture(scope="module")
def language() -> LanguageDetector:
    loaded = LanguageDetector()
    loaded.warm_up()  # shared, so each Background's warm-up finds it loaded
    return loaded


def engine_with(data: BotData, models: Background) -> Engine:
    storage = Storage(MemoryStore(), KeyedLocks(), MemoryAnalytics())
    return build_engine(storage, data, models=models, charts=False)


def loading(build: Callable[[], EmbeddingMatcher], language: LanguageDetector) -> Background:
    models = Background(build, language)
    models.start()
    return models


async def test_the_bot_answers_while_the_model_is_still_loading(
    data: BotData, language: LanguageDetector
) -> None:
    slow = WordHashEmbedder(gated=True)
    models = loading(lambda: EmbeddingMatcher(data.kb, slow, None), language)
    assert slow.entered.wait(GATE_SECONDS)  # the loader is inside the model, held there
    engine = engine_with(data, models)

    [reply] = await engine.handle(Event.typed(1, "what does an mle do"))

    assert reply.key == "role.machine_learning_engineer"
    assert not models.ready()
    assert models.matcher is None
    slow.gate.set()
    assert models.wait(GATE_SECONDS)
    assert models.ready()


async def test_another_language_before_the_model_is_ready_gets_the_plain_reply(
    data: BotData, language: LanguageDetector
) -> None:
    slow = WordHashEmbedder(gated=True)
    models = loading(lambda: EmbeddingMatcher(data.kb, slow, None), language)
    engine = engine_with(data, models)

    [reply] = await engine.handle(Event.typed(1, "как стать инженером по машинному обучению?"))

    assert reply.key == "other_language"
    assert reply.text == data.kb.english_only("ru")
    assert not reply.buttons
    slow.gate.set()
    assert models.wait(GATE_SECONDS)


async def test_a_script_we_have_no_reply_in_gets_english_for_now_in_english(
    data: BotData, language: LanguageDetector
) -> None:
    """Burmese, Greek, Thai...: "I'm not sure I can answer that one" read as if the bot had
    not understood the question; it could not read the language."""
    models = loading(lambda: EmbeddingMatcher(data.kb, WordHashEmbedder(), None), language)
    engine = engine_with(data, models)

    [reply] = await engine.handle(Event.typed(1, "ဒေတာသိပ္ပံပညာရှင် ဘယ်လိုဖြစ်နိုင်မလဲ"))

    assert reply.key == "other_language"
    assert reply.text == data.kb.english_only("other")
    assert models.wait(GATE_SECONDS)


CHINESE_PHD = "我需要博士学位才能做机器学习工程师吗？"
GREEK_PHD = "Χρειάζομαι διδακτορικό για να δουλέψω στη μηχανική μάθηση;"


async def phd_question(
    data: BotData, language: LanguageDetector, *, multilingual: bool, text: str = CHINESE_PHD
) -> Reply:
    """The bot's reply to CHINESE_PHD (or `text`) once a model is ready that reads it as the
    English phrasing of faq.phd_required (so it is sure of that answer), multilingual or not."""
    reads = WordHashEmbedder(
        translations={text: "do i need a phd for ai"}, multilingual=multilingual
    )
    models = loading(lambda: EmbeddingMatcher(data.kb, reads, None), language)
    assert models.wait(GATE_SECONDS)
    [reply] = await engine_with(data, models).handle(Event.typed(1, text))
    return reply


async def test_a_multilingual_model_offers_its_confident_english_answer_in_the_language(
    data: BotData, language: LanguageDetector
) -> None:
    reply = await phd_question(data, language, multilingual=True)

    assert reply.key == "other_language"
    assert reply.text.startswith(data.kb.english_only("zh"))
    assert reply.text.endswith(data.kb.text("english_offer_zh"))
    [[button]] = reply.buttons
    assert button.payload == show_answer("faq.phd_required").pack()


async def test_a_script_we_have_no_reply_in_gets_the_offer_in_english(
    data: BotData, language: LanguageDetector
) -> None:
    reply = await phd_question(data, language, multilingual=True, text=GREEK_PHD)

    assert reply.key == "other_language"
    assert reply.text.startswith(data.kb.english_only("other"))
    assert reply.text.endswith(data.kb.text("english_offer_other"))
    [[button]] = reply.buttons
    assert button.payload == show_answer("faq.phd_required").pack()


async def test_an_english_only_model_offers_no_answer_to_another_language(
    data: BotData, language: LanguageDetector
) -> None:
    """The packaged model reads English only: whatever it finds in a Chinese message comes
    from shared names or numbers, so it is not asked (this one would be sure)."""
    reply = await phd_question(data, language, multilingual=False)

    assert reply.key == "other_language"
    assert reply.text == data.kb.english_only("zh")
    assert not reply.buttons


async def test_with_embeddings_off_a_latin_script_language_still_gets_its_note() -> None:
    """A tester: with CAREER_BOT_EMBEDDINGS=off a Spanish question got the English "not
    sure"; the language model loads even when the embedding model does not."""
    data = load_data()
    models = start_models(data.kb, Path("unused"), embeddings=False)
    assert models.wait(GATE_SECONDS)
    engine = engine_with(data, models)

    question = (
        "Quiero trabajar en inteligencia artificial pero no sé programar, ¿qué rol me recomiendas?"
    )
    [reply] = await engine.handle(Event.typed(1, question))

    assert not models.ready(), "no embedding model"
    assert reply.key == "other_language"
    assert reply.text == data.kb.english_only("es")


async def test_mid_quiz_another_language_gets_its_note_without_pointing_to_the_quiz(
    data: BotData, language: LanguageDetector
) -> None:
    """A tester: mid-quiz, the Portuguese note ended "take the test with /quiz", and the
    question came next. The note is the apology alone there, and the question follows."""
    models = loading(lambda: EmbeddingMatcher(data.kb, WordHashEmbedder(), None), language)
    engine = engine_with(data, models)
    await engine.handle(Event.typed(1, "/quiz"))

    note, back, question = await engine.handle(
        Event.typed(1, "Não sei programar, qual papel você recomenda para mim?")
    )

    assert note.key == "other_language"
    assert note.text == data.kb.english_only("pt", in_quiz=True)
    assert "/quiz" not in note.text
    assert (back.key, question.key) == ("quiz_back_to_question", "q_task_data_engineering")
    assert models.wait(GATE_SECONDS)


async def test_a_model_that_fails_to_load_leaves_the_bot_lexical(
    data: BotData, language: LanguageDetector
) -> None:
    def broken() -> EmbeddingMatcher:
        raise OSError("weights missing")

    models = loading(broken, language)
    assert models.wait(GATE_SECONDS)
    engine = engine_with(data, models)

    [reply] = await engine.handle(Event.typed(1, "do i need a phd"))

    assert not models.ready()
    assert reply.key == "faq.phd_required"


async def test_english_text_is_never_answered_as_another_language(
    data: BotData, language: LanguageDetector
) -> None:
    models = loading(lambda: EmbeddingMatcher(data.kb, WordHashEmbedder(), None), language)
    assert models.wait(GATE_SECONDS)
    engine = engine_with(data, models)

    replies = await engine.handle(Event.typed(1, "is it too late to switch careers at 40"))

    assert all(reply.key != "other_language" for reply in replies)


def test_closing_stops_a_load_in_progress_and_waits_for_it(
    data: BotData, language: LanguageDetector, caplog: pytest.LogCaptureFixture
) -> None:
    """A bot that stops while its model still encodes the phrasings: the load ends at once
    and the thread is gone before the process exits (onnxruntime aborts a process that
    exits with a thread inside it: `career-bot chat` left within seconds of a cold start
    ended with status 134)."""
    slow = WordHashEmbedder(gated=True)
    models = Background(lambda: EmbeddingMatcher(data.kb, slow, None), language, stop=slow.stop)
    models.start()
    assert slow.entered.wait(GATE_SECONDS)  # inside the model's encode, held there

    assert models.close()

    assert models.wait(0)
    assert not models.ready()
    assert not [r for r in caplog.records if r.levelname in {"ERROR", "CRITICAL"}]


def test_waiting_for_a_background_never_started_returns_at_once() -> None:
    assert Background(None).wait()  # a piped chat or `ask` would hang on it otherwise


def test_closing_a_background_never_started_is_harmless() -> None:
    assert Background(None).close()


def test_after_closing_a_loaded_model_questions_are_still_answered_by_the_words(
    data: BotData, language: LanguageDetector
) -> None:
    """Closing stops the model for good; a question that still arrives (a stop in progress)
    gets the lexical answer instead of an error."""
    model = WordHashEmbedder()
    models = Background(lambda: EmbeddingMatcher(data.kb, model, None), language, stop=model.stop)
    models.start()
    assert models.wait(GATE_SECONDS)
    reader = QuestionReader(FaqMatcher(data.kb), models.slot)
    message = "I keep wondering what a machine learning engineer actually does on a normal day"
    assert reader.signals == "hybrid"

    assert models.close()
    match = reader.match(message)

    assert model.stopped
    assert match == reader.lexical.match(message)


def test_the_log_says_when_questions_are_read_by_meaning(
    data: BotData, language: LanguageDetector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.matching.background")
    models = loading(lambda: EmbeddingMatcher(data.kb, WordHashEmbedder(), None), language)
    assert models.wait(GATE_SECONDS)

    ready = [r for r in caplog.records if "embedding model is ready" in r.getMessage()]
    assert models.ready()
    assert len(ready) == 1


class BrokenLanguageModel(LanguageDetector):
    def warm_up(self) -> None:
        raise OSError("model.plk.gz is missing")


def test_a_language_model_that_fails_is_logged_as_such_and_the_embedding_model_still_loads(
    data: BotData, caplog: pytest.LogCaptureFixture
) -> None:
    models = loading(
        lambda: EmbeddingMatcher(data.kb, WordHashEmbedder(), None), BrokenLanguageModel()
    )
    assert models.wait(GATE_SECONDS)

    failures = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert failures == ["the language model could not be loaded (scripts alone tell languages)"]
    assert models.ready()
    assert models.language.detect("что такое data science") == "ru"  # by its script
