"""Shared fixtures: the shipped knowledge base, loaded once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.knowledge import Knowledge, load_knowledge, project_root

ROOT = project_root()


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge(ROOT)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's data folders; returns the folder holding them."""
    for name in ("knowledge", "conversations"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path
