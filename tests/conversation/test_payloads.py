"""Button payloads: every button the bot can show fits Telegram's 64 bytes and parses back;
anything else is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.knowledge import Knowledge
from bot.conversation.payloads import MAX_BYTES, answer_id_of, answer_payload, make, parse


def test_every_answer_id_has_a_payload_that_fits_and_parses_back(kb: Knowledge) -> None:
    for answer_id in kb.answer_ids:
        payload = answer_payload(answer_id)
        assert len(payload.encode()) <= MAX_BYTES
        parsed = parse(payload)
        assert parsed is not None
        assert answer_id_of(parsed) == answer_id


def test_quiz_payloads_carry_version_step_and_value() -> None:
    parsed = parse(make("a", 1, "skill_software_engineering", 3))
    assert parsed is not None
    assert (parsed.kind, parsed.args) == ("a", ("1", "skill_software_engineering", "3"))


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "1",
        "2:a:1:task_modeling:4",
        "1:a:1:task_modeling",
        "1:zz:x",
        "1:f:Role.X",
        "1:f:" + "x" * 70,
        "1:a:1:task_modeling:4:5",
        "1:f:faq salary",
        "1:f:",
    ],
)
def test_malformed_payloads_are_refused(raw: str) -> None:
    assert parse(raw) is None


def test_making_a_payload_the_parser_would_refuse_fails_loudly() -> None:
    with pytest.raises(ValueError, match="invalid payload"):
        make("f", "x" * 70)


@given(st.text(max_size=100))
def test_random_text_never_crashes_the_parser(raw: str) -> None:
    parsed = parse(raw)
    assert parsed is None or len(raw.encode()) <= MAX_BYTES
