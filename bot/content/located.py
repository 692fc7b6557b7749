"""Read YAML while remembering the line of every key and item.

PyYAML's `safe_load` forgets where values came from and silently keeps the last of two
duplicate keys. Validation needs both: every error names `file:line`, and a duplicate id is
an error. So we compose the node tree and build plain Python values ourselves.

The node tree comes from libyaml (`CSafeLoader`) when PyYAML was built with it: its scanner
is C, and scanning was over 90% of loading the knowledge base in the pure-Python one. Both
give the same nodes and marks, so the values, lines and duplicate-key problems are the same
(tests/content/test_located.py compares them on every shipped file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import yaml
from yaml.constructor import SafeConstructor

from bot.problems import DataError, Problem

Loc = tuple[str | int, ...]
Loader: TypeAlias = type[yaml.SafeLoader] | type[yaml.CSafeLoader]


def fastest_loader() -> Loader:
    """libyaml's loader when PyYAML has it, else the pure-Python one (same results, slower)."""
    return yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


FASTEST_LOADER = fastest_loader()


@dataclass
class Located:
    """Plain data from one YAML file plus the 1-based line of each location in it."""

    file: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int:
        """The line of `loc`, or of its nearest known parent (a missing key's mapping)."""
        for end in range(len(loc), -1, -1):
            found = self.lines.get(loc[:end])
            if found is not None:
                return found
        return 1

    def problem(self, loc: Loc, message: str, hint: str = "") -> Problem:
        return Problem(self.file, self.line(loc), message, hint)


def load_located(path: Path, display: str) -> Located:
    """Parse `path`; raise DataError naming the line on syntax errors and duplicate keys."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(display, 1, "file is missing", "create it")]) from None
    except UnicodeDecodeError:
        raise DataError([Problem(display, 1, "not UTF-8 text", "save as UTF-8")]) from None
    return parse_located(text, display)


def parse_located(text: str, display: str, loader_class: Loader = FASTEST_LOADER) -> Located:
    """Plain data and lines from YAML `text`; raise DataError naming `display` and the line."""
    try:
        node, loader = _compose(text, display, loader_class)
    except yaml.YAMLError:
        if loader_class is yaml.SafeLoader:
            raise
        # libyaml words its errors differently ("found character that cannot start any
        # token", without the tab our hint looks for). A broken file is rare, so it is read
        # again by the pure-Python loader: a writer sees the same message whichever is used.
        return parse_located(text, display, yaml.SafeLoader)
    located = Located(display, None)
    problems: list[Problem] = []
    if node is not None:
        located.data = _build(node, (), located, loader, problems)
    if problems:
        raise DataError(problems)
    return located


def _compose(
    text: str, display: str, loader_class: Loader
) -> tuple[yaml.Node | None, SafeConstructor]:
    """The document's node tree, and the loader that turns its scalars into values."""
    loader = loader_class(text)
    try:
        return loader.get_single_node(), loader
    except yaml.MarkedYAMLError as exc:
        if loader_class is not yaml.SafeLoader:
            raise
        raise DataError([_syntax_problem(exc, display)]) from None
    finally:
        loader.dispose()


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    what = exc.problem or exc.context or "invalid YAML"
    hint = "check the indentation and quoting on this line and the one before"
    if "\t" in what or "tab" in what:
        hint = "indent with spaces, not tabs"
    return Problem(display, line, f"YAML syntax error: {what}", hint)


def _build(
    node: yaml.Node, loc: Loc, out: Located, loader: SafeConstructor, problems: list[Problem]
) -> Any:
    out.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, loc, out, loader, problems)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*loc, i), out, loader, problems) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _build_mapping(
    node: yaml.MappingNode,
    loc: Loc,
    out: Located,
    loader: SafeConstructor,
    problems: list[Problem],
) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if not isinstance(key, str | int):
            problems.append(Problem(out.file, key_line, f"key {key!r} is not text", "quote it"))
            continue
        if key in result:
            first = out.lines[(*loc, key)]
            problems.append(
                Problem(
                    out.file,
                    key_line,
                    f"duplicate key '{key}' (first at line {first})",
                    "rename or remove one of them",
                )
            )
            continue
        out.lines[(*loc, key)] = key_line
        result[key] = _build(value_node, (*loc, key), out, loader, problems)
    return result
