"""The layout is a contract: imports run one way along the data flow, and parts stay small.

Read from the source with `ast`, so the rules hold for every module, imported or not.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"
MAX_MODULE_LINES = 300
MAX_CLASS_LINES = 200

# What each package may not import. `content`, `matching` and `recommend` are pure: they
# read YAML-born data and compute; they never reach a store, a transport or Telegram.
# `conversation` knows no transport; only `transports` speaks to Telegram.
FORBIDDEN = {
    "content": ("bot.matching", "bot.recommend", "bot.conversation", "bot.storage"),
    "matching": ("bot.recommend", "bot.conversation", "bot.storage"),
    "recommend": ("bot.matching", "bot.conversation", "bot.storage"),
    "conversation": ("bot.transports", "bot.cli", "bot.app"),
    "storage": ("bot.content", "bot.matching", "bot.recommend", "bot.conversation"),
    "transports": ("bot.cli",),
}
EVERYWHERE_BUT_TRANSPORTS = ("telegram", "tornado")
PURE = ("content", "matching", "recommend")
NEVER_IN_PURE = ("bot.transports", "bot.cli", "bot.app", "sqlite3", "redis", "aiohttp")


def modules() -> list[Path]:
    return sorted(BOT.rglob("*.py"))


def package_of(path: Path, root: Path) -> str:
    parts = path.relative_to(root).parts
    return parts[0] if len(parts) > 1 else ""


def imported(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def broken_rules(path: Path, root: Path = BOT) -> list[str]:
    package = package_of(path, root)
    banned = list(FORBIDDEN.get(package, ()))
    if package != "transports":
        banned += EVERYWHERE_BUT_TRANSPORTS
    if package in PURE:
        banned += NEVER_IN_PURE
    return [name for name in imported(path) if any(within(name, ban) for ban in banned)]


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(BOT)))
def test_imports_run_one_way(path: Path) -> None:
    assert broken_rules(path) == [], f"{path.relative_to(BOT)} imports across the layers"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(BOT)))
def test_modules_and_classes_stay_small(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= MAX_MODULE_LINES, f"{path.name}: over {MAX_MODULE_LINES} lines"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= MAX_CLASS_LINES, f"class {node.name}: {length} lines"


def test_the_rules_catch_a_pure_module_that_reaches_a_store(tmp_path: Path) -> None:
    """The checker itself can fail: a matching module importing storage is reported."""
    fake = tmp_path / "bot" / "matching" / "leaky.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("from bot.storage.contract import Miss\nimport telegram\n", encoding="utf-8")
    assert broken_rules(fake, tmp_path / "bot") == ["bot.storage.contract", "telegram"]
