"""The Telegram adapter, driven through PTB's real Application with `process_update` and an
offline request object that records every Bot API call (no mocks of our own code)."""

from __future__ import annotations

import dataclasses
import json
import logging
import tempfile
import threading
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.error import TimedOut
from telegram.ext import Application, ApplicationBuilder
from telegram.request import RequestData

from bot.app import build_engine, load_data
from bot.conversation import result_views
from bot.matching.matcher import FaqMatcher
from bot.recommend import chart
from bot.redaction import RedactingFilter, scrub
from bot.storage.contract import StateStore
from bot.storage.factory import memory_storage
from bot.transports.telegram.adapter import TelegramAdapter
from bot.transports.telegram.render import split_text
from tests.harness.bot_api import FakeBotApi
from tests.harness.offline import BOT_USER, OfflineCall, OfflineRequest

TOKEN = "1234567:" + "A" * 35  # shaped like a real token; 7 digits on purpose
DATA = load_data()
MATCHER = FaqMatcher(DATA.kb)
ADMIN, USER = 1000, 2000
INTERESTS = ["Love it", "Love it", "Love it", "Dislike", "Neutral", "Both", "Dislike"]
ids = count(1)


class FailingRequest(OfflineRequest):
    """Answers chosen methods with a Bot API error instead of applying them."""

    def __init__(self, failures: dict[str, str]) -> None:
        super().__init__()
        self.failures = failures

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        """PTB's hook; the timeouts it passes as keywords do not apply offline."""
        endpoint = url.rsplit("/", 1)[-1]
        if endpoint in self.failures:
            params = dict(request_data.parameters) if request_data else {}
            self.calls.append(OfflineCall(endpoint, params))
            body = {"ok": False, "error_code": 400, "description": self.failures[endpoint]}
            return 400, json.dumps(body).encode()
        return await super().do_request(url, method, request_data)


Bot = tuple[Application[Any, Any, Any, Any, Any, Any], OfflineRequest, StateStore, TelegramAdapter]


async def make_bot(request: OfflineRequest, *, charts: bool = False) -> Bot:
    storage = memory_storage()
    adapter = TelegramAdapter(
        build_engine(storage, DATA, matcher=MATCHER, charts=charts), frozenset({ADMIN})
    )
    app = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request).build()
    adapter.install(app)
    await app.initialize()
    await adapter.publish_commands(app)
    return app, request, storage.state, adapter


@pytest.fixture
async def bot() -> AsyncIterator[Bot]:
    made = await make_bot(OfflineRequest())
    yield made
    await made[0].shutdown()


def user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}


def text_update(
    user_id: int,
    text: str,
    *,
    chat: dict[str, Any] | None = None,
    update_id: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(ids),
        "date": int(time.time()),
        "from": user(user_id),
        "text": text,
        "chat": chat or {"id": user_id, "type": "private", "first_name": f"User{user_id}"},
        **extra,
    }
    if text.startswith("/"):
        message["entities"] = [
            {"type": "bot_command", "offset": 0, "length": len(text.split(maxsplit=1)[0])}
        ]
    return {"update_id": update_id or next(ids), "message": message}


def press_update(user_id: int, message: dict[str, Any], data: str) -> dict[str, Any]:
    query = {
        "id": f"cq{next(ids)}",
        "from": user(user_id),
        "chat_instance": "ci",
        "data": data,
        "message": message,
    }
    return {"update_id": next(ids), "callback_query": query}


async def send(bot: Bot, update: dict[str, Any]) -> None:
    app = bot[0]
    await app.process_update(Update.de_json(update, app.bot))


def last_message(request: OfflineRequest) -> dict[str, Any]:
    """The bot's latest message with buttons (sent or edited), as Telegram hands it back."""
    shown = [
        c.params
        for c in request.calls
        if c.method in {"sendMessage", "editMessageText"} and c.params.get("reply_markup")
    ]
    params = shown[-1]
    return {
        "message_id": 555,
        "date": int(time.time()),
        "from": BOT_USER,
        "chat": {"id": int(params["chat_id"]), "type": "private"},
        "text": params["text"],
        "reply_markup": params.get("reply_markup"),
    }


