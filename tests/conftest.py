"""Shared fixtures: the shipped knowledge base, loaded once per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from bot.content.home import data_home
from bot.content.knowledge import Knowledge, load_knowledge

ROOT = data_home()

# Locally, property tests explore new random examples on every run; in CI they replay a fixed
# sequence, so a submission's result does not depend on luck. (A failure found locally is
# saved in .hypothesis/ and replayed first next time.)
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


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
