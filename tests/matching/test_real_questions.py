"""The real-question set is what its note promises: real, sourced, labelled, split by a fixed
rule, and labelled only with answers the knowledge base has."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.knowledge import Knowledge

SET = Path(__file__).parents[1] / "data" / "real_questions.yaml"
SCOPES = {"career", "offtopic", "other_language"}


@pytest.fixture(scope="module")
def questions() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(SET.read_text(encoding="utf-8"))["questions"]
    return loaded


def thread_of(source: str) -> str:
    """Comments of one Reddit thread share their thread's split, so no thread leaks across."""
    found = re.match(r"(.*?/comments/[a-z0-9]+)", source)
    return found.group(1) if found else source


def split_of(source: str) -> str:
    digest = int(hashlib.sha256(thread_of(source).encode()).hexdigest()[:8], 16)
    return "test" if digest % 5 < 2 else "train"


def test_the_set_is_big_enough_with_real_off_topic_messages(
    questions: list[dict[str, Any]],
) -> None:
    scopes = Counter(q["scope"] for q in questions)
    assert len(questions) >= 400
    assert scopes["offtopic"] >= 60
    assert set(scopes) <= SCOPES


def test_every_question_keeps_its_source_and_a_unique_id(questions: list[dict[str, Any]]) -> None:
    assert all(q["source"].startswith(("https://", "http://")) for q in questions)
    assert len({q["id"] for q in questions}) == len(questions)
    assert all(q["q"].strip() for q in questions)


def test_the_split_follows_the_fixed_rule(questions: list[dict[str, Any]]) -> None:
    assert [q["split"] for q in questions] == [split_of(q["source"]) for q in questions]


def test_labels_name_existing_answers_or_the_topic_nothing_answers(
    questions: list[dict[str, Any]], kb: Knowledge
) -> None:
    for q in questions:
        assert set(q["ids"]) <= kb.answer_ids, q["id"]
        if q["scope"] == "career" and not q["ids"]:
            assert q.get("topic"), q["id"]
        if q["scope"] == "offtopic":
            assert q["ids"] == [], q["id"]