def button(params: dict[str, Any], label: str) -> str:
    for row in params["reply_markup"]["inline_keyboard"]:
        for b in row:
            if b["text"].endswith(label):
                return str(b["callback_data"])
    raise AssertionError(f"no button {label!r}")


async def test_the_command_menu_lists_every_command_with_its_help(bot: Bot) -> None:
    commands = bot[1].sent("setMyCommands")[-1]["commands"]
    assert {c["command"] for c in commands} == set(DATA.kb.commands)
    assert all(c["description"] for c in commands)


async def test_start_greets_in_html_with_buttons(bot: Bot) -> None:
    await send(bot, text_update(USER, "/start"))
    sent = bot[1].sent("sendMessage")[-1]
    assert sent["parse_mode"] == "HTML"
    assert "Take the quiz" in json.dumps(sent["reply_markup"])


async def test_a_button_is_answered_at_once_and_the_quiz_steps_forward_in_place(bot: Bot) -> None:
    await send(bot, text_update(USER, "/quiz"))
    question = last_message(bot[1])
    await send(bot, press_update(USER, question, button(question, "Love it")))
    methods = [c.method for c in bot[1].calls]
    # The answer goes out beside the press being applied, not in front of it: either first.
    assert sorted(methods[-2:]) == ["answerCallbackQuery", "editMessageText"]
    edit = bot[1].sent("editMessageText")[-1]
    assert edit["message_id"] == 555
    assert "Question 2 of 16" in edit["text"]


async def test_text_from_people_is_escaped_for_html(bot: Bot) -> None:
    await send(bot, text_update(USER, "/role <b>boss</b> & co"))
    text = bot[1].sent("sendMessage")[-1]["text"]
    assert "&lt;b&gt;boss&lt;/b&gt; &amp; co" in text
    assert "<b>" not in text


async def test_typed_skip_and_back_work_in_telegram_as_in_the_terminal(bot: Bot) -> None:
    await send(bot, text_update(USER, "/quiz"))
    await send(bot, text_update(USER, "skip"))
    assert "Question 2 of 16" in bot[1].sent("sendMessage")[-1]["text"]
    await send(bot, text_update(USER, "/back"))
    assert "Question 1 of 16" in bot[1].sent("sendMessage")[-1]["text"]
    await send(bot, text_update(USER, "/skip"))
    assert "Question 2 of 16" in bot[1].sent("sendMessage")[-1]["text"]
    assert json.loads(await bot[2].get(USER) or "{}").get("answers") is None


async def test_an_unmodified_message_is_no_error() -> None:
    app, request, _, _ = made = await make_bot(
        FailingRequest({"editMessageText": "Bad Request: message is not modified: same"})
    )
    await send(made, text_update(USER, "/quiz"))
    question = last_message(request)
    sends = len(request.sent("sendMessage"))
    await send(made, press_update(USER, question, button(question, "Love it")))
    assert len(request.sent("sendMessage")) == sends, "nothing resent, no apology"
    await app.shutdown()


async def test_a_message_that_can_no_longer_be_edited_is_sent_anew() -> None:
    app, request, _, _ = made = await make_bot(
        FailingRequest({"editMessageText": "Bad Request: message to edit not found"})
    )
    await send(made, text_update(USER, "/quiz"))
    question = last_message(request)
    await send(made, press_update(USER, question, button(question, "Love it")))
    assert "Question 2 of 16" in request.sent("sendMessage")[-1]["text"]
    await app.shutdown()


