"""Conversations as data: each tests/transcripts/*.yaml file is a person's turns and what the
bot must answer, run against every store. A regression test is a new file, not new Python.

Turn keys: `command` or `text` (typed); `press` (a button label shown so far, the newest
first, as a person can press any button still on screen); `payload` (a raw button payload,
for stale or forged ones); `restart` (a new engine over the same store, as after a process
restart, whose opening replies are checked); `expect`: the replies in order, each with `key`
(the message id) and optionally `contains`, `absent`, `buttons` (labels that must be there)
and `image: true`; `store`: what is stored (`people`, `step`, `answers`, `finished`,
`paused`).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.app import BotData, build_engine, load_data
from bot.conversation.engine import Engine
from bot.conversation.events import Button, Event, Reply
from bot.matching.matcher import FaqMatcher
from bot.storage.contract import StateStore
from bot.storage.factory import Storage, memory_storage, sqlite_storage

TRANSCRIPTS = sorted((Path(__file__).parent / "transcripts").glob("*.yaml"))
USER = 42


@pytest.fixture(scope="module")
def data() -> BotData:
    return load_data()


@pytest.fixture(scope="module")
def matcher(data: BotData) -> FaqMatcher:
    return FaqMatcher(data.kb)


def open_storage(kind: str, tmp_path: Path) -> Storage:
    return memory_storage() if kind == "memory" else sqlite_storage(tmp_path / "bot.sqlite3")


@pytest.fixture(params=["memory", "sqlite"])
async def storage(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Storage]:
    storage = open_storage(request.param, tmp_path)
    yield storage
    await storage.close()


class Conversation:
    def __init__(self, new_engine: Callable[[], Engine]) -> None:
        self.new_engine = new_engine
        self.engine = new_engine()
        self.buttons: list[Button] = []  # every button shown so far, the latest first

    async def turn(self, turn: dict[str, Any]) -> list[Reply]:
        if turn.get("restart"):
            self.engine = self.new_engine()
            return self._seen(await self.engine.opening(USER))
        return self._seen(await self.engine.handle(self._event(turn)))

    def _event(self, turn: dict[str, Any]) -> Event:
        if "press" in turn:
            return Event.pressed(USER, self._find(turn["press"]).payload)
        if "payload" in turn:
            return Event.pressed(USER, turn["payload"])
        raw = turn.get("command", turn.get("text", ""))
        if isinstance(raw, dict):  # {repeat: "x", times: 20000}
            raw = raw["repeat"] * raw["times"]
        return Event.typed(USER, raw)

    def _find(self, label: str) -> Button:
        for button in self.buttons:
            if button.label == label or button.label.endswith(f" {label}"):
                return button
        labels = [b.label for b in self.buttons]
        raise AssertionError(f"no button {label!r} on screen: {labels[:20]}")

    def _seen(self, replies: list[Reply]) -> list[Reply]:
        # As in Telegram, any button still on screen can be pressed; the newest one wins.
        shown = [b for reply in reversed(replies) for row in reply.buttons for b in row]
        self.buttons = shown + self.buttons
        return replies


def check_replies(replies: list[Reply], expected: list[dict[str, Any]], where: str) -> None:
    keys = [r.key for r in replies]
    assert keys == [e["key"] for e in expected], f"{where}: replies {keys}"
    for reply, spec in zip(replies, expected, strict=True):
        for text in spec.get("contains", []):
            assert text in reply.text, f"{where}: {text!r} not in {reply.key}: {reply.text!r}"
        for text in spec.get("absent", []):
            assert text not in reply.text, f"{where}: {text!r} in {reply.key}"
        labels = reply.button_labels()
        for label in spec.get("buttons", []):
            assert label in labels, f"{where}: no button {label!r} in {reply.key}: {labels}"
        if spec.get("image"):
            assert reply.image is not None
            assert reply.image.png.startswith(b"\x89PNG\r\n\x1a\n")


async def check_store(store: StateStore, spec: dict[str, Any], where: str) -> None:
    if "people" in spec:
        assert await store.count_people() == spec["people"], where
    raw = await store.get(USER)
    state = json.loads(raw) if raw else {}
    for key in ("step", "answers", "finished", "paused"):
        if key in spec:
            assert state.get(key, {} if key == "answers" else None) == spec[key], (
                f"{where}: stored {key} is {state.get(key)!r}"
            )


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
async def test_transcript(path: Path, storage: Storage, data: BotData, matcher: FaqMatcher) -> None:
    script = yaml.safe_load(path.read_text())
    clock = lambda: datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # noqa: E731
    charts = script.get("charts", False)
    conversation = Conversation(
        lambda: build_engine(storage, data, matcher=matcher, clock=clock, charts=charts)
    )
    for number, turn in enumerate(script["turns"], 1):
        where = f"{path.name} turn {number}"
        replies = await conversation.turn(turn)
        if "expect" in turn:
            check_replies(replies, turn["expect"], where)
        if "store" in turn:
            await check_store(storage.state, turn["store"], where)


def test_there_are_transcripts() -> None:
    assert len(TRANSCRIPTS) >= 10
