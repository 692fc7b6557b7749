"""The fake Telegram Bot API (tests/harness/bot_api.py), driven by python-telegram-bot itself.

Every response the fake gives must be one PTB accepts: these tests call it through
`telegram.Bot` (and a whole `telegram.ext.Application`), falling back to raw httpx only for
what PTB cannot express (wire formats, bad tokens, unknown methods).
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import re
import struct
import warnings
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    MessageEntity,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from tests.harness.bot_api import (
    NOT_MODIFIED,
    QUERY_INVALID,
    SECRET_HEADER,
    FakeBotApi,
    text_problem,
)
from tests.harness.ports import free_port

# Shaped like a real token, but 7 digits before the colon (never 8-10: see the brief).
TOKEN = "1234567:AAHfakeTokenForTestsOnly0123456789x"
OTHER_TOKEN = "7654321:AAHanotherFakeTokenForTests01234567"
USER = 4242
GROUP = -100777


def png(width: int = 3, height: int = 2) -> bytes:
    """A valid PNG of the given size (grey pixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def ptb(description: str) -> str:
    """A pattern for the start of a 400's description as PTB words it (prefix dropped, and
    capitalized the str.capitalize way)."""
    return re.escape(BadRequest(f"Bad Request: {description}").message)


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.title(), callback_data=d)] for d in data])


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi(TOKEN)
    await api.start()
    yield api
    await api.stop()
    assert api.internal_errors == []


@pytest.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=fake.base_url) as tg:  # initialize() calls getMe
        yield tg


@pytest.fixture
async def http(fake: FakeBotApi) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{fake.base_url}{TOKEN}/") as client:
        yield client


# --- basics ----------------------------------------------------------------------------------


async def test_get_me_is_a_full_bot_user(fake: FakeBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 7000001
    assert me.is_bot
    assert me.username == "career_test_bot"
    assert bot.username == "career_test_bot"
    assert me.can_join_groups is True
    assert me.can_read_all_group_messages is False
    assert me.supports_inline_queries is True
    assert fake.base_url.startswith("http://127.0.0.1:")
    assert fake.base_url.endswith("/bot")
    assert [call.method for call in fake.calls] == ["getMe", "getMe"]
    assert all(call.status == 200 for call in fake.calls)


async def test_wrong_token_is_invalid_token(fake: FakeBotApi) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{fake.base_url}{OTHER_TOKEN}/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    with pytest.raises(InvalidToken):
        async with Bot(OTHER_TOKEN, base_url=fake.base_url):  # initialize() calls getMe
            pass
    assert fake.calls[-1].status == 401


async def test_unknown_method_is_404_and_names_are_case_insensitive(
    fake: FakeBotApi, http: httpx.AsyncClient
) -> None:
    response = await http.post("sendTelepathy", data={"chat_id": "1"})
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    response = await http.get("SENDMESSAGE", params={"chat_id": str(USER), "text": "hi"})
    assert response.status_code == 200
    assert response.json()["result"]["text"] == "hi"
    assert fake.calls[-1].method == "sendMessage"
    assert fake.calls[-1].http_method == "GET"
    assert fake.messages(USER)[0].text == "hi"


async def test_json_and_form_bodies_are_decoded(fake: FakeBotApi, http: httpx.AsyncClient) -> None:
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
    response = await http.post(
        "sendMessage", json={"chat_id": USER, "text": "json", "reply_markup": markup}
    )
    assert response.json()["result"]["reply_markup"] == markup
    response = await http.post(
        "sendMessage",
        data={"chat_id": str(GROUP), "text": "form", "disable_notification": "true"},
    )
    assert response.json()["result"]["chat"] == {
        "id": GROUP,
        "type": "supergroup",
        "title": f"Group {GROUP}",
    }
    assert fake.calls[-1].params == {"chat_id": GROUP, "text": "form", "disable_notification": True}
    assert fake.messages(USER)[0].reply_markup == markup
    response = await http.post(
        "sendMessage", data={"chat_id": "1", "text": "x", "reply_markup": "{"}
    )
    assert response.status_code == 400


# --- sending and editing ---------------------------------------------------------------------


async def test_send_then_edit_text_and_not_modified(fake: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "Pick one", reply_markup=keyboard("a", "b"))
    assert sent.message_id == 1
    assert sent.chat.id == USER
    assert sent.chat.type == "private"
    assert sent.from_user is not None
    assert sent.from_user.id == fake.bot_id
    assert sent.reply_markup == keyboard("a", "b")

    edited = await bot.edit_message_text(
        "Picked a", chat_id=USER, message_id=sent.message_id, reply_markup=keyboard("b")
    )
    assert isinstance(edited, type(sent))
    assert edited.text == "Picked a"
    assert edited.edit_date is not None
    [stored] = fake.messages(USER)
    assert (stored.text, stored.edits, stored.callback_data()) == ("Picked a", 1, ["b"])

    with pytest.raises(BadRequest, match="Message is not modified") as caught:
        await bot.edit_message_text(
            "Picked a", chat_id=USER, message_id=sent.message_id, reply_markup=keyboard("b")
        )
    assert caught.value.message == NOT_MODIFIED.replace("Bad Request: m", "M")
    assert fake.calls[-1].status == 400
    assert stored.edits == 1

    # Like Telegram: an edit without reply_markup removes the keyboard.
    await bot.edit_message_text("Picked a", chat_id=USER, message_id=sent.message_id)
    assert stored.reply_markup is None
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER, message_id=99)