async def test_the_result_chart_goes_out_as_a_photo_after_an_upload_action() -> None:
    app, request, _, adapter = made = await make_bot(OfflineRequest(), charts=True)
    await send(made, text_update(USER, "/quiz"))
    for label in [*INTERESTS, "Show my result"]:
        question = last_message(request)
        await send(made, press_update(USER, question, button(question, label)))
    await adapter.pictures.close(grace=30)  # the chart trails its update: let it go out
    # The button's answer runs beside the reply, so it may land anywhere between.
    methods = [c.method for c in request.calls if c.method != "answerCallbackQuery"]
    assert methods[-2:] == ["sendChatAction", "sendPhoto"]
    assert request.sent("sendChatAction")[-1]["action"] == "upload_photo"
    await app.shutdown()


async def test_the_chart_is_drawn_off_the_event_loop_and_never_written_to_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn_on: list[threading.Thread] = []

    def noted(plan: chart.ChartPlan) -> bytes:
        drawn_on.append(threading.current_thread())
        return chart.chart_png(plan)

    monkeypatch.setattr(result_views, "chart_png", noted)
    for folder in ("cwd", "tmp"):
        (tmp_path / folder).mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    app, request, _, adapter = made = await make_bot(OfflineRequest(), charts=True)
    await take_the_quiz(made, USER)
    await adapter.pictures.close(grace=30)  # the chart trails its update: let it go out
    await app.shutdown()
    assert [c.method for c in request.calls][-1] == "sendPhoto"
    assert drawn_on, "the chart was drawn"
    assert threading.main_thread() not in drawn_on, "a chart takes CPU: not on the event loop"
    assert sorted(tmp_path.rglob("*")) == [tmp_path / "cwd", tmp_path / "tmp"], "no file written"


async def test_inline_queries_list_answers_to_share(bot: Bot) -> None:
    update = {
        "update_id": next(ids),
        "inline_query": {
            "id": "iq1",
            "from": user(USER),
            "query": "data scientist skills",
            "offset": "",
        },
    }
    await send(bot, update)
    results = bot[1].sent("answerInlineQuery")[-1]["results"]
    assert 1 <= len(results) <= 5
    assert results[0]["id"] == "role.data_scientist.skills"
    empty = {
        "update_id": next(ids),
        "inline_query": {"id": "iq2", "from": user(USER), "query": "", "offset": ""},
    }
    await send(bot, empty)
    assert len(bot[1].sent("answerInlineQuery")[-1]["results"]) == 9


GROUP = {"id": -100, "type": "group", "title": "AI folks"}


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        ("what does a data scientist do", False),
        ("@career_test_bot what does a DS do", True),
        ("/help@career_test_bot", True),
        ("/help@some_other_bot", False),
        ("/help", True),
    ],
)
async def test_in_groups_only_what_is_addressed_to_the_bot_is_answered(
    bot: Bot, text: str, answered: bool
) -> None:
    before = len(bot[1].sent("sendMessage"))
    await send(bot, text_update(USER, text, chat=GROUP))
    assert (len(bot[1].sent("sendMessage")) > before) == answered


async def test_the_quiz_moves_to_a_private_chat(bot: Bot) -> None:
    await send(bot, text_update(USER, "/quiz@career_test_bot", chat=GROUP))
    sent = bot[1].sent("sendMessage")[-1]
    url = sent["reply_markup"]["inline_keyboard"][0][0]["url"]
    assert url == "https://t.me/career_test_bot?start=quiz"
    assert await bot[2].get(USER) is None, "no quiz state was started in the group"


async def test_admin_commands_exist_only_for_admins(bot: Bot) -> None:
    await send(bot, text_update(ADMIN, "/stats"))
    assert "People with a stored quiz" in bot[1].sent("sendMessage")[-1]["text"]
    await send(bot, text_update(USER, "/stats"))
    assert "I don't know /stats" in bot[1].sent("sendMessage")[-1]["text"]
    await send(bot, text_update(USER, "/misses"))
    assert "I don't know /misses" in bot[1].sent("sendMessage")[-1]["text"]
    await send(bot, text_update(USER, "tell me a joke"))
    await send(bot, text_update(ADMIN, "/misses"))
    assert "tell me a joke" in bot[1].sent("sendMessage")[-1]["text"]


