"""Memory loading freed goes back to the system (bot/matching/memory.py): on glibc by
malloc_trim once the models are loaded; where the C library has no such call, nothing
happens and nothing fails."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from bot.content.knowledge import Knowledge
from bot.matching import background, memory
from bot.matching.background import Background
from bot.matching.semantic import EmbeddingMatcher
from tests.matching.fakes import GATE_SECONDS, WordHashEmbedder


class Trim:
    """glibc's malloc_trim as ctypes hands it over: typed by attributes, then called."""

    def __init__(self) -> None:
        self.calls: list[int] = []
        self.argtypes: list[type] = []

    def __call__(self, pad: int) -> int:
        self.calls.append(pad)
        return 1


class Libc:
    def __init__(self) -> None:
        self.malloc_trim = Trim()


def test_glibc_is_asked_to_hand_back_every_free_page(monkeypatch: pytest.MonkeyPatch) -> None:
    libc = Libc()
    monkeypatch.setattr(ctypes, "CDLL", lambda _name: libc)
    memory.give_back_freed_memory()
    assert libc.malloc_trim.calls == [0]  # no padding kept at the top of the heap
    assert libc.malloc_trim.argtypes == [ctypes.c_size_t]  # a size_t, not an int


def test_a_c_library_without_malloc_trim_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes, "CDLL", lambda _name: object())  # macOS, musl
    memory.give_back_freed_memory()


def test_no_c_library_found_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(_name: object) -> None:
        raise OSError("no such library")

    monkeypatch.setattr(ctypes, "CDLL", missing)
    memory.give_back_freed_memory()


def test_the_memory_is_handed_back_once_the_models_are_loaded(
    kb: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bool] = []
    models = Background(lambda: EmbeddingMatcher(kb, WordHashEmbedder(), tmp_path))
    monkeypatch.setattr(background, "give_back_freed_memory", lambda: calls.append(models.ready()))
    models.start()
    assert models.wait(GATE_SECONDS)
    assert calls == [True]  # once loaded: readers had the matcher without waiting for it
