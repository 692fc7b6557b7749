"""What is taken out of an unanswered question before it is kept, and what is left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.knowledge import Knowledge
from bot.storage.scrub import scrub

SCRUBBED = [
    ("mail me at jane.doe+cv@example.co.uk", "mail me at [email]"),
    ("see https://linkedin.com/in/jane-doe?x=1", "see [url]"),
    ("my site www.jane.dev", "my site [url]"),
    ("my repo is github.com/janedoe", "my repo is [url]"),
    ("ping @jane_doe on telegram", "ping [handle] on telegram"),
    ("call me on +44 20 7946 0958", "call me on [phone]"),
    ("my number is (415) 555-0132", "my number is [phone]"),
    ("my passport 123456789", "my passport [number]"),
    ("card 4111 1111 1111 1111", "card [phone]"),
    ("I am 34, too old?", "I am [age], too old?"),
    ("i'm 52 is it too late", "i'm [age] is it too late"),
    ("a 45 year old career changer", "a [age] career changer"),
    ("im 25 y/o", "im [age]"),
    ("my name is Jane Doe and I like data", "my name is [name] and I like data"),
    ("call me Bob", "call me [name]"),
    # A name after "I'm" that opens the message or follows a greeting.
    (
        "Hi, I'm Sarah, a nurse. Can I get into data?",
        "Hi, I'm [name], a nurse. Can I get into data?",
    ),
    ("I'm Sarah and I want to learn ML", "I'm [name] and I want to learn ML"),
    ("hello I am Ivan Petrov from Russia, too late?", "hello I am [name] from Russia, too late?"),
    ("Hi there! I'm Ana. Is a PhD needed?", "Hi there! I'm [name]. Is a PhD needed?"),
    ("I work at Acme Corp, how do I move to ML?", "I work at [place], how do I move to ML?"),
    ("i work for google as analyst", "i work for [place] as analyst"),
    # A reviewer's: employers and schools after "with" and "in" (a field stays, below).
    ("I work with Deloitte as a consultant", "I work with [place] as a consultant"),
    ("interning with Amazon this summer", "interning with [place]"),
    ("I study in Moscow State University", "I study in [place]"),
    ("brazil 38 years, too late?", "brazil [age], too late?"),
    # A second reviewer's: workplaces that start with a digit.
    ("I work at 3M as an analyst", "I work at [place] as an analyst"),
    ("I work for 23andMe, can I move to ML?", "I work for [place], can I move to ML?"),
    # A tester's unanswered question, kept with the age in it.
    (
        "brazil, 38 years, career change to data science?",
        "brazil, [age], career change to data science?",
    ),
    ("38 yrs, from Brazil. how do i start?", "[age], from Brazil. how do i start?"),
    (
        "I'm a maths teacher at St Mary school, can I become a data scientist?",
        "I'm a maths teacher at [place], can I become a data scientist?",
    ),
]
LEFT_ALONE = [
    "do i need a phd",
    "is 2024 a good year to start",
    "do i need 5 years of experience",
    "salary of a data scientist in 2025?",
    "node.js or python for ml",
    "what is 80% accuracy",
    "i am a beginner",
    # A field is what the question is about, not a workplace (the tester's "AI" was [place]).
    "I work in AI and want to move to research",
    "i work with data every day",
    "I worked in healthcare for 10 years, is it too late?",
    "i have 10 years of experience",
    "python, 5 years, sql 3 years",  # counts of years under 15 read as experience
    "I worked for 10 years in data",
    # A second reviewer's: a tool or a field after "with" or "in" is the question's subject.
    "I work with Docker, which role fits me?",
    "I work with PyTorch and AWS",
    "I work with large language models, what role fits?",
    "I work in the IT department",
    "I study in the evenings",
    "I've been coding for 20 years.",
    "after 25 years, can I still switch?",
    # "I'm" before a field, a tool or a lower-case word is no introduction.
    "I'm a nurse, too late?",
    "I'm Python developer, which role fits?",
    "I am Data analyst, what next",
    "I'm AI engineer and want research",
    "so I'm Done, with the quiz",
]


@pytest.mark.parametrize(("text", "kept"), SCRUBBED)
def test_identifiers_become_placeholders(text: str, kept: str) -> None:
    assert scrub(text) == kept


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_a_question_without_identifiers_is_kept_as_it_is(text: str) -> None:
    assert scrub(text) == text


@pytest.mark.parametrize("unit", ["a", "1", "a.", "1.", "@", "a@", " 1", "a-", "my name is "])
def test_thousands_of_one_pattern_take_no_time_to_scrub(unit: str) -> None:
    # No timing assertion: a pattern that backtracked per position would make this test run
    # for minutes instead of milliseconds, which the suite's duration shows.
    assert len(scrub(unit * 4000)) > 0


@given(st.text(max_size=300))
def test_scrubbing_twice_changes_nothing_more(text: str) -> None:
    once = scrub(text)
    assert scrub(once) == once


def test_every_tool_in_the_knowledge_base_stays_after_with(kb: Knowledge) -> None:
    """The scrubber is pure, so its list of words that open no place repeats the first word
    of every tool's name: a tool added to the knowledge base must be added there too."""
    for tool in kb.tools.values():
        question = f"I work with {tool.name}, which role fits me?"
        assert scrub(question) == question, tool.name