async def test_edit_reply_markup(fake: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "Menu", reply_markup=keyboard("a"))
    edited = await bot.edit_message_reply_markup(
        chat_id=USER, message_id=sent.message_id, reply_markup=keyboard("a", "b")
    )
    assert isinstance(edited, type(sent))
    assert edited.reply_markup == keyboard("a", "b")
    assert fake.messages(USER)[0].callback_data() == ["a", "b"]
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=USER, message_id=sent.message_id, reply_markup=keyboard("a", "b")
        )
    await bot.edit_message_reply_markup(chat_id=USER, message_id=sent.message_id)
    assert fake.messages(USER)[0].reply_markup is None
    assert fake.messages(USER)[0].edits == 2


async def test_message_ids_count_per_chat_including_users_messages(
    fake: FakeBotApi, bot: Bot
) -> None:
    fake.send_text(USER, "hello")  # takes id 1 in the user's chat
    first = await bot.send_message(USER, "one")
    other = await bot.send_message(USER + 1, "elsewhere")
    second = await bot.send_message(USER, "two")
    assert (first.message_id, second.message_id, other.message_id) == (2, 3, 1)
    assert [m.text for m in fake.messages(USER)] == ["one", "two"]
    assert fake.last_message(USER).text == "two"


async def test_limits_and_bad_markup_are_rejected_like_telegram(fake: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(USER, "x" * 4097)
    await bot.send_message(USER, "x" * 4096)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(USER, "   ")
    with pytest.raises(BadRequest, match=ptb("BUTTON_DATA_INVALID")):
        await bot.send_message(USER, "hi", reply_markup=keyboard("d" * 65))
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message("@nobody", "hi")
    assert len(fake.messages(USER)) == 1


async def test_html_is_parsed_like_telegram(fake: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(
        USER, "<b>Hi</b> &amp; <a href='https://x.org/?a=1&amp;b=2'>link</a>", parse_mode="HTML"
    )
    assert sent.text == "Hi & link"
    assert sent.entities == (
        MessageEntity(MessageEntity.BOLD, 0, 2),
        MessageEntity(MessageEntity.TEXT_LINK, 5, 4, url="https://x.org/?a=1&b=2"),
    )
    stored = fake.messages(USER)[0]
    assert stored.text.startswith("<b>Hi</b>")
    assert stored.plain_text == "Hi & link"
    assert stored.parse_mode == ParseMode.HTML
    for broken in ("a < b", "<b>bold", "<b>x</i>", "<div>x</div>"):
        with pytest.raises(BadRequest, match="Can't parse entities"):
            await bot.send_message(USER, broken, parse_mode=ParseMode.HTML)
    # Same visible text and entities in another spelling: Telegram sees no change.
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            '<strong>Hi</strong> &amp; <a href="https://x.org/?a=1&amp;b=2">link</a>',
            chat_id=USER,
            message_id=sent.message_id,
            parse_mode=ParseMode.HTML,
        )


@pytest.mark.parametrize(
    ("text", "parse_mode"),
    [
        ("<b>Hi</b> &amp; &lt;3 &gt; &quot;x&quot; &#39; &#x1F600;", "HTML"),
        ("<a href='https://x.org/?a=1&b=2'>link</a>", "HTML"),
        ("Tom & Jerry <3", None),  # plain text shows as written
        ("Tom &amp; Jerry", "MarkdownV2"),  # not ours to judge beyond the reserved characters
    ],
)
def test_a_text_valid_for_its_parse_mode_has_no_problem(text: str, parse_mode: str | None) -> None:
    assert text_problem(text, parse_mode) is None


@pytest.mark.parametrize(
    ("text", "parse_mode", "problem"),
    [
        ("Tom & Jerry", "HTML", "an '&' that starts no entity"),
        ("&copy; 2026", "HTML", "an '&' that starts no entity"),  # not a supported entity
        ("5 > 3", "HTML", "a '>' outside a tag"),
        ("Tom &amp; Jerry", None, "would show literally"),
        ("&lt;b&gt;", "", "would show literally"),
        ("&#39;", None, "would show literally"),
    ],
)
def test_a_text_invalid_for_its_parse_mode_is_named(
    text: str, parse_mode: str | None, problem: str
) -> None:
    assert problem in (text_problem(text, parse_mode) or "")


async def test_an_escaped_text_sent_without_parse_mode_fails_the_test_at_stop() -> None:
    api = FakeBotApi(TOKEN)
    await api.start()
    async with Bot(TOKEN, base_url=api.base_url) as tg:
        await tg.send_message(USER, "Tom &amp; Jerry")  # Telegram takes it, and shows "&amp;"
        await tg.send_message(USER, "Tom &amp; Jerry", parse_mode=ParseMode.HTML)
    assert api.messages(USER)[0].plain_text == "Tom &amp; Jerry"
    assert len(api.invalid_texts) == 1
    with pytest.raises(AssertionError, match=r"sendMessage \(parse_mode=None\).*would show"):
        await api.stop()
    await api.stop()  # reported once


async def test_a_fake_for_a_bot_not_ours_records_bad_texts_without_failing() -> None:
    """The echo bot beside which benchmarks.replies times ours sends back what people typed."""
    api = FakeBotApi(TOKEN, checks_texts=False)
    await api.start()
    async with Bot(TOKEN, base_url=api.base_url) as tg:
        await tg.send_message(USER, "zero&#x200B;width")
    assert len(api.invalid_texts) == 1
    await api.stop()


async def test_markdown_v2_reserved_characters_must_be_escaped(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=ptb("can't parse entities: Character '.' is reserved")):
        await bot.send_message(USER, "*Done*.", parse_mode=ParseMode.MARKDOWN_V2)
    sent = await bot.send_message(
        USER, r"*Done*\. See [docs](https://x.org/a-b.c) and `a.b`", parse_mode="MarkdownV2"
    )
    assert sent.message_id == 1


async def test_send_photo_stores_bytes(fake: FakeBotApi, bot: Bot) -> None:
    image = png(1600, 900)
    sent = await bot.send_photo(USER, image, caption="Your chart", reply_markup=keyboard("more"))
    assert sent.caption == "Your chart"
    assert sent.photo
    largest = sent.photo[-1]
    assert (largest.width, largest.height, largest.file_size) == (1600, 900, len(image))
    assert sent.photo[0].width == 90
    stored = fake.messages(USER)[0]
    assert stored.photo == image
    assert stored.text == "Your chart"
    assert stored.is_photo
    assert stored.callback_data() == ["more"]
    assert fake.calls[-1].params["photo"] == image

    again = await bot.send_photo(USER, largest.file_id)  # by file_id, as bots re-send photos
    assert fake.messages(USER)[1].photo == image
    assert again.caption is None
    with pytest.raises(BadRequest, match=ptb("IMAGE_PROCESS_FAILED")):
        await bot.send_photo(USER, b"not an image")
    with pytest.raises(BadRequest, match="There is no text in the message"):
        await bot.edit_message_text("x", chat_id=USER, message_id=sent.message_id)
    edited = await bot.edit_message_caption(
        chat_id=USER, message_id=sent.message_id, caption="New caption"
    )
    assert isinstance(edited, type(sent))
    assert edited.caption == "New caption"
    assert stored.reply_markup is None


async def test_delete_and_chat_action(fake: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "bye")
    assert await bot.send_chat_action(USER, "typing")
    assert fake.chat_actions == [(USER, "typing")]
    assert await bot.delete_message(USER, sent.message_id)
    assert fake.messages(USER) == []
    assert fake.messages(USER, include_deleted=True)[0].deleted
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(USER, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER, message_id=sent.message_id)


async def test_blocked_user_is_forbidden(fake: FakeBotApi, bot: Bot) -> None:
    fake.block(USER)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(USER, "hi")
    fake.unblock(USER)
    await bot.send_message(USER, "hi")


# --- updates ---------------------------------------------------------------------------------


async def test_get_updates_with_command_entity_and_offset(fake: FakeBotApi, bot: Bot) -> None:
    first = fake.send_text(USER, "/start now")
    second = fake.send_text(USER, "/help@career_test_bot", chat_id=GROUP, chat_type="supergroup")
    third = fake.send_text(USER, "plain words")
    assert second == first + 1
    assert third == first + 2

    updates = await bot.get_updates()
    assert [u.update_id for u in updates] == [first, second, third]
    message = updates[0].message
    assert message is not None
    assert message.text == "/start now"
    assert message.chat.type == "private"
    assert message.chat.id == USER
    assert message.from_user is not None
    assert message.from_user.first_name == f"User{USER}"
    assert message.from_user.language_code == "en"
    assert message.entities == (MessageEntity(MessageEntity.BOT_COMMAND, 0, 6),)
    assert message.parse_entities(["bot_command"]) == {message.entities[0]: "/start"}
    group = updates[1].message
    assert group is not None
    assert group.chat.id == GROUP
    assert group.chat.type == "supergroup"
    assert group.entities == (MessageEntity(MessageEntity.BOT_COMMAND, 0, 21),)
    assert updates[2].message is not None
    assert updates[2].message.entities == ()

    assert [u.update_id for u in await bot.get_updates()] == [first, second, third]
    assert [u.update_id for u in await bot.get_updates(offset=second, limit=1)] == [second]
    assert [u.update_id for u in await bot.get_updates()] == [second, third]  # first confirmed
    assert await bot.get_updates(offset=third + 1) == ()
    assert fake.pending_updates == []


async def test_allowed_updates_are_remembered(fake: FakeBotApi, bot: Bot) -> None:
    fake.inline_query(USER, "dropped")
    kept = fake.send_text(USER, "kept")
    assert [u.update_id for u in await bot.get_updates(allowed_updates=["message"])] == [kept]
    fake.press(USER, 1, "x", strict=False)  # still only messages: the setting stays
    assert [u.update_id for u in await bot.get_updates()] == [kept]
    pressed = fake.press(USER, 1, "x", strict=False)
    [update] = await bot.get_updates(offset=kept + 1, allowed_updates=[])  # [] = the default
    assert update.update_id == pressed
    assert update.callback_query is not None
    assert update.callback_query.message is not None
    assert not update.callback_query.message.is_accessible


async def test_long_poll_returns_as_soon_as_an_update_arrives(fake: FakeBotApi, bot: Bot) -> None:
    assert await bot.get_updates(timeout=1) == (), "nothing came: empty after its timeout"

    before = len(fake.calls)
    poll = asyncio.create_task(bot.get_updates(timeout=60))
    await fake.wait_until(lambda: len(fake.calls) > before)
    assert (fake.calls[-1].method, fake.calls[-1].status) == ("getUpdates", 0), "it waits"
    update_id = fake.send_text(USER, "hi")
    # Far sooner than the poll's own 60 s: the guard only elapses if the update never comes.
    updates = await asyncio.wait_for(poll, 10)
    assert [u.update_id for u in updates] == [update_id]


async def test_stop_releases_a_waiting_long_poll() -> None:
    fake = FakeBotApi(TOKEN)
    await fake.start()
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await fake.wait_until(lambda: len(fake.calls) == 2)  # getMe, then getUpdates
        await fake.stop()
        assert await asyncio.wait_for(poll, 10) == (), "answered at once, not after 30 s"


async def test_callback_query_and_answer(fake: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "Pick", reply_markup=keyboard("yes", "no"))
    with pytest.raises(ValueError, match="no button"):
        fake.press(USER, sent.message_id, "maybe")
    update_id = fake.press(USER, sent.message_id, "yes")
    [update] = await bot.get_updates()
    assert update.update_id == update_id
    query = update.callback_query
    assert query is not None
    assert query.data == "yes"
    assert query.from_user.id == USER
    assert query.chat_instance
    assert query.message is not None
    assert query.message.message_id == sent.message_id
    assert query.message.chat.id == USER
    assert query.message.reply_markup == keyboard("yes", "no")

    assert await bot.answer_callback_query(query.id, text="Saved")
    assert fake.answered_callbacks() == {query.id}
    assert fake.callback_answers[query.id] == {"text": "Saved"}
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query.id)
    with pytest.raises(BadRequest, match=ptb(QUERY_INVALID.removeprefix("Bad Request: "))):
        await bot.answer_callback_query("12345")


