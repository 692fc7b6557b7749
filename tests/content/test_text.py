"""Free text as the matchers read it: web addresses are not words."""

from __future__ import annotations

import pytest

from bot.content.text import without_links


@pytest.mark.parametrize(
    ("message", "read"),
    [
        ("what does an MLE do? https://example.com/x?y=1", "what does an MLE do?  "),
        ("is this course worth it https://example.org/course?", "is this course worth it  ?"),
        ("see [this post](https://reddit.com/r/x/) first", "see this post first"),
        ("(from www.kaggle.com/learn).", "(from  )."),
        ("HTTPS://EXAMPLE.COM/A", " "),
        # An address run into text without spaces ends where ASCII does.
        ("看过博文[https://segmentfault.com/a/119]，也看了", "看过博文[ ]，也看了"),
    ],
)
def test_web_addresses_are_taken_out_and_a_link_keeps_its_words(message: str, read: str) -> None:
    assert without_links(message) == read


@pytest.mark.parametrize(
    "message",
    ["what does an MLE do", "I like the www of it", "is http the protocol?", "[draft](notes)"],
)
def test_text_without_an_address_is_left_as_it_is(message: str) -> None:
    assert without_links(message) == message
