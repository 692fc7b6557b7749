"""Pictures trail their update: the update is done (for the webhook, answered) once its texts
are out; the chart follows in its own task; the chat's next reply waits for it; a stop gives
late pictures a moment and drops them."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Bot, Update
from telegram.ext import Application, ApplicationBuilder

from bot.app import build_engine, load_data
from bot.conversation.events import Image, Reply
from bot.storage.factory import memory_storage
from bot.transports.telegram import trailing
from bot.transports.telegram.adapter import TelegramAdapter
from bot.transports.telegram.drawing import Drawer
from bot.transports.telegram.trailing import TrailingPictures
from tests.harness.offline import BOT_USER, OfflineRequest

TOKEN = "1234567:" + "B" * 35
DATA = load_data()
CHAT = 2000
INTERESTS = ["Love it", "Love it", "Dislike", "Neutral", "Like it", "Both", "Dislike"]
WITHIN = 30.0  # seconds: only a bound on a hang
PNG = b"\x89PNG\r\n\x1a\n stand-in"
App = Application[Any, Any, Any, Any, Any, Any]
update_ids = itertools.count(1)


class HeldDrawer(Drawer):
    """Draws only once the test lets it: a chart as slow as the test needs."""

    def __init__(self) -> None:
        self.drawing = asyncio.Event()
        self.release = asyncio.Event()

    async def png(self, image: Image) -> bytes:
        del image  # a stand-in picture: what is drawn does not matter here
        self.drawing.set()
        await self.release.wait()
        return PNG


def chart() -> Reply:
    return Reply("chart", "Your skills", image=Image(lambda: PNG, "Your skills"))


@pytest.fixture
async def offline() -> AsyncIterator[tuple[Bot, OfflineRequest]]:
    request = OfflineRequest()
    bot = Bot(TOKEN, request=request, get_updates_request=request)
    await bot.initialize()
    yield bot, request
    await bot.shutdown()


async def quiz_bot(drawer: Drawer) -> tuple[App, OfflineRequest, TelegramAdapter]:
    request = OfflineRequest()
    adapter = TelegramAdapter(build_engine(memory_storage(), DATA, charts=True), drawer=drawer)
    app = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request).build()
    adapter.install(app)
    await app.initialize()
    return app, request, adapter


async def tap_to_the_result(app: App, request: OfflineRequest) -> None:
    """/quiz and every answer to "Show my result", each update processed to its end."""
    await process(app, {"message": message("/quiz")})
    for label in [*INTERESTS, "Show my result"]:
        shown = [c.params for c in request.calls if c.params.get("reply_markup")][-1]
        press = {"id": f"cq{len(request.calls)}", "from": person(), "chat_instance": "c"}
        press |= {"data": button(shown, label), "message": message(shown["text"], 555)}
        await process(app, {"callback_query": press})


async def process(app: App, update: dict[str, Any]) -> None:
    full = {"update_id": next(update_ids), **update}
    done = app.process_update(Update.de_json(full, app.bot))
    await asyncio.wait_for(done, WITHIN)


def person() -> dict[str, Any]:
    return {"id": CHAT, "is_bot": False, "first_name": "Ada"}


def message(text: str, message_id: int = 1) -> dict[str, Any]:
    chat = {"id": CHAT, "type": "private"}
    sender = BOT_USER if message_id == 555 else person()
    entities = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    found = {"message_id": message_id, "date": 0, "chat": chat, "from": sender, "text": text}
    return found | ({"entities": entities} if text.startswith("/") else {})


def button(params: dict[str, Any], label: str) -> str:
    rows = params["reply_markup"]["inline_keyboard"]
    return next(str(b["callback_data"]) for row in rows for b in row if b["text"].endswith(label))


async def test_the_update_is_done_before_its_chart_is_drawn_and_the_chart_follows_the_texts() -> (
    None
):
    drawer = HeldDrawer()
    app, request, adapter = await quiz_bot(drawer)
    await tap_to_the_result(app, request)  # the last update ends while its chart is held
    await asyncio.wait_for(drawer.drawing.wait(), WITHIN)
    assert "Best match:" in request.sent("sendMessage")[-1]["text"], "the text is out"
    assert not request.sent("sendPhoto"), "the chart is still being drawn"
    drawer.release.set()
    assert await adapter.pictures.close(grace=WITHIN) == 0
    methods = [c.method for c in request.calls if c.method != "answerCallbackQuery"]
    assert methods[-3:] == ["sendMessage", "sendChatAction", "sendPhoto"]
    await app.shutdown()


async def test_the_chats_next_reply_waits_for_its_pending_picture(
    offline: tuple[Bot, OfflineRequest],
) -> None:
    bot, request = offline
    drawer = HeldDrawer()
    pictures = TrailingPictures(drawer)
    pictures.send_after(bot, CHAT, [chart()])
    await asyncio.wait_for(drawer.drawing.wait(), WITHIN)
    photos_before_next_reply: list[int] = []

    async def next_reply() -> None:
        await pictures.before_reply(CHAT)
        photos_before_next_reply.append(len(request.sent("sendPhoto")))

    waiting = asyncio.create_task(next_reply())
    await asyncio.sleep(0)  # one turn of the loop: the next reply starts and must wait
    assert not waiting.done()
    await pictures.before_reply(CHAT + 1)  # another chat's reply waits for nobody
    drawer.release.set()
    await asyncio.wait_for(waiting, WITHIN)
    assert photos_before_next_reply == [1]
    assert len(pictures) == 0, "nothing pending once sent"


async def test_a_picture_stuck_in_the_drawing_queue_holds_the_next_reply_only_so_long(
    offline: tuple[Bot, OfflineRequest], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under a crowd the one drawing worker has a queue: the next reply (and, polling, the
    confirmation of its update) waits for the picture at most ORDER_WAIT, then goes."""
    bot, _ = offline
    monkeypatch.setattr(trailing, "ORDER_WAIT", 0.0)
    drawer = HeldDrawer()  # a drawing that never ends
    pictures = TrailingPictures(drawer)
    pictures.send_after(bot, CHAT, [chart()])
    await asyncio.wait_for(drawer.drawing.wait(), WITHIN)
    await asyncio.wait_for(pictures.before_reply(CHAT), WITHIN)
    assert len(pictures) == 1, "the picture is still on its way"
    assert await pictures.close(grace=0.0) == 1


async def test_a_stop_sends_pictures_drawn_in_time_and_drops_the_late_ones(
    offline: tuple[Bot, OfflineRequest],
) -> None:
    bot, request = offline
    in_time = TrailingPictures(Drawer())
    in_time.send_after(bot, CHAT, [chart()])
    assert await in_time.close(grace=WITHIN) == 0
    assert len(request.sent("sendPhoto")) == 1
    late = TrailingPictures(HeldDrawer())  # a drawing that never ends
    late.send_after(bot, CHAT, [chart()])
    late.send_after(bot, CHAT + 1, [chart()])
    assert await late.close(grace=0.1) == 2
    assert len(request.sent("sendPhoto")) == 1, "a dropped picture is never sent"
    assert len(late) == 0