async def test_press_sees_the_message_as_currently_stored(fake: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "Step 1", reply_markup=keyboard("next"))
    await bot.edit_message_text(
        "Step 2", chat_id=USER, message_id=sent.message_id, reply_markup=keyboard("done")
    )
    fake.press(USER, sent.message_id, "done")
    [update] = await bot.get_updates()
    assert update.callback_query is not None
    message = update.callback_query.message
    assert message is not None
    assert message.text == "Step 2"  # type: ignore[union-attr]


async def test_set_and_get_my_commands(fake: FakeBotApi, bot: Bot) -> None:
    commands = [BotCommand("start", "Begin again"), BotCommand("help", "What I can do")]
    assert await bot.set_my_commands(commands)
    assert fake.commands == [
        {"command": "start", "description": "Begin again"},
        {"command": "help", "description": "What I can do"},
    ]
    assert await bot.get_my_commands() == tuple(commands)
    assert await bot.get_my_commands(language_code="de") == ()
    with pytest.raises(BadRequest, match=ptb("BOT_COMMAND_INVALID")):
        await bot.set_my_commands([BotCommand("Start-Now", "bad name")])
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


async def test_inline_query_and_answer(fake: FakeBotApi, bot: Bot) -> None:
    update_id = fake.inline_query(USER, "data scientist")
    [update] = await bot.get_updates()
    assert update.update_id == update_id
    query = update.inline_query
    assert query is not None
    assert (query.query, query.offset, query.from_user.id) == ("data scientist", "", USER)
    result = InlineQueryResultArticle("r1", "Data scientist", InputTextMessageContent("DS"))
    assert await bot.answer_inline_query(query.id, [result], cache_time=0)
    [answer] = fake.inline_answers[query.id]
    assert answer["id"] == "r1"
    assert answer["type"] == "article"
    assert answer["input_message_content"] == {"message_text": "DS"}
    assert fake.inline_answer_params[query.id]["cache_time"] == 0
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_inline_query(query.id, [result])


