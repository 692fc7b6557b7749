"""One truth for job titles, and every title the bot shows is answered when typed back:
`/role` resolves each role name, alias and title to its one owner and never guesses a
wrong role; each answer's title, and each "did you mean" button label, typed back into the
chat gets that answer with confidence."""

from __future__ import annotations

import pytest

from bot.content.knowledge import Knowledge
from bot.content.knowledge_checks import title_places
from bot.matching.matcher import FaqMatcher
from bot.matching.roles import RoleFinder

VAGUE_QUESTIONS = ["salary?", "help", "ml", "data", "interview", "roles", "phd", "python"]
VAGUE_TITLES = ["mlops", "data enginer", "researcher", "engineer", "data", "ai", "nlp", "software"]


@pytest.fixture(scope="module")
def matcher(kb: Knowledge) -> FaqMatcher:
    return FaqMatcher(kb)


@pytest.fixture(scope="module")
def finder(kb: Knowledge, matcher: FaqMatcher) -> RoleFinder:
    return RoleFinder(matcher.analyzer, kb)


def test_every_name_alias_and_title_resolves_to_its_one_owner(
    kb: Knowledge, finder: RoleFinder
) -> None:
    wrong = {
        title: (owner, finder.lookup(title).found)
        for title, owner, _, _ in title_places(kb)
        if finder.lookup(title).found != owner
    }
    assert wrong == {}


@pytest.mark.parametrize(
    ("typed", "owner"),
    [
        ("data engineer", "faq.data_engineer_role"),
        ("  MLOps   Engineer ", "faq.mlops"),
        ("ai engineer", "faq.llm_engineer"),
        ("statistician", "faq.statistician_vs_data_scientist"),
        ("machine lerning engineer", "role.machine_learning_engineer"),
        ("mle", "role.machine_learning_engineer"),
    ],
)
def test_a_typed_title_finds_its_owner(finder: RoleFinder, typed: str, owner: str) -> None:
    assert finder.lookup(typed).found == owner


@pytest.mark.parametrize(
    "typed",
    ["mlops", "data enginer", "researcher", "data scientist manager", "engineer", "dentist"],
)
def test_an_unknown_title_never_opens_a_role(finder: RoleFinder, typed: str) -> None:
    lookup = finder.lookup(typed)
    assert lookup.found is None
    assert len(lookup.suggestions) <= 3


def test_every_answer_title_typed_back_gets_that_answer(matcher: FaqMatcher) -> None:
    book = matcher.book
    matches = {answer_id: matcher.match(book.title(answer_id)) for answer_id in book.ids()}
    wrong = {
        (answer_id, book.title(answer_id)): (m.outcome, m.id)
        for answer_id, m in matches.items()
        if (m.outcome, m.id) != ("answer", answer_id)
    }
    assert wrong == {}


def test_every_did_you_mean_label_typed_back_gets_that_entry(
    matcher: FaqMatcher, finder: RoleFinder
) -> None:
    shown = {s.id: s.title for q in VAGUE_QUESTIONS for s in matcher.match(q).suggestions}
    shown |= {
        answer_id: matcher.book.title(answer_id)
        for typed in VAGUE_TITLES
        for answer_id in finder.lookup(typed).suggestions
    }
    assert len(shown) >= 10
    wrong = {
        label: (answer_id, matcher.match(label).id)
        for answer_id, label in shown.items()
        if (matcher.match(label).outcome, matcher.match(label).id) != ("answer", answer_id)
    }
    assert wrong == {}


@pytest.mark.parametrize(
    ("typed", "roles"),
    [
        ("researcher", ("machine_learning_researcher", "deep_learning_researcher")),
        ("deep learning researcher", ("deep_learning_researcher",)),
        ("scientist", ("data_scientist",)),
        # Words that name a skill, a task or a tool say no kind of role: no pick.
        ("machine learning", ()),
        ("data", ()),
        ("software", ()),
        ("engineer at google", ()),  # a word no role name holds
    ],
)
def test_the_roles_a_name_fits_need_a_word_for_the_kind_of_role(
    finder: RoleFinder, typed: str, roles: tuple[str, ...]
) -> None:
    """For "why not researcher?" after a result: the roles to pick from."""
    assert finder.holding(typed) == roles
