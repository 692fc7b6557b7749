"""Conversations as data: each tests/conversation/transcripts/*.yaml file is a person's turns
and what the bot must answer, run against every store (memory, SQLite, Redis). A regression
test is a new file, not new Python. The format, and the check that refuses unknown keys, is
in tests/harness/transcripts.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import BotData, build_engine, load_data
from bot.conversation.engine import Engine
from bot.conversation.events import Button, Event, Reply
from bot.matching.matcher import FaqMatcher
from bot.storage.contract import StateStore
from bot.storage.factory import Storage, memory_storage, redis_storage, sqlite_storage
from bot.storage.redis.store import RedisStore
from tests.harness.buttons import label_matches
from tests.harness.redis_server import SHARED
from tests.harness.transcripts import (
    ExpectedReply,
    ExpectedState,
    TranscriptError,
    Turn,
    load_transcript,
)

TRANSCRIPTS = sorted((Path(__file__).parent / "transcripts").glob("*.yaml"))
USER = 42


@pytest.fixture(scope="module")
def data() -> BotData:
    return load_data()


@pytest.fixture(scope="module")
def matcher(data: BotData) -> FaqMatcher:
    return FaqMatcher(data.kb)


# Every store a transcript runs against, built in an empty folder. Redis is the session's
# redis-server (or a skip without one); the folder's name is unique to the test, so each
# run has keys of its own.
STORES: dict[str, Callable[[Path], Storage]] = {
    "memory": lambda _folder: memory_storage(),
    "sqlite": lambda folder: sqlite_storage(folder / "bot.sqlite3"),
    "redis": lambda folder: redis_storage(
        RedisStore(SHARED.url(), key_prefix=f"transcript:{folder.name}")
    ),
}


@pytest.fixture(params=list(STORES))
async def storage(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Storage]:
    storage = STORES[request.param](tmp_path)
    yield storage
    await storage.close()


class Conversation:
    def __init__(self, new_engine: Callable[[], Engine], store: StateStore) -> None:
        self.new_engine, self.store = new_engine, store
        self.engine = new_engine()
        self.buttons: list[Button] = []  # every button shown so far, the latest first

    async def turn(self, turn: Turn) -> list[Reply]:
        if turn.restart:
            self.engine = self.new_engine()
            return self._seen(await self.engine.opening(USER))
        return self._seen(await self.engine.handle(self._event(turn)))

    def _event(self, turn: Turn) -> Event:
        if turn.press is not None:
            return Event.pressed(USER, self._find(turn.press).payload)
        if turn.payload is not None:
            return Event.pressed(USER, turn.payload)
        return Event.typed(USER, turn.typed())

    def _find(self, label: str) -> Button:
        for button in self.buttons:
            if label_matches(button.label, label):
                return button
        labels = [b.label for b in self.buttons]
        raise AssertionError(f"no button {label!r} on screen: {labels[:20]}")

    def _seen(self, replies: list[Reply]) -> list[Reply]:
        # As in Telegram, any button still on screen can be pressed; the newest one wins.
        shown = [b for reply in reversed(replies) for row in reply.buttons for b in row]
        self.buttons = shown + self.buttons
        return replies


def check_replies(replies: list[Reply], expected: list[ExpectedReply], where: str) -> None:
    keys = [r.key for r in replies]
    assert keys == [e.key for e in expected], f"{where}: replies {keys}"
    for reply, spec in zip(replies, expected, strict=True):
        for text in spec.contains:
            assert text in reply.text, f"{where}: {text!r} not in {reply.key}: {reply.text!r}"
        for text in spec.absent:
            assert text not in reply.text, f"{where}: {text!r} in {reply.key}"
        labels = reply.button_labels()
        for label in spec.buttons:
            assert label in labels, f"{where}: no button {label!r} in {reply.key}: {labels}"
        if spec.image:
            assert reply.image is not None
            assert reply.image.png.startswith(b"\x89PNG\r\n\x1a\n")


async def check_store(store: StateStore, spec: ExpectedState, where: str) -> None:
    given = spec.given()
    if "people" in given:
        assert await store.count_people() == given.pop("people"), where
    raw = await store.get(USER)
    state = json.loads(raw) if raw else {}
    for key, expected in given.items():
        empty = {"answers": {}, "tools": []}.get(key)
        assert state.get(key, empty) == expected, f"{where}: stored {key} is {state.get(key)!r}"


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
async def test_transcript(path: Path, storage: Storage, data: BotData, matcher: FaqMatcher) -> None:
    script = load_transcript(path)
    clock = lambda: datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # noqa: E731
    conversation = Conversation(
        lambda: build_engine(storage, data, matcher=matcher, clock=clock, charts=script.charts),
        storage.state,
    )
    for number, turn in enumerate(script.turns, 1):
        where = f"{path.name} turn {number}"
        replies = await conversation.turn(turn)
        if turn.expect is not None:
            check_replies(replies, turn.expect, where)
        if turn.store is not None:
            await check_store(storage.state, turn.store, where)


def test_there_are_transcripts() -> None:
    assert len(TRANSCRIPTS) >= 10


def test_a_transcript_with_an_unknown_key_is_refused_with_the_file_and_key_named(
    tmp_path: Path,
) -> None:
    path = tmp_path / "misspelled.yaml"
    path.write_text("name: typo\nturns:\n  - command: /help\n    expext: [{key: help_intro}]\n")
    with pytest.raises(TranscriptError) as refused:
        load_transcript(path)
    assert str(refused.value) == f"{path}: turn 1: unknown key 'expext'"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("turns: []\nnmae: x\n", "unknown key 'nmae'"),
        ("name: x\nturns:\n  - press: Go\n    expect: [{key: a, contians: [b]}]\n",
         "turn 1: expect[0]: unknown key 'contians'"),
        ("name: x\nturns:\n  - press: Go\n    store: {stpe: a}\n",
         "turn 1: store: unknown key 'stpe'"),
        ("name: x\nturns:\n  - {text: hi, press: Go}\n", "turn 1: Value error, a turn does"),
    ],
)  # fmt: skip
def test_every_level_of_a_transcript_refuses_what_it_does_not_know(
    tmp_path: Path, body: str, problem: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(body)
    with pytest.raises(TranscriptError, match=re.escape(f"{path}: {problem}")):
        load_transcript(path)
