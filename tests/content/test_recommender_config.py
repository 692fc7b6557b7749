"""knowledge/recommender.yaml: the shipped file is valid, every template fills, and a broken
file is reported with the file, the line and what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.recommender_config import (
    PLACEHOLDERS,
    RecommenderConfig,
    Texts,
    load_recommender_config,
)
from bot.problems import DataError


@pytest.fixture(scope="module")
def config() -> RecommenderConfig:
    return load_recommender_config()


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def _edit(root: Path, old: str, new: str) -> Path:
    path = root / "knowledge" / "recommender.yaml"
    content = path.read_text(encoding="utf-8")
    assert content.count(old) == 1, old
    path.write_text(content.replace(old, new), encoding="utf-8")
    return path


def _problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_recommender_config(root)
    return [str(p) for p in caught.value.problems]


class TestRecommenderConfig:
    def test_the_shipped_file_is_valid(self, config: RecommenderConfig) -> None:
        assert config.version == 1

    def test_every_template_fills_with_its_own_placeholders(
        self, config: RecommenderConfig
    ) -> None:
        for section_name in Texts.model_fields:
            section = getattr(config.texts, section_name)
            for key in type(section).model_fields:
                names = PLACEHOLDERS.get(section_name, {}).get(key, frozenset())
                template = str(getattr(section, key))
                template.format(**dict.fromkeys(names, "x"))  # raises on any other placeholder

    def test_the_placeholder_table_names_only_real_templates(self) -> None:
        for section_name, keys in PLACEHOLDERS.items():
            section = Texts.model_fields[section_name].annotation
            assert section is not None
            assert set(keys) <= set(section.model_fields), section_name

    def test_a_wrong_value_is_reported_with_file_and_line(self, kb_copy: Path) -> None:
        path = _edit(kb_copy, "  task: 3\n", "  task: -1\n")
        line = _line_of(path, "task: -1")
        assert _problems(kb_copy) == [
            f"knowledge/recommender.yaml:{line}: weights.task: -1 is out of range "
            "(use a number of at least 0.1)"
        ]

    def test_a_mistyped_key_gets_a_suggestion_and_the_missing_one_is_named(
        self, kb_copy: Path
    ) -> None:
        path = _edit(kb_copy, "  skill: 1\n", "  skil: 1\n")
        weights, typo = _line_of(path, "weights:"), _line_of(path, "skil: 1")
        assert _problems(kb_copy) == [
            f"knowledge/recommender.yaml:{weights}: weights.skill: missing key 'skill' "
            "(add it; every entry needs it)",
            f"knowledge/recommender.yaml:{typo}: weights.skil: unknown key 'skil' "
            "(did you mean 'skill'?)",
        ]

    def test_an_unknown_placeholder_is_reported(self, kb_copy: Path) -> None:
        old = "task_done: You {feel} {task}, which this role does every day."
        path = _edit(kb_copy, old, old.replace("{task}", "{job}"))
        line = _line_of(path, "{job}")
        (problem,) = _problems(kb_copy)
        assert problem.startswith(
            f"knowledge/recommender.yaml:{line}: texts.reasons.task_done has an unknown"
        )
        assert "{feel}, {task}" in problem

    def test_margins_in_the_wrong_order_are_reported(self, kb_copy: Path) -> None:
        path = _edit(kb_copy, "  high_margin: 6\n", "  high_margin: 1\n")
        line = _line_of(path, "high_margin: 1")
        (problem,) = _problems(kb_copy)
        assert problem.startswith(f"knowledge/recommender.yaml:{line}: high_margin 1 is below")

    def test_a_missing_file_is_reported(self, kb_copy: Path) -> None:
        (kb_copy / "knowledge" / "recommender.yaml").unlink()
        assert _problems(kb_copy) == ["knowledge/recommender.yaml:1: file is missing (create it)"]