async def test_stats_count_people_and_the_last_7_days_quizzes_and_results() -> None:
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    today = [now - timedelta(days=8)]  # the first quiz is older than the report's week
    storage = memory_storage()
    engine = build_engine(storage, DATA, matcher=MATCHER, clock=lambda: today[0], charts=False)
    request = OfflineRequest()
    app = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request).build()
    adapter = TelegramAdapter(engine, frozenset({ADMIN}))
    adapter.install(app)
    async with app:
        made = (app, request, storage.state, adapter)
        await take_the_quiz(made, 3001)
        today[0] = now
        await take_the_quiz(made, 3002)
        await send(made, text_update(3003, "/quiz"))
        await send(made, text_update(ADMIN, "/stats"))
    report = request.sent("sendMessage")[-1]["text"]
    assert "People with a stored quiz: 3" in report
    assert "Last 7 days: 2 quizzes started, 1 finished" in report
    [role_line] = [line for line in report.splitlines() if line.startswith("•")]
    assert role_line.endswith(": 1")


async def take_the_quiz(bot: Bot, user_id: int) -> None:
    """From /quiz to the result, by buttons."""
    await send(bot, text_update(user_id, "/quiz"))
    for label in [*INTERESTS, "Show my result"]:
        question = last_message(bot[1])
        await send(bot, press_update(user_id, question, button(question, label)))


@pytest.mark.parametrize(
    ("link", "opens"),
    [
        ("quiz", "Question 1 of 16"),
        ("role_data_scientist", "A data scientist turns messy data"),
        ("faq_salary", "I cannot tell you, and I would rather say so than guess."),
    ],
)
async def test_a_deep_link_opens_what_it_names(bot: Bot, link: str, opens: str) -> None:
    """`t.me/<bot>?start=<link>` reaches the bot as `/start <link>`."""
    await send(bot, text_update(USER, f"/start {link}"))
    assert opens in bot[1].sent("sendMessage")[-1]["text"]


async def test_a_redelivered_update_is_applied_once(bot: Bot) -> None:
    await send(bot, text_update(USER, "/quiz"))
    answer = text_update(USER, "love it", update_id=90001)
    await send(bot, answer)
    await send(bot, answer)
    state = json.loads(await bot[2].get(USER) or "{}")
    assert state["answers"] == {"task_data_engineering": 4}


async def test_a_press_delivered_again_is_applied_once_and_shows_where_the_person_is(
    bot: Bot,
) -> None:
    """An instance can be killed after storing a press and before its reply went out; the
    press then arrives again (at another instance). The copy changes nothing, and the pressed
    message shows the pending question: the same edit again when the first reply did arrive,
    which Telegram shows as nothing new."""
    await send(bot, text_update(USER, "/quiz"))
    question = last_message(bot[1])
    press = press_update(USER, question, button(question, "Love it"))
    await send(bot, press)
    await send(bot, press)
    first, again = bot[1].sent("editMessageText")
    assert again["message_id"] == first["message_id"] == 555
    assert "Question 2 of 16" in again["text"]
    assert (again["text"], again["reply_markup"]) == (first["text"], first["reply_markup"])
    state = json.loads(await bot[2].get(USER) or "{}")
    assert state["answers"] == {"task_data_engineering": 4}


async def test_a_result_press_delivered_again_shows_the_result(bot: Bot) -> None:
    """The same for the last press: its copy shows the result for the answers stored."""
    await send(bot, text_update(USER, "/quiz"))
    for label in INTERESTS:
        question = last_message(bot[1])
        await send(bot, press_update(USER, question, button(question, label)))
    checkpoint = last_message(bot[1])
    press = press_update(USER, checkpoint, button(checkpoint, "Show my result"))

    async def results_shown() -> list[str]:
        before = len(bot[1].calls)
        await send(bot, press)
        texts = [str(c.params.get("text")) for c in bot[1].calls[before:]]
        return [t for t in texts if "Best match:" in t]

    first = await results_shown()
    assert len(first) == 1
    assert await results_shown() == first


