"""The real-question set is what its note promises: real, sourced, labelled, split by a fixed
rule, and labelled only with answers the knowledge base has."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.agreement import agree, identical, load_second
from benchmarks.real_questions import (
    FOLDS,
    SECOND_COLLECTION,
    collection_of,
    fold_of,
    thread_of,
)
from bot.content.knowledge import Knowledge

SET = Path(__file__).parents[1] / "data" / "real_questions.yaml"
NOTE = SET.with_suffix(".md")
SCOPES = {"career", "offtopic", "other_language"}


@pytest.fixture(scope="module")
def questions() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(SET.read_text(encoding="utf-8"))["questions"]
    return loaded


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


def test_a_reddit_comment_belongs_to_its_thread_and_other_pages_to_themselves() -> None:
    thread = "https://www.reddit.com/r/datascience/comments/18m05co"
    assert thread_of(f"{thread}/qorvo_salary/") == thread
    assert thread_of(f"{thread}/qorvo_salary/kx1abc/") == thread
    forum = "https://datascience.stackexchange.com/questions/123/how-to-start"
    assert thread_of(forum) == forum


def test_the_train_folds_keep_a_thread_together_and_each_holds_questions(
    questions: list[dict[str, Any]],
) -> None:
    """benchmarks.hybrid_fit judges each fold by a model fitted without it: a thread split
    across folds would let the model see a question's own thread."""
    train = [q for q in questions if q["split"] == "train"]
    folds_of_thread: dict[str, set[int]] = {}
    for q in train:
        folds_of_thread.setdefault(thread_of(q["source"]), set()).add(fold_of(q))
    assert all(len(folds) == 1 for folds in folds_of_thread.values())
    assert Counter(fold_of(q) for q in train).keys() == set(range(FOLDS))


def test_labels_name_existing_answers_or_the_topic_nothing_answers(
    questions: list[dict[str, Any]], kb: Knowledge
) -> None:
    for q in questions:
        assert set(q["ids"]) <= kb.answer_ids, q["id"]
        if q["scope"] == "career" and not q["ids"]:
            assert q.get("topic"), q["id"]
        if q["scope"] == "offtopic":
            assert q["ids"] == [], q["id"]


def test_ids_run_in_order_so_the_second_collection_starts_where_the_note_says(
    questions: list[dict[str, Any]],
) -> None:
    """benchmarks.real_questions tells the collections apart by id: that holds only while
    ids are numbered in order, the second collection after the first."""
    assert [q["id"] for q in questions] == [f"rq{n:03d}" for n in range(1, len(questions) + 1)]
    last = f"rq{len(questions):03d}"
    assert f"rq001-rq{SECOND_COLLECTION - 1:03d}" in NOTE.read_text(encoding="utf-8")
    assert f"rq{SECOND_COLLECTION}-{last}" in NOTE.read_text(encoding="utf-8")


def test_the_two_collections_share_no_thread(questions: list[dict[str, Any]]) -> None:
    threads = {
        c: {thread_of(q["source"]) for q in questions if collection_of(q) == c}
        for c in ("1st", "2nd")
    }
    assert threads["1st"]
    assert threads["2nd"]
    assert not threads["1st"] & threads["2nd"]


def test_the_second_labelling_covers_its_sample_with_existing_answers(
    questions: list[dict[str, Any]], kb: Knowledge
) -> None:
    """Every twelfth message of the first collection and every sixth of the second
    (tests/data/second_labels.yaml)."""

    def sampled(q: dict[str, Any]) -> bool:
        number = int(q["id"].removeprefix("rq"))
        return number % (12 if collection_of(q) == "1st" else 6) == 0

    second = load_second()
    assert [s["id"] for s in second] == [q["id"] for q in questions if sampled(q)]
    for s in second:
        assert s["scope"] in SCOPES, s["id"]
        assert set(s["ids"]) <= kb.answer_ids, s["id"]


def career(*ids: str) -> dict[str, Any]:
    return {"scope": "career", "ids": list(ids)}


OFFTOPIC: dict[str, Any] = {"scope": "offtopic", "ids": []}


@pytest.mark.parametrize(
    ("first", "second", "agreeing", "same"),
    [
        (career("a", "b"), career("b"), True, False),  # one answer would satisfy both
        (career("a"), career("c"), False, False),
        (OFFTOPIC, career(), True, False),  # neither wants an answer
        (OFFTOPIC, career("a"), False, False),
        (career("a", "b"), career("b", "a"), True, True),  # order aside, the same
    ],
)
def test_two_labels_agree_when_the_bot_could_satisfy_both(
    first: dict[str, Any], second: dict[str, Any], agreeing: bool, same: bool
) -> None:
    assert agree(first, second) is agreeing
    assert identical(first, second) is same