# --- faults ----------------------------------------------------------------------------------


async def test_fail_next_429_is_retry_after_and_not_applied(fake: FakeBotApi, bot: Bot) -> None:
    fake.fail_next(1, 429, retry_after=1)
    with warnings.catch_warnings():  # PTB 22 warns that retry_after will become a timedelta
        warnings.simplefilter("ignore")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(USER, "hi")
        assert caught.value.retry_after in (1, dtm.timedelta(seconds=1))
    assert fake.calls[-1].status == 429
    assert fake.calls[-1].response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    }
    assert fake.messages(USER) == []
    await bot.send_message(USER, "hi")
    assert [m.text for m in fake.messages(USER)] == ["hi"]


async def test_fail_next_500_is_network_error(fake: FakeBotApi, bot: Bot) -> None:
    fake.fail_next(2, 500, method="sendMessage")
    assert await bot.get_updates() == ()  # other methods are not affected
    await bot.get_me()
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(USER, "hi")
    assert fake.messages(USER) == []
    await bot.send_message(USER, "hi")
    assert [call.status for call in fake.calls_of("sendMessage")] == [500, 500, 200]


async def test_hold_next_holds_the_chats_next_message_until_dropped_then_loses_it(
    fake: FakeBotApi, bot: Bot
) -> None:
    fake.hold_next(USER)
    held = asyncio.ensure_future(bot.send_message(USER, "lost on the way"))
    await fake.wait_until(lambda: bool(fake.held))
    await bot.send_chat_action(USER, "typing")  # shows no message: never held
    await bot.send_message(GROUP, "hi all")  # another chat goes on
    assert [call.params["text"] for call in fake.held] == ["lost on the way"]
    fake.drop_held()
    with pytest.raises(NetworkError):
        await held
    assert fake.messages(USER) == [], "never applied"
    assert fake.held == []
    await bot.send_message(USER, "next")  # only the one call was held
    assert [m.text for m in fake.messages(USER)] == ["next"]