async def test_an_error_is_logged_without_the_token_and_the_person_gets_an_apology(
    bot: Bot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError(f"boom while calling https://api.telegram.org/bot{TOKEN}/sendMessage")

    engine = bot[3].engine
    monkeypatch.setattr(engine, "handle", broken)
    caplog.handler.addFilter(RedactingFilter(TOKEN))
    with caplog.at_level(logging.ERROR):
        await send(bot, text_update(USER, "hello"))
    assert "Sorry, something went wrong" in bot[1].sent("sendMessage")[-1]["text"]
    assert "boom" in caplog.text
    assert TOKEN not in caplog.text


async def test_the_apology_is_sent_as_the_html_it_is_escaped_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Escaped for HTML but sent as plain text, "&" would show as "&amp;"; the fake Bot API
    fails the test at `stop` for any text invalid for its parse mode."""
    messages = {**DATA.kb.messages, "error_apology": "Sorry & sorry <3: try again."}
    engine = build_engine(
        memory_storage(),
        dataclasses.replace(DATA, kb=dataclasses.replace(DATA.kb, messages=messages)),
    )

    async def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "handle", broken)
    async with FakeBotApi(TOKEN) as fake:
        app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).build()
        TelegramAdapter(engine).install(app)
        async with app:
            fake.send_text(USER, "hello")
            for update in await app.bot.get_updates():
                await app.process_update(update)
            apology = await fake.next_message(USER)
        assert apology.plain_text == "Sorry & sorry <3: try again."
        assert fake.invalid_texts == []


def test_scrub_removes_tokens_from_any_text() -> None:
    line = f"HTTP Request: POST https://api.telegram.org/bot{TOKEN}/getMe"
    assert TOKEN not in scrub(line)
    assert "<token>" in scrub(line)


@pytest.mark.parametrize("size", [10, 4096, 4097, 9000, 20000])
def test_long_texts_are_split_on_paragraphs_within_the_limit(size: int) -> None:
    paragraph = "word " * 40 + "\n\n"
    text = (paragraph * (size // len(paragraph) + 1))[:size]
    chunks = split_text(text)
    assert all(len(chunk) <= 4096 for chunk in chunks)
    assert "".join(chunk.replace("\n", "").replace(" ", "") for chunk in chunks) == text.replace(
        "\n", ""
    ).replace(" ", "")


async def test_a_long_reply_arrives_as_several_messages_cut_between_paragraphs() -> None:
    paragraphs = [f"Paragraph {n}: " + "word " * 40 for n in range(40)]  # about 8,500 characters
    messages = {**DATA.kb.messages, "help_intro": "\n\n".join(paragraphs)}
    data = dataclasses.replace(DATA, kb=dataclasses.replace(DATA.kb, messages=messages))
    request = OfflineRequest()
    app = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request).build()
    storage = memory_storage()
    adapter = TelegramAdapter(build_engine(storage, data, matcher=MATCHER))
    adapter.install(app)
    async with app:
        await send((app, request, storage.state, adapter), text_update(USER, "/help"))
    sent = [call["text"] for call in request.sent("sendMessage")]
    assert len(sent) >= 3
    assert all(len(text) <= 4096 for text in sent)
    for paragraph in paragraphs:
        assert any(paragraph.strip() in text for text in sent), "no paragraph is cut in two"


def test_a_hard_cut_never_splits_an_html_entity() -> None:
    chunks = split_text("&amp;" * 2000)
    assert all(chunk.endswith(";") for chunk in chunks)


async def test_in_a_group_text_never_answers_the_private_quiz(bot: Bot) -> None:
    await send(bot, text_update(USER, "/quiz"))
    before = await bot[2].get(USER)
    await send(bot, text_update(USER, "@career_test_bot love it", chat=GROUP))
    assert await bot[2].get(USER) == before, "the group message was a question, not an answer"
    assert "Question" not in bot[1].sent("sendMessage")[-1]["text"], "no quiz in the group"


@pytest.mark.parametrize("text", ["@career_test_bot skip", "/skip", "/back", "/menu", "/cancel"])
async def test_in_a_group_navigation_never_moves_the_private_quiz(bot: Bot, text: str) -> None:
    await send(bot, text_update(USER, "/quiz"))
    before = await bot[2].get(USER)
    await send(bot, text_update(USER, text, chat=GROUP))
    assert await bot[2].get(USER) == before
    assert "Question" not in bot[1].sent("sendMessage")[-1]["text"], "no quiz in the group"


async def test_in_a_group_the_quiz_buttons_lead_to_a_private_chat(bot: Bot) -> None:
    greeting = {
        "message_id": 9,
        "date": int(time.time()),
        "from": BOT_USER,
        "chat": GROUP,
        "text": "Hi",
    }
    await send(bot, press_update(USER, greeting, "1:l:quiz"))
    url = bot[1].sent("sendMessage")[-1]["reply_markup"]["inline_keyboard"][0][0]["url"]
    assert url.endswith("?start=quiz")
    assert await bot[2].get(USER) is None


async def test_a_reply_to_the_bot_in_a_group_is_answered(bot: Bot) -> None:
    ours = {"message_id": 4, "date": 0, "chat": GROUP, "text": "hi", "from": BOT_USER}
    before = len(bot[1].sent("sendMessage"))
    await send(bot, text_update(USER, "what does a DS do", chat=GROUP, reply_to_message=ours))
    assert len(bot[1].sent("sendMessage")) == before + 1


async def test_a_reply_to_another_bot_in_a_group_is_not_for_us(bot: Bot) -> None:
    other_bot = {
        "message_id": 3,
        "date": 0,
        "chat": GROUP,
        "text": "hi",
        "from": {"id": 999, "is_bot": True, "first_name": "Other"},
    }
    before = len(bot[1].sent("sendMessage"))
    await send(bot, text_update(USER, "what does a DS do", chat=GROUP, reply_to_message=other_bot))
    assert len(bot[1].sent("sendMessage")) == before


class UnreachableFor(OfflineRequest):
    """The way to Telegram breaks for chosen methods: each call of them is recorded, then
    fails as a read timeout does (the call may or may not have been applied)."""

    def __init__(self, *methods: str) -> None:
        super().__init__()
        self.methods = frozenset(methods)

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        if endpoint in self.methods:
            params = dict(request_data.parameters) if request_data else {}
            self.calls.append(OfflineCall(endpoint, params))
            raise TimedOut("Timed out")
        return await super().do_request(url, method, request_data)


async def test_a_callback_answer_that_fails_never_stops_the_press(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app, request, store, _ = made = await make_bot(UnreachableFor("answerCallbackQuery"))
    await send(made, text_update(USER, "/quiz"))
    question = last_message(request)
    await send(made, press_update(USER, question, button(question, "Love it")))
    assert request.sent("answerCallbackQuery"), "the answer was tried"
    assert "Question 2 of 16" in request.sent("editMessageText")[-1]["text"]
    assert '"answers"' in (await store.get(USER) or ""), "the answer is stored"
    apology = DATA.kb.text("error_apology")
    assert all(apology not in params["text"] for params in request.sent("sendMessage"))
    assert "error while handling an update" not in caplog.text
    await app.shutdown()


async def test_a_send_of_unknown_fate_is_not_made_again_nor_apologised_for(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app, request, store, _ = made = await make_bot(UnreachableFor("sendMessage"))
    await send(made, text_update(USER, "/quiz"))
    assert len(request.sent("sendMessage")) == 1, "tried once: it may have arrived"
    assert await store.get(USER) is not None, "the quiz is started all the same"
    assert "may not have arrived, not sent again" in caplog.text
    assert "error while handling an update" not in caplog.text
    await app.shutdown()
