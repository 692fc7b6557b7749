"""Button payloads: every kind packs to the wire format buttons already carry and unpacks
back; every button the bot can show fits Telegram's 64 bytes; anything else is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.knowledge import Knowledge
from bot.conversation.payloads import (
    MAX_BYTES,
    Back,
    ButtonPayload,
    ChangeAnswer,
    Compare,
    CompareWith,
    Confirm,
    Decline,
    OpenRole,
    QuizAnswer,
    ResultAction,
    Shortcut,
    ShowAnswer,
    ShowMore,
    Skip,
    ToggleTool,
    ToolsDone,
    WhyRole,
    show_answer,
    unpack,
)

EVERY_KIND: list[tuple[ButtonPayload, str, bool]] = [
    # payload, its wire form (as on buttons already shown), whether it stays in private chat
    (QuizAnswer(1, "skill_software_engineering", "3"), "1:a:1:skill_software_engineering:3", True),
    (Skip(1, "task_modeling"), "1:s:1:task_modeling", True),
    (Back(2, "code"), "1:b:2:code", True),
    (ToggleTool(1, "known_tools", "power_bi"), "1:t:1:known_tools:power_bi", True),
    (ToolsDone(1, "known_tools"), "1:d:1:known_tools", True),
    (ChangeAnswer(1, "deep_learning_interest"), "1:g:1:deep_learning_interest", True),
    (ResultAction("why"), "1:x:why", True),
    (ResultAction("refine"), "1:x:refine", True),
    (WhyRole("deep_learning_researcher"), "1:w:deep_learning_researcher", True),
    (Confirm("restart"), "1:y:restart", True),
    (Decline("forget"), "1:n:forget", True),
    (ShowAnswer("role.data_scientist.tools"), "1:f:role.data_scientist.tools", False),
    (Compare("data_engineer", "data_scientist"), "1:v:data_engineer:data_scientist", False),
    (ShowMore("faq.too_late"), "1:m:faq.too_late", False),
    (OpenRole("data_scientist"), "1:r:data_scientist", False),
    (CompareWith("mlops_engineer"), "1:c:mlops_engineer", False),
    (Shortcut("roles"), "1:l:roles", False),
    (Shortcut("quiz"), "1:l:quiz", True),
    (ResultAction("result"), "1:x:result", True),
]


@pytest.mark.parametrize(
    ("payload", "wire", "private"), EVERY_KIND, ids=[w for _, w, _ in EVERY_KIND]
)
def test_every_kind_packs_to_its_wire_form_and_back(
    payload: ButtonPayload, wire: str, private: bool
) -> None:
    assert payload.pack() == wire
    assert unpack(wire) == payload
    assert payload.belongs_to_private_quiz() is private


def test_every_declared_kind_is_in_the_table() -> None:
    declared = {type(payload) for payload, _, _ in EVERY_KIND}
    assert declared == set(_subclasses(ButtonPayload))


def test_every_answer_id_has_a_payload_that_fits_and_unpacks_back(kb: Knowledge) -> None:
    for answer_id in kb.answer_ids:
        packed = show_answer(answer_id).pack()
        assert len(packed.encode()) <= MAX_BYTES
        payload = unpack(packed)
        assert isinstance(payload, ShowAnswer | Compare)
        assert payload.answer_id == answer_id


@pytest.mark.parametrize(
    "payload",
    [
        ShowAnswer("x" * 61),  # a field longer than any id
        Compare("a" * 30, "b" * 30),  # each field fits, the whole does not
        ShowAnswer("Role.X"),  # outside the alphabet
        ShowAnswer("faq:salary"),  # the separator inside a field
        QuizAnswer(1, "task_modeling", ""),
        QuizAnswer(-1, "task_modeling", "4"),
    ],
)
def test_packing_a_payload_that_would_be_refused_fails_loudly(payload: ButtonPayload) -> None:
    with pytest.raises(ValueError, match="invalid payload"):
        payload.pack()


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "1",
        "hello",
        "2:a:1:task_modeling:4",  # another format version
        "1:a:1:task_modeling",  # a field missing
        "1:a:1:task_modeling:4:5",  # one too many
        "1:a:one:task_modeling:4",  # a version that is no number
        "1:zz:x",  # an unknown kind
        "1:f:Role.X",
        "1:f:" + "x" * 70,
        "1:f:faq salary",
        "1:f:",
        "1:f:faq.salary\n",
        "1:x:dance",  # not a result action
        "1:y:everything",  # nothing to confirm
        "1:l:start",  # not a shortcut
        "1:v:" + "a" * 30 + ":" + "b" * 30,  # over 64 bytes
    ],
)
def test_malformed_payloads_are_refused(raw: str) -> None:
    assert unpack(raw) is None


@given(st.text(max_size=100))
def test_random_text_never_crashes_the_unpacker(raw: str) -> None:
    payload = unpack(raw)
    assert payload is None or unpack(payload.pack()) == payload


def _subclasses(cls: type[ButtonPayload]) -> list[type[ButtonPayload]]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]