async def test_fail_next_without_method_spares_get_updates(fake: FakeBotApi, bot: Bot) -> None:
    fake.send_text(USER, "hi")
    fake.fail_next(1, 500)
    assert len(await bot.get_updates()) == 1
    with pytest.raises(NetworkError):
        await bot.send_chat_action(USER, "typing")
    assert fake.chat_actions == []


async def test_wait_until_times_out_with_a_useful_message(fake: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(USER, "hi")
    with pytest.raises(AssertionError, match="condition not met") as caught:
        await fake.wait_until(lambda: len(fake.messages(USER)) == 2, timeout=0.1)
    report = str(caught.value)
    assert "len(fake.messages(USER)) == 2" in report
    assert "sendMessage->200" in report


async def test_next_message_hands_out_each_send_and_edit_once_in_order(
    fake: FakeBotApi, bot: Bot
) -> None:
    first = await bot.send_message(USER, "one", reply_markup=keyboard("a"))
    await bot.edit_message_text("one, edited", USER, first.message_id)
    await bot.send_photo(USER, png(), caption="a chart")
    await bot.send_message(GROUP, "elsewhere")
    sent, edited, photo = [await fake.next_message(USER) for _ in range(3)]
    assert (sent.text, sent.callback_data(), sent.is_edit) == ("one", ["a"], False)
    assert (edited.message_id, edited.text, edited.callback_data()) == (
        first.message_id,
        "one, edited",
        [],
    )
    assert edited.is_edit
    assert fake.messages(USER)[0].text == "one, edited", "the message itself shows the edit"
    assert (photo.is_photo, photo.text) == (True, "a chart")
    assert (await fake.next_message(GROUP)).text == "elsewhere"


async def test_next_message_times_out_with_a_useful_message(fake: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(USER, "hi")
    assert (await fake.next_message(USER)).text == "hi"
    assert await fake.next_message_within(USER, 0.05) is None
    with pytest.raises(AssertionError, match=f"next message in chat {USER}") as caught:
        await fake.next_message(USER, timeout=0.05)
    assert "sendMessage->200" in str(caught.value)


# --- webhook ---------------------------------------------------------------------------------


async def test_webhook_delivers_in_order_with_the_secret(fake: FakeBotApi, bot: Bot) -> None:
    received: list[tuple[str | None, dict[str, object]]] = []
    failures_left = [1]  # the first delivery fails: Telegram retries it

    async def hook(request: web.Request) -> web.Response:
        if failures_left[0]:
            failures_left[0] -= 1
            return web.Response(status=500)
        received.append((request.headers.get(SECRET_HEADER), await request.json()))
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        before = fake.send_text(USER, "/start")  # queued before the webhook: still delivered
        url = f"http://127.0.0.1:{port}/hook"
        assert await bot.set_webhook(url, secret_token="s3cret-token")
        assert (fake.webhook_url, fake.webhook_secret) == (url, "s3cret-token")
        ids = [before] + [fake.send_text(USER, f"message {n}") for n in range(3)]
        await fake.wait_until(lambda: len(received) == 4)
        assert [secret for secret, _ in received] == ["s3cret-token"] * 4
        assert [body["update_id"] for _, body in received] == ids
        assert Update.de_json(received[0][1], bot).message.text == "/start"  # type: ignore[union-attr]
        # The fake records an attempt once the response is back, which may be just after the
        # hook above has counted the update: wait for the record, not only the delivery.
        await fake.wait_until(lambda: len(fake.webhook_attempts) == 5)
        assert [a.status for a in fake.webhook_attempts] == [500, 200, 200, 200, 200]

        info = await bot.get_webhook_info()
        assert (info.url, info.pending_update_count) == (url, 0)
        assert (
            info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
        )
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()

        assert await bot.delete_webhook()
        assert fake.webhook_url is None
        update_id = fake.send_text(USER, "polling again")
        assert [u.update_id for u in await bot.get_updates()] == [update_id]
        assert len(received) == 4
    finally:
        await runner.cleanup()


# --- a whole PTB Application -----------------------------------------------------------------


def build_app(fake: FakeBotApi) -> Application:  # type: ignore[type-arg]
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Ready?", reply_markup=keyboard("go"))

    async def go(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        await query.edit_message_text("Off we go")

    app = Application.builder().token(TOKEN).base_url(fake.base_url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(go))
    return app


async def converse(fake: FakeBotApi) -> None:
    fake.send_text(USER, "/start")
    message = await fake.next_message(USER)
    assert (message.text, message.callback_data(), message.is_edit) == ("Ready?", ["go"], False)
    fake.press(USER, message.message_id, "go")
    edited = await fake.next_message(USER)
    assert (edited.message_id, edited.text, edited.reply_markup) == (
        message.message_id,
        "Off we go",
        None,
    )
    assert edited.is_edit
    assert len(fake.answered_callbacks()) == 1


async def test_application_long_polling(fake: FakeBotApi) -> None:
    app = build_app(fake)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=2)
        await converse(fake)
        await app.updater.stop()
        await app.stop()
    assert fake.calls[0].method == "getMe"
    assert "deleteWebhook" in [call.method for call in fake.calls]
    assert all(call.status == 200 for call in fake.calls if call.method != "getUpdates")


async def test_application_webhook(fake: FakeBotApi) -> None:
    app = build_app(fake)
    port = free_port()
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook",
            secret_token="app-secret",
        )
        assert fake.webhook_url == f"http://127.0.0.1:{port}/hook"
        assert fake.webhook_secret == "app-secret"
        await converse(fake)
        await app.updater.stop()
        await app.stop()
    assert all(attempt.status == 200 for attempt in fake.webhook_attempts)
