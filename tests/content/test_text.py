"""Free text as the matchers read it: web addresses are not words, and "k-means" is one."""

from __future__ import annotations

import pytest

from bot.content.text import fold, without_links


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


@pytest.mark.parametrize(
    ("message", "read"),
    [
        ("what is k-means?", "what is kmeans"),
        ("K-NN vs t-SNE", "knn vs tsne"),
        # Longer parts stay apart: role abbreviations, ranges, ordinary compounds.
        ("se-dl or swe-ml", "se dl or swe ml"),
        ("rate it 1-4", "rate it 1 4"),
        ("a well-known course", "a well known course"),
        # R and C are languages: "r-language" is R's language (a reviewer's), not "rlanguage".
        ("should i learn r-language", "should i learn r language"),
        ("c-based code", "c based code"),
    ],
)
def test_a_lone_letter_hyphened_to_a_word_is_one_word_with_it(message: str, read: str) -> None:
    """A stray "k" beside "means" read "what is k-means" as a question about the quiz."""
    assert fold(message) == read
