"""An offline Bot API for PTB: no network, every call recorded, plausible answers.

python-telegram-bot's own test suite works this way. Handler tests and the per-update
benchmark drive a real `Application` with `process_update` through it.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_ID = 7000001
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Career bot",
    "username": "career_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
SENDS_MESSAGE = {"sendMessage", "editMessageText", "editMessageReplyMarkup", "sendPhoto"}


@dataclass
class OfflineCall:
    method: str
    params: dict[str, Any]


class OfflineRequest(BaseRequest):
    def __init__(self, *, record: bool = True) -> None:
        self.calls: list[OfflineCall] = []
        self.record = record
        self._next_id = 0

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        """PTB's hook; the HTTP verb and the timeouts do not matter offline."""
        del method
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if self.record:
            self.calls.append(OfflineCall(endpoint, params))
        return 200, json.dumps({"ok": True, "result": self._result(endpoint, params)}).encode()

    def _result(self, endpoint: str, params: dict[str, Any]) -> Any:
        if endpoint == "getMe":
            return BOT_USER
        if endpoint == "getUpdates":
            return []
        if endpoint in SENDS_MESSAGE:
            return self._message(params)
        return True

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        self._next_id += 1
        chat_id = int(params.get("chat_id", 0))
        message: dict[str, Any] = {
            "message_id": int(params.get("message_id", self._next_id)),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
        }
        if "text" in params:
            message["text"] = params["text"]
        if "caption" in params:
            message["caption"] = params["caption"]
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    def sent(self, method: str) -> list[dict[str, Any]]:
        return [call.params for call in self.calls if call.method == method]
