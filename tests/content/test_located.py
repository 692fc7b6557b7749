"""The fast YAML loader (libyaml) and the pure-Python one read every file the same way: the
same values, the same line of every key and item, the same problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.content.located import FASTEST_LOADER, Loader, fastest_loader, parse_located
from bot.problems import DataError
from tests.conftest import ROOT
from tests.content.test_knowledge import BREAKAGES as KNOWLEDGE_BREAKAGES
from tests.content.test_quiz import BREAKAGES as QUIZ_BREAKAGES
from tests.harness.breakage import apply_breakage

needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")

SHIPPED = sorted(
    str(path.relative_to(ROOT))
    for folder in ("knowledge", "conversations")
    for path in (ROOT / folder).glob("*.yaml")
)
BREAKAGES = {**KNOWLEDGE_BREAKAGES, **{f"quiz: {k}": v for k, v in QUIZ_BREAKAGES.items()}}
# Cases the fixtures above do not reach: nesting, odd keys, aliases, documents, line ends.
SNIPPETS = {
    "nested duplicate": "a:\n  b: 1\n  c: 2\n  b: 3\n",
    "duplicate in a list item": "- x: 1\n  x: 2\n",
    "key that is not text": "a:\n  [1, 2]: x\n",
    "number key and null value": "1: \n2: ~\n",
    "anchor and alias": "a: &one [1, 2]\nb: *one\n",
    "undefined alias": "a: *nothing\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "empty document": "",
    "only a comment": "# nothing here\n",
    "windows line ends": "a: 1\r\nb:\r\n  - 2\r\n  - 3\r\n",
    "multi-line strings": "a: |\n  one\n  two\nb: >\n  three\n  four\nc: 'x'\n",
    "flow mapping over lines": "a: {b: 1,\n  c: [2,\n  3]}\n",
    "unclosed quote": 'a: "x\n',
    "tab indentation": "a:\n\tb: 1\n",
    "scalar types": "a: [yes, no, 1.5, 0x10, 2024-01-02, null, '3']\n",
    "byte order mark": "\ufeffa: 1\n",
}


def outcome(text: str, loader_class: Loader) -> tuple[str, object]:
    """What a reader of `text` gets: the values (typed, in order) and lines, or the problems."""
    try:
        located = parse_located(text, "file.yaml", loader_class)
    except DataError as exc:
        return "problems", exc.problems
    return "data", (repr(located.data), located.lines)


def assert_same_reading(text: str) -> None:
    fast = outcome(text, yaml.CSafeLoader)
    assert fast == outcome(text, yaml.SafeLoader)


@needs_libyaml
def test_libyaml_is_used_when_present() -> None:
    assert FASTEST_LOADER is yaml.CSafeLoader


def test_without_libyaml_the_pure_loader_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    assert fastest_loader() is yaml.SafeLoader


@needs_libyaml
@pytest.mark.parametrize("name", SHIPPED)
def test_both_loaders_read_a_shipped_file_the_same(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert outcome(text, yaml.CSafeLoader)[0] == "data"
    assert_same_reading(text)


@needs_libyaml
@pytest.mark.parametrize("name", BREAKAGES)
def test_both_loaders_report_a_broken_file_the_same(name: str, tmp_path: Path) -> None:
    breakage = BREAKAGES[name]
    shutil.copytree(ROOT / Path(breakage.file).parent, tmp_path / Path(breakage.file).parent)
    apply_breakage(tmp_path, breakage)
    assert_same_reading((tmp_path / breakage.file).read_text(encoding="utf-8"))


@needs_libyaml
@pytest.mark.parametrize("name", SNIPPETS)
def test_both_loaders_read_an_edge_case_the_same(name: str) -> None:
    assert_same_reading(SNIPPETS[name])


@needs_libyaml
def test_a_character_yaml_forbids_fails_the_same_way_in_both() -> None:
    # Not a DataError today (PyYAML's reader rejects it before parsing); the point here is
    # only that the fast loader changes nothing.
    for loader_class in (yaml.CSafeLoader, yaml.SafeLoader):
        with pytest.raises(yaml.reader.ReaderError, match="special characters"):
            parse_located("a: \x07\n", "file.yaml", loader_class)
