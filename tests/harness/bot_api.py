"""A fake Telegram Bot API server for tests: real HTTP on 127.0.0.1, never Telegram.

`FakeBotApi` serves ``/bot<token>/<method>`` the way api.telegram.org does, closely enough that
an unmodified python-telegram-bot ``Bot`` or ``Application`` (long polling or webhook) talks to
it. Tests act as users (`send_text`, `press`, `inline_query`), take the bot's replies one at a
time (`next_message`), observe the rest of what the bot did (`messages`, `calls`,
`answered_callbacks`, `inline_answers`, `commands`, ...) and inject faults (`fail_next`,
`block`).

    async with FakeBotApi(TOKEN) as fake:
        bot = telegram.Bot(TOKEN, base_url=fake.base_url)
        ...
        reply = await fake.next_message(chat_id, timeout=10)

`next_message` pops one event from the chat's queue of what the bot showed, in the order the
fake received the calls: every message sent and every edit of one (text, caption or buttons)
is an event of its own, as a snapshot of the message at that moment. A test waits for exactly
the replies it expects, so it never returns early on the first of two; to show that nothing
more came, it sends one more update and takes that update's reply next (a barrier), instead
of sleeping.

Fidelity notes (things Telegram does that the fake copies, because bots get them wrong):

* Requests may be GET (query string) or POST (form-encoded, multipart with files, or JSON).
  Method names are case-insensitive. A wrong token gets 401, an unknown method 404.
* Message ids count per chat, and users' messages use up ids in the same chat, as in Telegram.
* ``editMessageText`` / ``editMessageCaption`` without ``reply_markup`` REMOVE the inline
  keyboard, as Telegram does; an edit that changes nothing is a 400 "message is not modified".
* ``parse_mode=HTML`` is parsed like Telegram: only Telegram's tags, properly nested; the
  Message returned has the visible text and entities; malformed markup is a 400 "can't parse
  entities". Beyond what Telegram refuses, every text the bot sends must follow Telegram's
  rules for its parse mode (`text_problem`): with HTML, every ``<``, ``>`` and ``&`` that is not
  part of a tag or a supported entity escaped; with no parse mode, no HTML entity (``&amp;``
  would show literally). Telegram would show such a text mangled; the fake records it in
  ``invalid_texts`` and `stop` fails the test with the list. ``MarkdownV2`` is only checked
  for the reserved characters that must always be escaped (``#+-={}.!``) outside code and
  link URLs; its text is returned as sent.
* Limits: text 4096 characters and captions 1024 after entity parsing; callback_data 1-64
  bytes; buttons of an inline keyboard need an action; photos must be PNG, JPEG, GIF or WebP.
* A callback or inline query can be answered once; answering again or an unknown id is a 400.
* ``getUpdates`` while a webhook is set is a 409. A webhook gets updates POSTed one at a time in
  order, with the secret header; failed deliveries are retried (with back-off) until they work.
* ``allowed_updates`` (from getUpdates or setWebhook) is remembered; updates of other types are
  dropped when they would be delivered.

Not copied: concurrent getUpdates requests do not terminate each other; Markdown (legacy) text
is not checked; messages sent via inline mode (``inline_message_id``) cannot be edited.
Everything runs on the test's event loop; nothing here is thread-safe.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import html
import inspect
import itertools
import json
import re
import struct
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, NamedTuple

from aiohttp import ClientError, ClientSession, ClientTimeout, web

JSONDict = dict[str, Any]

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
TO_EDIT_NOT_FOUND = "Bad Request: message to edit not found"
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
}

# Parameters PTB sends as strings that are numbers, JSON or booleans in Telegram's terms.
NUMBER_PARAMS = frozenset(
    {
        "chat_id", "message_id", "offset", "timeout", "limit", "user_id", "cache_time",
        "max_connections", "reply_to_message_id", "message_thread_id", "from_chat_id",
    }
)  # fmt: skip
JSON_PARAMS = frozenset(
    {
        "reply_markup", "commands", "results", "allowed_updates", "scope", "entities",
        "caption_entities", "link_preview_options", "reply_parameters", "button", "media",
    }
)  # fmt: skip
BOOL_PARAMS = frozenset(
    {
        "drop_pending_updates", "show_alert", "is_personal", "disable_notification",
        "protect_content", "has_spoiler", "show_caption_above_media",
        "allow_sending_without_reply", "disable_web_page_preview",
    }
)  # fmt: skip
UPDATE_TYPES_BY_DEFAULT_EXCLUDED = frozenset(
    {"chat_member", "message_reaction", "message_reaction_count"}
)
# The calls that show something in a chat: what `hold_next` holds.
SHOWING = frozenset(
    {"sendMessage", "sendPhoto", "editMessageText", "editMessageCaption", "editMessageReplyMarkup"}
)
BUTTON_ACTIONS = frozenset(
    {
        "url", "callback_data", "web_app", "login_url", "switch_inline_query",
        "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
        "callback_game", "pay",
    }
)  # fmt: skip
CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice",
        "upload_voice", "upload_document", "choose_sticker", "find_location",
        "record_video_note", "upload_video_note",
    }
)  # fmt: skip
COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
BOT_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?")
SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,256}")
INTEGER = re.compile(r"-?\d+")
DECIMAL = re.compile(r"-?\d+\.\d*")


# --------------------------------------------------------------------------------------------
# What tests observe


@dataclass
class SentMessage:
    """A message the bot sent, with its current content (edits applied in place).

    ``text`` is the text (or a photo's caption) exactly as the bot last sent it, markup included;
    ``plain_text`` and ``entities`` are what Telegram made of it with ``parse_mode``.
    ``reply_markup`` is the decoded markup as sent (any keyboard type) or None.
    """

    message_id: int
    chat_id: int
    text: str | None
    reply_markup: JSONDict | None
    parse_mode: str | None
    photo: bytes | None = None
    edits: int = 0
    deleted: bool = False
    date: int = 0
    edit_date: int | None = None
    plain_text: str | None = None
    entities: list[JSONDict] = field(default_factory=list)
    photo_file_id: str | None = None
    photo_sizes: list[JSONDict] = field(default_factory=list)

    @property
    def is_photo(self) -> bool:
        return bool(self.photo_sizes)

    @property
    def is_edit(self) -> bool:
        """In a `next_message` event: the message was edited (rather than sent) just then."""
        return self.edits > 0

    def buttons(self) -> list[JSONDict]:
        """The inline keyboard's buttons, row by row flattened ([] without one)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    def callback_data(self) -> list[str]:
        """The callback_data of every inline button, in keyboard order."""
        return [b["callback_data"] for b in self.buttons() if "callback_data" in b]


@dataclass
class Call:
    """One API request as received: the canonical method name (as the client spelled it when
    the method is unknown), the decoded parameters (uploaded files as bytes), and the HTTP status
    returned — 0 while the request is still pending (a long poll) or if the client went away
    before an answer."""

    method: str
    params: JSONDict
    status: int = 0
    http_method: str = "POST"
    response: JSONDict | None = None


@dataclass
class WebhookAttempt:
    """One POST of an update to the webhook: HTTP status, or 0 and the error for a failure."""

    update_id: int
    status: int
    error: str | None = None


# --------------------------------------------------------------------------------------------
# Internals


class ApiError(Exception):
    """An error answer: HTTP status and Telegram's description (and parameters)."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JSONDict:
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


class _Described(NamedTuple):
    """A successful result that Telegram answers with a description too (setWebhook...)."""

    result: Any
    description: str


@dataclass
class _Fault:
    remaining: int
    status: int
    method: str | None
    retry_after: int | None
    description: str | None

    def matches(self, method: str) -> bool:
        if self.method is None:
            return method != "getUpdates"
        return self.method.lower() == method.lower()

    def error(self) -> ApiError:
        if self.status == 429:
            seconds = 1 if self.retry_after is None else self.retry_after
            description = self.description or f"Too Many Requests: retry after {seconds}"
            return ApiError(429, description, {"retry_after": seconds})
        try:
            default = DEFAULT_DESCRIPTIONS.get(self.status) or HTTPStatus(self.status).phrase
        except ValueError:
            default = "Error"
        return ApiError(self.status, self.description or default)


def _update_chat(update: JSONDict) -> object:
    """The chat (or, for inline queries, the user) an update belongs to."""
    for kind in ("message", "callback_query", "inline_query"):
        if kind in update:
            body = update[kind]
            chat = body.get("chat") or (body.get("message") or {}).get("chat")
            return chat["id"] if chat else ("user", body["from"]["id"])
    return update["update_id"]


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _decode_param(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if key in NUMBER_PARAMS:
        if INTEGER.fullmatch(value):
            return int(value)
        if DECIMAL.fullmatch(value):
            return float(value)
        return value
    if key in JSON_PARAMS:
        try:
            return json.loads(value)
        except ValueError:
            what = "reply keyboard markup" if key == "reply_markup" else key
            raise _bad(f"can't parse {what} JSON object") from None
    if key in BOOL_PARAMS:
        return value.strip().lower() in {"true", "1"}
    return value


# --- parse_mode ----------------------------------------------------------------------------

_HTML_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_CHAR_REF = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]+);")
_HTML_START = re.compile(r"([A-Za-z][A-Za-z0-9-]*)(.*)", re.DOTALL)
_HTML_ATTR = re.compile(
    r"""([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"""
)
_MDV2_ALWAYS_ESCAPED = frozenset("#+-={}.!")


def _entity_error(description: str) -> ApiError:
    return _bad(f"can't parse entities: {description}")


@dataclass
class _OpenTag:
    name: str
    start: int  # UTF-16 offset in the visible text
    attrs: dict[str, str]


def _html_entity(tag: _OpenTag, end: int) -> JSONDict | None:
    if end == tag.start:
        return None
    entity: JSONDict = {
        "type": _HTML_ENTITY_TYPES[tag.name],
        "offset": tag.start,
        "length": end - tag.start,
    }
    if tag.name == "a":
        if not tag.attrs.get("href"):
            return None
        entity["url"] = tag.attrs["href"]
    elif tag.name == "pre" and tag.attrs.get("language"):
        entity["language"] = tag.attrs["language"]
    elif tag.name == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.attrs.get("emoji-id", "")
    return entity


class _HtmlParser:
    """Telegram's HTML style: visible text and entities, or a 400 like Telegram's."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[str] = []
        self.pos = 0  # UTF-16 length of the visible text so far
        self.stack: list[_OpenTag] = []
        self.entities: list[JSONDict] = []

    def parse(self) -> tuple[str, list[JSONDict]]:
        text, i = self.text, 0
        while i < len(text):
            if text[i] == "<":
                i = self._tag(i)
            elif text[i] == "&":
                i = self._char_ref(i)
            else:
                stops = [j for j in (text.find("<", i), text.find("&", i)) if j != -1]
                end = min(stops, default=len(text))
                self._emit(text[i:end])
                i = end
        if self.stack:
            name = self.stack[-1].name
            raise _entity_error(f'Can\'t find end tag corresponding to start tag "{name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def _at(self, index: int) -> str:
        return f"at byte offset {len(self.text[:index].encode('utf-8'))}"

    def _emit(self, piece: str) -> None:
        self.out.append(piece)
        self.pos += _utf16_len(piece)

    def _char_ref(self, i: int) -> int:
        ref = _HTML_CHAR_REF.match(self.text, i)
        decoded = None
        if ref:
            body = ref.group(1)
            if body.startswith("#"):
                number = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
                decoded = chr(number) if 0 < number <= 0x10FFFF else None
            else:
                decoded = _HTML_NAMED.get(body.lower())
        if ref is None or decoded is None:  # a lone "&" stays as it is
            self._emit("&")
            return i + 1
        self._emit(decoded)
        return ref.end()

    def _tag(self, i: int) -> int:
        end = self.text.find(">", i)
        if end == -1:
            raise _entity_error(f"Unclosed start tag {self._at(i)}")
        inner = self.text[i + 1 : end]
        if inner.startswith("/"):
            self._close(inner[1:].strip().lower(), i)
            return end + 1
        match = _HTML_START.fullmatch(inner)
        name = match.group(1).lower() if match else ""
        if not match or name not in _HTML_ENTITY_TYPES:
            raise _entity_error(f'Unsupported start tag "{name}" {self._at(i)}')
        attrs = {
            m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in _HTML_ATTR.finditer(match.group(2))
        }
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise _entity_error(f'Tag "span" must have class "tg-spoiler" {self._at(i)}')
        self.stack.append(_OpenTag(name, self.pos, attrs))
        return end + 1

    def _close(self, name: str, i: int) -> None:
        if not self.stack:
            raise _entity_error(f"Unexpected end tag {self._at(i)}")
        tag = self.stack.pop()
        if name != tag.name:
            raise _entity_error(
                f'Unmatched end tag {self._at(i)}, expected "</{tag.name}>", found "</{name}>"'
            )
        parent = self.stack[-1] if self.stack else None
        if tag.name == "code" and parent is not None and parent.name == "pre":
            # <pre><code class="language-x"> is one pre entity with a language
            language = tag.attrs.get("class", "")
            if language.startswith("language-"):
                parent.attrs["language"] = language.removeprefix("language-")
        elif entity := _html_entity(tag, self.pos):
            self.entities.append(entity)


def _check_markdown_v2(text: str) -> None:
    """The MarkdownV2 mistake bots make most: a reserved character left unescaped."""
    i = 0
    code: str | None = None  # "`" or "```" while inside inline code or a pre block
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        fence = "```" if text.startswith("```", i) else "`" if text[i] == "`" else None
        if fence and (code is None or code == fence):
            code = None if code else fence
            i += len(fence)
            continue
        if code is None:
            if text.startswith("](", i):  # a link's URL: only ")" and "\" are escaped there
                i += 2
                while i < len(text) and text[i] != ")":
                    i += 2 if text[i] == "\\" else 1
            elif text[i] in _MDV2_ALWAYS_ESCAPED and not text.startswith("![", i):
                raise _entity_error(
                    f"Character '{text[i]}' is reserved and must be escaped with the preceding '\\'"
                )
        i += 1


_HTML_SUPPORTED_REF = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_HTML_ANY_REF = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def text_problem(text: str, parse_mode: str | None) -> str | None:
    """What makes `text` invalid for `parse_mode` by Telegram's rules, even where Telegram
    would take it and show it mangled; None for a valid text."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        outside = _HTML_TAG.sub("", text)  # tags and their attributes: the parser's job
        if ">" in outside:
            return "a '>' outside a tag must be written &gt;"
        for at in (i for i, ch in enumerate(outside) if ch == "&"):
            if not _HTML_SUPPORTED_REF.match(outside, at):
                return f"{outside[at : at + 8]!r}: an '&' that starts no entity must be &amp;"
    elif not mode and (ref := _HTML_ANY_REF.search(text)):
        return f"{ref.group()!r} would show literally: HTML entities need parse_mode=HTML"
    return None


def _render(text: str, parse_mode: str | None, entities: Any) -> tuple[str, list[JSONDict]]:
    """Visible text and entities the way Telegram would store them."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return _HtmlParser(text).parse()
    if mode == "markdownv2":
        _check_markdown_v2(text)
    elif mode not in {"", "markdown"}:
        raise _bad("unsupported parse_mode")
    return text, list(entities) if isinstance(entities, list) and not mode else []


# --- photos --------------------------------------------------------------------------------


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, JPEG, GIF or WebP image; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:6] in {b"GIF87a", b"GIF89a"} and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return 512, 512  # the size is not worth decoding here
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data) and data[i] == 0xFF:
            marker = data[i + 1]
            (length,) = struct.unpack(">H", data[i + 2 : i + 4])
            if 0xC0 <= marker <= 0xCF and marker not in {0xC4, 0xC8, 0xCC}:
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return width, height
            i += 2 + length
        return None
    return None


# --------------------------------------------------------------------------------------------


class FakeBotApi:
    """The fake Bot API server. See the module docstring for what it copies from Telegram.

    Observing: `calls`, `calls_of()`, `messages()`, `last_message()`, `answered_callbacks()`,
    `callback_answers`, `inline_answers`, `inline_answer_params`, `commands`,
    `commands_by_scope`, `chat_actions`, `webhook_url`, `webhook_secret`, `webhook_attempts`,
    `pending_updates`, `internal_errors`; `next_message()` for the bot's next message (sent
    or edited) in a chat, `wait_until()` to wait for anything else.
    Acting as users: `send_text()`, `press()`, `inline_query()`.
    Faults: `fail_next()`, `block()` / `unblock()`, `hold_next()` / `drop_held()`.
    """

    def __init__(
        self,
        token: str,
        *,
        bot_id: int = 7000001,
        username: str = "career_test_bot",
        first_name: str = "Career Test Bot",
        checks_texts: bool = True,
    ) -> None:
        self.token = token
        # False only for a bot that is not ours: the echo bot of benchmarks.replies sends back
        # what a person typed, "&#x200B;" and all, as a bare echo bot does.
        self.checks_texts = checks_texts
        self.bot_id = bot_id
        self.username = username
        self.first_name = first_name

        self.calls: list[Call] = []
        self.inline_answers: dict[str, list[JSONDict]] = {}
        """inline query id -> the results answered."""
        self.inline_answer_params: dict[str, JSONDict] = {}
        """inline query id -> the other parameters (cache_time, is_personal, next_offset...)."""
        self.callback_answers: dict[str, JSONDict] = {}
        """callback query id -> parameters of its answer (text, show_alert, url, cache_time)."""
        self.commands: list[JSONDict] = []
        """Commands of the last setMyCommands (any scope); [] after deleteMyCommands."""
        self.commands_by_scope: dict[tuple[str, str], list[JSONDict]] = {}
        """(scope as sorted JSON, language_code or "") -> commands."""
        self.chat_actions: list[tuple[int, str]] = []
        """(chat_id, action) of every sendChatAction, in order."""
        self.webhook_url: str | None = None
        self.webhook_secret: str | None = None
        self.webhook_attempts: list[WebhookAttempt] = []
        # Like Telegram's max_connections: how many webhook requests may be in flight at
        # once. Updates of one chat are still sent one after another, in order.
        self.webhook_concurrency = 1
        self.internal_errors: list[Exception] = []
        self.invalid_texts: list[str] = []
        """Texts the bot sent that break the rules of their parse mode, each with the reason."""
        self._unreported_texts: list[str] = []
        """Exceptions raised by the fake itself (answered as 500s); a test may assert none."""

        self._messages: dict[int, dict[int, SentMessage]] = {}
        self._shown: dict[int, asyncio.Queue[SentMessage]] = {}  # chat -> events not yet taken
        self._user_message_ids: dict[int, set[int]] = {}
        self._next_message_id: dict[int, int] = {}
        self._chats: dict[int, JSONDict] = {}
        self._files: dict[str, bytes | None] = {}
        self._blocked: set[int] = set()
        self._open_callbacks: set[str] = set()
        self._open_inline_queries: set[str] = set()
        self._updates: list[JSONDict] = []
        self._allowed_updates: frozenset[str] | None = None  # None: Telegram's default set
        self._ids = itertools.count(1)
        self._next_update_id = 1
        self._faults: list[_Fault] = []
        self._hold_for: set[int] = set()  # chats whose next showing call is held
        self._held: list[tuple[Call, asyncio.Future[None]]] = []
        self._changed = asyncio.Event()
        self._closing = False
        self._webhook_max_connections = 40
        self._webhook_error: tuple[int, str] | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._session: ClientSession | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

        handlers: dict[str, Callable[[JSONDict], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "answerInlineQuery": self._answer_inline_query,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "close": self._always_true,
            "logOut": self._always_true,
        }
        self._handlers = {name.lower(): (name, handler) for name, handler in handlers.items()}

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Serve on 127.0.0.1 on a free port."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        # No access log: it would print the token. Cancel handlers whose client went away (an
        # abandoned long poll); don't wait long for the rest on shutdown.
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]
        self._closing = False

    async def stop(self) -> None:
        """Answer waiting long polls, stop webhook delivery, close the server. Idempotent."""
        self._closing = True
        self._notify()
        await self._stop_webhook_worker()
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        invalid, self._unreported_texts = self._unreported_texts, []
        if invalid and self.checks_texts:
            raise AssertionError("texts invalid for their parse mode:\n" + "\n".join(invalid))

    def _rendered(
        self, method: str, text: str, parse_mode: str | None, entities: Any
    ) -> tuple[str, list[JSONDict]]:
        """`_render`, and the text checked against the rules of its parse mode."""
        rendered = _render(text, parse_mode, entities)
        problem = text_problem(text, parse_mode)
        if problem is not None:
            report = f"{method} (parse_mode={parse_mode}): {problem}: {text[:200]!r}"
            self.invalid_texts.append(report)
            self._unreported_texts.append(report)
        return rendered

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeBotApi is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """PTB's ``base_url``: PTB appends the token, then ``/<method>``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def bot_user(self) -> JSONDict:
        """The bot's User object as getMe returns it."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    # --- acting as users -------------------------------------------------------------------

    def send_text(
        self, user_id: int, text: str, *, chat_id: int | None = None, chat_type: str = "private"
    ) -> int:
        """A user writes ``text`` (private chat by default; a group needs a negative chat_id).
        Returns the update_id queued."""
        if chat_type == "private":
            if chat_id not in (None, user_id):
                raise ValueError("a private chat's id is the user's id")
            chat_id = user_id
            self._chats.setdefault(chat_id, self._private_chat(user_id))
        else:
            if chat_id is None or chat_id >= 0:
                raise ValueError(f"a {chat_type} chat needs a negative chat_id")
            self._chats[chat_id] = {"id": chat_id, "type": chat_type, "title": f"Group {chat_id}"}
        message_id = self._new_message_id(chat_id)
        self._user_message_ids.setdefault(chat_id, set()).add(message_id)
        message: JSONDict = {
            "message_id": message_id,
            "from": self._user(user_id),
            "chat": self._chats[chat_id],
            "date": int(time.time()),
            "text": text,
        }
        command = BOT_COMMAND.match(text)
        if command:
            length = _utf16_len(command.group(0))
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._queue_update("message", message)

    def press(
        self,
        user_id: int,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        strict: bool = True,
    ) -> int:
        """A user presses the inline button with ``data`` on the bot's message. With ``strict``
        (the default) the message must exist and currently carry such a button — a user cannot
        press anything else; without, a missing message is sent as Telegram sends one it no
        longer shows (date 0: PTB's InaccessibleMessage). Returns the update_id queued."""
        chat_id = user_id if chat_id is None else chat_id
        sent = self._messages.get(chat_id, {}).get(message_id)
        if sent is None or sent.deleted:
            if strict:
                raise ValueError(f"no bot message {message_id} in chat {chat_id} to press on")
            message: JSONDict = {"message_id": message_id, "chat": self._chat(chat_id), "date": 0}
        else:
            if strict and data not in sent.callback_data():
                raise ValueError(
                    f"message {message_id} in chat {chat_id} has no button with callback_data "
                    f"{data!r}; it has {sent.callback_data()}"
                )
            message = self._message_json(sent)
        query_id = self._new_query_id()
        self._open_callbacks.add(query_id)
        callback = {
            "id": query_id,
            "from": self._user(user_id),
            "chat_instance": str(abs(chat_id) * 7919 + 104729),
            "data": data,
            "message": message,
        }
        return self._queue_update("callback_query", callback)

    def inline_query(self, user_id: int, query: str) -> int:
        """A user types ``@bot query`` in some chat. Returns the update_id queued."""
        query_id = self._new_query_id()
        self._open_inline_queries.add(query_id)
        payload = {
            "id": query_id,
            "from": self._user(user_id),
            "query": query,
            "offset": "",
            "chat_type": "sender",
        }
        return self._queue_update("inline_query", payload)

    # --- observing -------------------------------------------------------------------------

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[SentMessage]:
        """The bot's messages in a chat, in the order first sent, each as it is now."""
        return [
            message
            for message in self._messages.get(chat_id, {}).values()
            if include_deleted or not message.deleted
        ]

    def last_message(self, chat_id: int) -> SentMessage:
        messages = self.messages(chat_id)
        if not messages:
            raise AssertionError(f"the bot has sent nothing (still shown) to chat {chat_id}")
        return messages[-1]

    async def next_message(self, chat_id: int, *, timeout: float = 10) -> SentMessage:
        """The bot's next message event in a chat, waiting up to `timeout` seconds for it:
        each message sent and each edit is one event, a snapshot as the chat showed it then
        (`is_edit` tells which). AssertionError describing the state when none comes."""
        message = await self.next_message_within(chat_id, timeout)
        if message is None:
            what = f"the bot's next message in chat {chat_id}"
            raise AssertionError(self._timeout_report(what, timeout))
        return message

    async def next_message_within(self, chat_id: int, seconds: float) -> SentMessage | None:
        """Like `next_message`, but None when the bot says nothing for `seconds`: for a test
        that reacts to silence (a person asking again), not one that fails on it."""
        try:
            return await asyncio.wait_for(self._shown_in(chat_id).get(), seconds)
        except TimeoutError:
            return None

    def take_shown(self, chat_id: int) -> list[SentMessage]:
        """Take, without waiting, every message event of the chat that `next_message` has not
        taken yet: for a load driver that starts its next action with a clean slate, so a late
        reply is not mistaken for the answer to that action."""
        queue = self._shown_in(chat_id)
        return [queue.get_nowait() for _ in range(queue.qsize())]

    def answered_callbacks(self) -> set[str]:
        """Ids of the callback queries answered via answerCallbackQuery."""
        return set(self.callback_answers)

    def calls_of(self, method: str) -> list[Call]:
        """The calls of one method (any spelling), in order."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates queued and not yet confirmed (getUpdates offset) or delivered (webhook)."""
        return list(self._updates)

    async def wait_until(
        self, predicate: Callable[[], bool], timeout: float = 10, *, what: str | None = None
    ) -> None:
        """Poll ``predicate`` every 10 ms; AssertionError describing the state on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            if loop.time() >= deadline:
                raise AssertionError(self._timeout_report(what or _source(predicate), timeout))
            await asyncio.sleep(0.01)

    # --- faults ----------------------------------------------------------------------------

    def fail_next(
        self,
        count: int,
        status: int,
        *,
        method: str | None = None,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """The next ``count`` calls of ``method`` (any method but getUpdates when None) get this
        error and are not applied. 429 carries ``parameters.retry_after`` (1 unless given)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        self._faults.append(_Fault(count, status, method, retry_after, description))

    def hold_next(self, chat_id: int) -> None:
        """The bot's next call that would show something in the chat (a message sent or
        edited) is held: neither applied nor answered. Killing the bot meanwhile is a crash
        between storing what a person did and the reply reaching Telegram."""
        self._hold_for.add(chat_id)

    @property
    def held(self) -> list[Call]:
        """The calls held now."""
        return [call for call, _ in self._held]

    def drop_held(self) -> None:
        """Lose the held calls on the way: never applied, their connections closed without
        an answer (a client still waiting sees a network error)."""
        for _, lost in self._held:
            lost.cancel()
        self._held.clear()

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sending to their private chat is a 403 from now on."""
        self._blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        self._blocked.discard(user_id)

    # --- HTTP ------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        call = Call(request.match_info["method"], {}, http_method=request.method)
        self.calls.append(call)
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            call.params = await self._read_params(request)
            known = self._handlers.get(call.method.lower())
            if known is None:
                raise ApiError(404, "Not Found")
            call.method, handler = known
            fault = self._take_fault(call.method)
            if fault is not None:
                raise fault
            await self._hold_if_asked(call)
            result = await handler(call.params)
            body: JSONDict = {"ok": True, "result": result}
            if isinstance(result, _Described):
                body = {"ok": True, "result": result.result, "description": result.description}
            status = 200
        except ApiError as error:
            body, status = error.body(), error.status
        except Exception as error:  # a bug in the fake: answer like Telegram's 500, keep it
            self.internal_errors.append(error)
            body = {
                "ok": False,
                "error_code": 500,
                "description": f"Internal Server Error: {error!r}",
            }
            status = 500
        call.status, call.response = status, body
        return web.json_response(body, status=status)

    async def _read_params(self, request: web.Request) -> JSONDict:
        raw: JSONDict = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise _bad("can't parse JSON encoded request") from None
                if not isinstance(body, dict):
                    raise _bad("can't parse JSON encoded request")
                raw.update(body)
            else:
                form = await request.post()
                for key, value in form.items():
                    raw[key] = value.file.read() if isinstance(value, web.FileField) else value
        params = {key: _decode_param(key, value) for key, value in raw.items()}
        for key, value in list(params.items()):  # "attach://name" points at an uploaded part
            if isinstance(value, str) and value.startswith("attach://"):
                part = value.removeprefix("attach://")
                if isinstance(params.get(part), bytes):
                    params[key] = params.pop(part)
        return params

    def _take_fault(self, method: str) -> ApiError | None:
        for fault in self._faults:
            if fault.matches(method):
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._faults.remove(fault)
                return fault.error()
        return None

    async def _hold_if_asked(self, call: Call) -> None:
        """Wait until `drop_held` when `hold_next` asked for this call."""
        chat = call.params.get("chat_id")
        if call.method not in SHOWING or chat not in self._hold_for:
            return
        self._hold_for.discard(chat)
        lost = asyncio.get_running_loop().create_future()
        self._held.append((call, lost))
        self._notify()
        await lost  # cancelled by `drop_held`, or with the handler when the client goes away

    # --- updates ---------------------------------------------------------------------------

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _queue_update(self, kind: str, payload: JSONDict) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        self._updates.append({"update_id": update_id, kind: payload})
        self._notify()
        return update_id

    def _drop_disallowed(self) -> None:
        def allowed(update: JSONDict) -> bool:
            kind = next(key for key in update if key != "update_id")
            if self._allowed_updates is None:
                return kind not in UPDATE_TYPES_BY_DEFAULT_EXCLUDED
            return kind in self._allowed_updates

        self._updates = [update for update in self._updates if allowed(update)]

    def _set_allowed_updates(self, params: JSONDict) -> None:
        if isinstance(params.get("allowed_updates"), list):
            self._allowed_updates = frozenset(params["allowed_updates"]) or None

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        if self.webhook_url:
            raise ApiError(409, WEBHOOK_CONFLICT)
        offset = params.get("offset")
        if isinstance(offset, int) and offset < 0:
            self._updates = self._updates[offset:]
        elif isinstance(offset, int):
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        limit = params.get("limit", 100)
        limit = min(max(limit, 1), 100) if isinstance(limit, int) else 100
        timeout = params.get("timeout", 0)
        timeout = max(float(timeout), 0.0) if isinstance(timeout, int | float) else 0.0
        self._set_allowed_updates(params)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self._changed
            if self.webhook_url:
                raise ApiError(409, WEBHOOK_CONFLICT)
            self._drop_disallowed()
            remaining = deadline - loop.time()
            if self._updates or self._closing or remaining <= 0:
                return self._updates[:limit]
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), remaining)

    # --- webhook ---------------------------------------------------------------------------

    async def _set_webhook(self, params: JSONDict) -> _Described:
        url = str(params.get("url") or "")
        if not url:
            return await self._delete_webhook(params)
        if not url.startswith(("http://", "https://")):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token") or None
        if secret is not None and not SECRET_SHAPE.fullmatch(str(secret)):
            raise _bad("bad webhook: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self._set_allowed_updates(params)
        already = url == self.webhook_url and secret == self.webhook_secret
        self.webhook_url, self.webhook_secret = url, secret
        self._webhook_max_connections = int(params.get("max_connections") or 40)
        self._webhook_error = None
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.create_task(self._deliver_webhook())
        self._notify()  # long polls waiting now get their 409
        return _Described(True, "Webhook is already set" if already else "Webhook was set")

    async def _delete_webhook(self, params: JSONDict) -> _Described:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        was_set = self.webhook_url is not None
        self.webhook_url = self.webhook_secret = None
        await self._stop_webhook_worker()
        return _Described(True, "Webhook was deleted" if was_set else "Webhook is already deleted")

    async def _get_webhook_info(self, _params: JSONDict) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook_url or "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook_url:
            info["max_connections"] = self._webhook_max_connections
            if self._allowed_updates is not None:
                info["allowed_updates"] = sorted(self._allowed_updates)
            if self._webhook_error:
                info["last_error_date"], info["last_error_message"] = self._webhook_error
        return info

    async def _stop_webhook_worker(self) -> None:
        task, self._webhook_task = self._webhook_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _deliver_webhook(self) -> None:
        """POST pending updates to the webhook until each is taken: in order within a chat,
        and up to `webhook_concurrency` requests in flight for different chats (a slot is
        refilled as soon as one request ends, as Telegram does)."""
        if self._session is None:
            self._session = ClientSession(timeout=ClientTimeout(total=10))
        busy: dict[str, asyncio.Task[bool]] = {}  # chat -> its update in flight
        while self.webhook_url:
            changed = self._changed
            self._drop_disallowed()
            for update in self._startable(busy):
                chat = json.dumps(_update_chat(update))
                busy[chat] = asyncio.ensure_future(self._deliver_one(update))
            if not busy:
                await changed.wait()
                continue
            waiter = asyncio.ensure_future(changed.wait())  # a new update, or a request ends
            await asyncio.wait([*busy.values(), waiter], return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()
            for chat, task in list(busy.items()):
                if task.done():
                    del busy[chat]

    def _startable(self, busy: dict[str, asyncio.Task[bool]]) -> list[JSONDict]:
        """The oldest pending update of each chat that has none in flight, within the limit."""
        ready: list[JSONDict] = []
        seen: set[str] = set(busy)
        for update in self._updates:
            if len(busy) + len(ready) >= max(1, self.webhook_concurrency):
                break
            chat = json.dumps(_update_chat(update))
            if chat not in seen:
                seen.add(chat)
                ready.append(update)
        return ready

    async def _deliver_one(self, update: JSONDict) -> bool:
        """Post one update until it is taken (backing off after failures)."""
        for failures in itertools.count(1):
            if not self.webhook_url:
                return False
            if await self._post_update(update):
                if update in self._updates:
                    self._updates.remove(update)
                return True
            await asyncio.sleep(min(0.05 * 2**failures, 1.0))
        return False  # pragma: no cover

    async def _post_update(self, update: JSONDict) -> bool:
        assert self._session is not None
        assert self.webhook_url is not None
        headers = {SECRET_HEADER: self.webhook_secret} if self.webhook_secret else {}
        try:
            async with self._session.post(self.webhook_url, json=update, headers=headers) as r:
                await r.read()
                status, error = r.status, None
                if not 200 <= status < 300:
                    error = f"Wrong response from the webhook: {status} {r.reason}"
        except (ClientError, OSError, TimeoutError, ValueError) as exc:
            status, error = 0, f"Connection failed: {exc!r}"
        self.webhook_attempts.append(WebhookAttempt(update["update_id"], status, error))
        if error is not None:
            self._webhook_error = (int(time.time()), error)
        return error is None

    # --- methods ---------------------------------------------------------------------------

    async def _always_true(self, _params: JSONDict) -> bool:
        return True

    async def _get_me(self, _params: JSONDict) -> JSONDict:
        return self.bot_user

    async def _send_message(self, params: JSONDict) -> JSONDict:
        chat_id = self._target_chat(params)
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _bad("message text is empty")
        parse_mode = params.get("parse_mode") or None
        plain, entities = self._rendered("sendMessage", text, parse_mode, params.get("entities"))
        if not plain.strip():
            raise _bad("message text is empty")
        if len(plain) > MAX_TEXT_LENGTH:
            raise _bad("message is too long")
        markup = self._markup(params)
        sent = SentMessage(
            message_id=self._new_message_id(chat_id),
            chat_id=chat_id,
            text=text,
            reply_markup=markup,
            parse_mode=parse_mode,
            date=int(time.time()),
            plain_text=plain,
            entities=entities,
        )
        self._keep(sent)
        return self._message_json(sent)

    async def _send_photo(self, params: JSONDict) -> JSONDict:
        chat_id = self._target_chat(params)
        photo = params.get("photo")
        data: bytes | None
        if isinstance(photo, bytes):
            if not photo:
                raise _bad("file must be non-empty")
            data, file_id = photo, None
        elif isinstance(photo, str) and photo in self._files:
            data, file_id = self._files[photo], photo
        elif isinstance(photo, str) and photo.startswith(("http://", "https://")):
            data, file_id = None, None
        elif photo is None:
            raise _bad("there is no photo in the request")
        else:
            raise _bad("wrong file identifier/HTTP URL specified")
        size = (800, 600) if data is None else _image_size(data)
        if size is None:
            raise _bad("IMAGE_PROCESS_FAILED")
        caption, plain, entities, parse_mode = self._caption(params)
        markup = self._markup(params)
        sizes = self._photo_sizes(size, data, file_id)
        sent = SentMessage(
            message_id=self._new_message_id(chat_id),
            chat_id=chat_id,
            text=caption,
            reply_markup=markup,
            parse_mode=parse_mode,
            photo=data,
            date=int(time.time()),
            plain_text=plain,
            entities=entities,
            photo_file_id=sizes[-1]["file_id"],
            photo_sizes=sizes,
        )
        self._keep(sent)
        return self._message_json(sent)

    async def _edit_message_text(self, params: JSONDict) -> JSONDict:
        sent = self._message_to_edit(params)
        if sent.is_photo:
            raise _bad("there is no text in the message to edit")
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _bad("message text is empty")
        parse_mode = params.get("parse_mode") or None
        plain, entities = self._rendered(
            "editMessageText", text, parse_mode, params.get("entities")
        )
        if not plain.strip():
            raise _bad("message text is empty")
        if len(plain) > MAX_TEXT_LENGTH:
            raise _bad("message is too long")
        return self._replace_content(sent, text, parse_mode, plain, entities, params)

    async def _edit_message_caption(self, params: JSONDict) -> JSONDict:
        sent = self._message_to_edit(params)
        if not sent.is_photo:
            raise _bad("there is no caption in the message to edit")
        caption, plain, entities, parse_mode = self._caption(params)
        return self._replace_content(sent, caption, parse_mode, plain, entities, params)

    def _replace_content(  # noqa: PLR0917 - the parts of one edit
        self,
        sent: SentMessage,
        text: str,
        parse_mode: str | None,
        plain: str,
        entities: list[JSONDict],
        params: JSONDict,
    ) -> JSONDict:
        """Apply an edit of text or caption, refusing one that changes nothing (Telegram)."""
        markup = self._markup(params)
        unchanged = (plain, entities, _inline(markup)) == (
            sent.plain_text,
            sent.entities,
            _inline(sent.reply_markup),
        )
        if unchanged:
            raise _bad(NOT_MODIFIED.removeprefix("Bad Request: "))
        sent.text, sent.parse_mode, sent.plain_text, sent.entities = (
            text,
            parse_mode,
            plain,
            entities,
        )
        sent.reply_markup = markup
        return self._edited(sent)

    async def _edit_message_reply_markup(self, params: JSONDict) -> JSONDict:
        sent = self._message_to_edit(params)
        markup = self._markup(params)
        if _inline(markup) == _inline(sent.reply_markup):
            raise _bad(NOT_MODIFIED.removeprefix("Bad Request: "))
        sent.reply_markup = markup
        return self._edited(sent)

    async def _delete_message(self, params: JSONDict) -> bool:
        chat_id = self._target_chat(params)
        message_id = params.get("message_id")
        sent = (
            self._messages.get(chat_id, {}).get(message_id) if isinstance(message_id, int) else None
        )
        if sent is not None and not sent.deleted:
            sent.deleted = True
            return True
        user_ids = self._user_message_ids.get(chat_id, set())
        if message_id in user_ids:
            user_ids.discard(message_id)  # a user's message (bots may delete those in private)
            return True
        raise _bad("message to delete not found")

    async def _answer_callback_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_callbacks:
            raise ApiError(400, QUERY_INVALID)
        self._open_callbacks.discard(query_id)
        self.callback_answers[query_id] = {
            key: value for key, value in params.items() if key != "callback_query_id"
        }
        return True

    async def _answer_inline_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("inline_query_id", ""))
        if query_id not in self._open_inline_queries:
            raise ApiError(400, QUERY_INVALID)
        results = params.get("results")
        if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
            raise _bad("can't parse results JSON object")
        if len(results) > 50:
            raise _bad("RESULTS_TOO_MUCH")
        ids = [result.get("id") for result in results]
        if any(not result.get("type") or not result.get("id") for result in results):
            raise _bad('can\'t parse InlineQueryResult: field "type" and "id" must be set')
        if len(set(ids)) != len(ids):
            raise _bad("RESULT_ID_DUPLICATE")
        for result in results:
            content = result.get("input_message_content")
            if isinstance(content, dict) and isinstance(content.get("message_text"), str):
                mode = content.get("parse_mode") or None
                self._rendered("answerInlineQuery", content["message_text"], mode, None)
        self._open_inline_queries.discard(query_id)
        self.inline_answers[query_id] = results
        self.inline_answer_params[query_id] = {
            key: value for key, value in params.items() if key not in {"inline_query_id", "results"}
        }
        return True

    async def _send_chat_action(self, params: JSONDict) -> bool:
        chat_id = self._target_chat(params)
        action = params.get("action")
        if action not in CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        self.chat_actions.append((chat_id, str(action)))
        return True

    async def _set_my_commands(self, params: JSONDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse commands JSON object")
            if not COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands_by_scope[self._scope_key(params)] = commands
        self.commands = commands
        return True

    async def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        return self.commands_by_scope.get(self._scope_key(params), [])

    async def _delete_my_commands(self, params: JSONDict) -> bool:
        self.commands_by_scope.pop(self._scope_key(params), None)
        self.commands = []
        return True

    # --- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _scope_key(params: JSONDict) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _target_chat(self, params: JSONDict) -> int:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        if not isinstance(chat_id, int) or chat_id == 0:
            raise _bad("chat not found")
        if chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _message_to_edit(self, params: JSONDict) -> SentMessage:
        if params.get("inline_message_id"):
            raise _bad("MESSAGE_ID_INVALID")
        chat_id = self._target_chat(params)
        message_id = params.get("message_id")
        sent = (
            self._messages.get(chat_id, {}).get(message_id) if isinstance(message_id, int) else None
        )
        if sent is None or sent.deleted:
            raise ApiError(400, TO_EDIT_NOT_FOUND)
        return sent

    def _caption(self, params: JSONDict) -> tuple[str | None, str | None, list[JSONDict], Any]:
        caption = params.get("caption") or None
        parse_mode = params.get("parse_mode") or None
        if caption is None:
            return None, None, [], parse_mode
        entities_given = params.get("caption_entities")
        plain, entities = self._rendered("caption", str(caption), parse_mode, entities_given)
        if len(plain) > MAX_CAPTION_LENGTH:
            raise _bad("message caption is too long")
        return str(caption), plain, entities, parse_mode

    @staticmethod
    def _markup(params: JSONDict) -> JSONDict | None:
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        rows = markup.get("inline_keyboard")
        if rows is None:
            return markup
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad("can't parse inline keyboard markup JSON object")
        for button in (button for row in rows for button in row):
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise _bad(
                    'can\'t parse inline keyboard button: Field "text" must be of type String'
                )
            if not BUTTON_ACTIONS & button.keys():
                raise _bad(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise _bad("BUTTON_DATA_INVALID")
        return markup

    def _photo_sizes(
        self, size: tuple[int, int], data: bytes | None, file_id: str | None
    ) -> list[JSONDict]:
        """PhotoSize objects like Telegram's: thumbnails up to the largest (at most 2560 px)."""
        width, height = size
        longest = max(width, height, 1)
        limits = [limit for limit in (90, 320, 800, 1280) if limit < longest]
        limits.append(min(longest, 2560))
        total = len(data) if data is not None else 50_000
        sizes: list[JSONDict] = []
        for index, limit in enumerate(limits):
            scale = limit / longest
            last = index == len(limits) - 1
            number = next(self._ids)
            this_id = file_id if last and file_id else f"AgACAgIAAxkBAAIfake{number:06d}"
            self._files.setdefault(this_id, data)
            sizes.append(
                {
                    "file_id": this_id,
                    "file_unique_id": f"AQADfake{number:04d}",
                    "width": max(round(width * scale), 1),
                    "height": max(round(height * scale), 1),
                    "file_size": total if last else max(int(total * scale * scale), 1),
                }
            )
        return sizes

    def _message_json(self, sent: SentMessage) -> JSONDict:
        message: JSONDict = {
            "message_id": sent.message_id,
            "from": {
                "id": self.bot_id,
                "is_bot": True,
                "first_name": self.first_name,
                "username": self.username,
            },
            "chat": self._chat(sent.chat_id),
            "date": sent.date,
        }
        if sent.edit_date is not None:
            message["edit_date"] = sent.edit_date
        if sent.is_photo:
            message["photo"] = sent.photo_sizes
            if sent.plain_text is not None:
                message["caption"] = sent.plain_text
                if sent.entities:
                    message["caption_entities"] = sent.entities
        else:
            message["text"] = sent.plain_text
            if sent.entities:
                message["entities"] = sent.entities
        if _inline(sent.reply_markup):  # Message.reply_markup is only ever an inline keyboard
            message["reply_markup"] = sent.reply_markup
        return message

    def _keep(self, sent: SentMessage) -> None:
        self._messages.setdefault(sent.chat_id, {})[sent.message_id] = sent
        self._show(sent)

    def _edited(self, sent: SentMessage) -> JSONDict:
        sent.edits += 1
        sent.edit_date = int(time.time())
        self._show(sent)
        return self._message_json(sent)

    def _show(self, sent: SentMessage) -> None:
        """Queue what the chat shows now for `next_message` (a copy: later edits change the
        message in place)."""
        self._shown_in(sent.chat_id).put_nowait(dataclasses.replace(sent))

    def _shown_in(self, chat_id: int) -> asyncio.Queue[SentMessage]:
        return self._shown.setdefault(chat_id, asyncio.Queue())

    def _new_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _new_query_id(self) -> str:
        return str(4_200_000_000_000_000 + next(self._ids) * 7)

    @staticmethod
    def _user(user_id: int) -> JSONDict:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": f"User{user_id}",
            "language_code": "en",
        }

    @staticmethod
    def _private_chat(user_id: int) -> JSONDict:
        return {"id": user_id, "type": "private", "first_name": f"User{user_id}"}

    def _chat(self, chat_id: int) -> JSONDict:
        if chat_id in self._chats:
            return self._chats[chat_id]
        if chat_id > 0:
            return self._private_chat(chat_id)
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": f"Group {chat_id}"}

    def _timeout_report(self, what: str, timeout: float) -> str:
        recent = ", ".join(f"{call.method}->{call.status}" for call in self.calls[-12:])
        shown = {chat: len(self.messages(chat)) for chat in self._messages}
        lines = [
            f"condition not met within {timeout}s: {what}",
            f"  last calls: {recent or 'none'}",
            f"  bot messages per chat: {shown or 'none'}",
            f"  pending updates: {[u['update_id'] for u in self._updates]}",
        ]
        if self._webhook_error:
            lines.append(f"  last webhook error: {self._webhook_error[1]}")
        if self.internal_errors:
            lines.append(f"  errors inside the fake: {self.internal_errors!r}")
        return "\n".join(lines)


def _source(predicate: Callable[[], bool]) -> str:
    """The predicate's source line, for a timeout report."""
    try:
        return inspect.getsource(predicate).strip()
    except (OSError, TypeError):
        return repr(predicate)


def _inline(markup: JSONDict | None) -> JSONDict | None:
    """The inline keyboard part of a markup (what a message keeps), or None."""
    if markup and "inline_keyboard" in markup:
        return markup
    return None
