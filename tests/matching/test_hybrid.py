"""The hybrid decision: the lexical and embedding signals weighed by one logistic model fitted
on the train split, so a confident answer means the same thing whichever signal carried it
(issue 14: lexical scores of 58 answered while 89 went unanswered)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content.knowledge import Knowledge
from bot.matching import hybrid as hybrid_module
from bot.matching.embedder import MiniLmEmbedder, encode_message
from bot.matching.gist import gist
from bot.matching.head import blend
from bot.matching.hybrid import HybridMatcher, candidates, is_short, probability
from bot.matching.hybrid_weights import ANSWER, FEATURES, SUGGEST, WEIGHTS
from bot.matching.matcher import FaqMatcher
from bot.matching.semantic import WORD_SHARE, EmbeddingMatcher
from bot.matching.sentences import parts
from bot.matching.words import bag

REAL = Path(__file__).parents[1] / "data" / "real_questions.yaml"
INTERNAL = "faq.internal_move"  # moving into AI at the company one works for


@pytest.fixture(scope="module")
def hybrid(lexical: FaqMatcher, semantic: EmbeddingMatcher) -> HybridMatcher:
    return HybridMatcher(lexical, semantic)


@pytest.fixture(scope="module")
def train() -> list[dict[str, Any]]:
    questions: list[dict[str, Any]] = yaml.safe_load(REAL.read_text(encoding="utf-8"))["questions"]
    return [q for q in questions if q["split"] == "train"]


def test_a_paraphrase_the_words_miss_is_answered(
    hybrid: HybridMatcher, lexical: FaqMatcher
) -> None:
    question = "would moving to another country be a smart move for my career in data"
    assert lexical.match(question).id is None
    assert hybrid.match(question).id == "faq.working_abroad"


def test_a_question_about_the_computer_to_learn_on_offers_that_answer_first(
    hybrid: HybridMatcher,
) -> None:
    match = hybrid.match("will my old laptop be good enough to study machine learning")
    assert match.suggestions[0].id == "faq.computer_needed"


def test_a_short_paraphrase_the_words_miss_is_offered_first(
    hybrid: HybridMatcher, lexical: FaqMatcher
) -> None:
    question = "should I move to another country for work"
    assert lexical.match(question).id is None
    match = hybrid.match(question)
    assert (match.outcome, match.suggestions[0].id) == ("did_you_mean", "faq.working_abroad")


def test_a_short_message_the_words_do_not_answer_is_never_asserted(
    lexical: FaqMatcher, semantic: EmbeddingMatcher
) -> None:
    """The logistic model learnt from long forum posts: on its own it answers this; on short
    messages the lexical matcher's calibrated thresholds decide whether to answer
    (hybrid.SHORT_WORDS), and the model's answer is offered instead."""
    question = "idk which ai career to choose"
    assert HybridMatcher(lexical, semantic, short_words=0).match(question).outcome == "answer"
    assert lexical.match(question).outcome != "answer"
    assert HybridMatcher(lexical, semantic).match(question).outcome == "did_you_mean"


@pytest.mark.parametrize(
    "question",
    [
        "investment portfolio for beginners",
        "portfolio for graphic design",
        "network engineer salary",
        "jupyter kernel died",
        "is 60 too old to learn piano",
        "kubernetes pod crashloopbackoff",
    ],
)
def test_a_topic_word_in_a_short_message_off_our_topics_is_never_asserted(
    hybrid: HybridMatcher, lexical: FaqMatcher, semantic: EmbeddingMatcher, question: str
) -> None:
    """Why the model does not answer short messages when all but sure (hybrid.py's docstring,
    measured and not kept): it is sure of these, a reviewer's, at 0.97 or more on the machine
    that measured it. Asked here at 0.95: onnxruntime's int8 kernels round differently on
    another CPU, and "jupyter kernel died" read 0.969 on one."""
    all_but_sure = HybridMatcher(lexical, semantic, short_answer=0.95).match(question)
    assert all_but_sure.outcome == "answer"
    assert hybrid.match(question).outcome != "answer"


def test_a_short_message_mostly_unknown_gets_neither_answer_nor_list(
    lexical: FaqMatcher, semantic: EmbeddingMatcher
) -> None:
    """The model alone answers the greeting ("hello" is the one known word); short, the
    message is the words' to answer, and two thirds of them are unknown: not answered, and
    no list."""
    question = "translate hello to spanish"
    rule_off = HybridMatcher(lexical, semantic, short_words=0).match(question)
    assert (rule_off.outcome, rule_off.id) == ("answer", "faq.greeting")
    match = HybridMatcher(lexical, semantic).match(question)
    assert (match.outcome, match.suggestions) == ("not_answered", ())


@pytest.mark.parametrize(
    ("question", "answer_id"),
    [
        ("wat is a data scientst exactly", "role.data_scientist"),
        ("da job description pls", "role.data_analyst"),
    ],
)
def test_a_short_message_the_words_answer_keeps_their_answer(
    lexical: FaqMatcher, semantic: EmbeddingMatcher, question: str, answer_id: str
) -> None:
    """Typos and abbreviations the analyzer reads ("scientst", "da") look like noise to the
    model, which alone would leave these unanswered."""
    found = candidates(lexical, semantic, question)
    assert max(probability(c.features) for c in found) < ANSWER
    assert HybridMatcher(lexical, semantic).match(question).id == answer_id


@pytest.mark.parametrize(
    ("question", "words_answer", "model_first"),
    [
        # Typed by a tester: the Python card, for a question about age.
        ("am i too old to learn python", "tool.python", "faq.too_late"),
        # Paraphrases of such questions.
        ("im 50 can i still learn sql", "tool.sql", "faq.too_late"),
        ("is math needed for machine learning", "skill.mathematics", "faq.math_required"),
    ],
)
def test_the_model_sure_of_another_entry_overrules_the_words_on_a_short_message(
    hybrid: HybridMatcher, question: str, words_answer: str, model_first: str
) -> None:
    """A named tool or skill weighs the most among the words, so the words answered with its
    card; the model, more sure than not of another entry, decides instead (OVERRULE)."""
    lexical, semantic = hybrid.lexical, hybrid.semantic
    assert is_short(question)
    assert lexical.match(question).id == words_answer
    never = HybridMatcher(lexical, semantic, overrule=False)
    assert never.match(question).id == words_answer
    best_p, best = max(
        (probability(c.features), c.answer_id) for c in candidates(lexical, semantic, question)
    )
    assert (best, best_p >= hybrid_module.OVERRULE) == (model_first, True)
    match = hybrid.match(question)
    assert (match.id or match.suggestions[0].id) == model_first


@pytest.mark.parametrize(
    ("question", "answer_id"),
    [
        ("what does an mle do", "role.machine_learning_engineer"),
        ("do i need a phd", "faq.phd_required"),
        # Testers' (an accountant in Cairo, a student in Manila): a phrasing of the FAQ's,
        # which tied with the skill card's "what is {skill}" and got "did you mean".
        ("what is deep learning", "faq.deep_learning_vs_ml"),
    ],
)
def test_short_questions_that_name_things_keep_their_answer(
    hybrid: HybridMatcher, question: str, answer_id: str
) -> None:
    assert hybrid.match(question).id == answer_id


@pytest.mark.parametrize(
    ("question", "answer_id"),
    [
        # Typed by a tester in the terminal: each got another entry's answer or a list.
        ("can i learn this part time while working a 9-5", "faq.time_to_learn"),
        ("can i work remote as an ml engineer", "faq.freelance_remote"),
        ("im 45 am i too old for this", "faq.too_late"),
        ("whats a good first project for someone who knows nothing", "faq.portfolio"),
        # Paraphrases of theirs, not of the phrasings added for them.
        ("must i answer every quiz question", "faq.how_quiz_works"),
        ("is it possible to study ml while holding a full time job", "faq.time_to_learn"),
        ("do data analysts get to work from home", "faq.freelance_remote"),
        ("beginner project ideas for data science", "faq.portfolio"),
        # Typed by a tester: nothing answered it.
        ("tell me about yourself", "faq.who_are_you"),
        # Typed by a tester taking the quiz: the research engineer's card, and nothing.
        ("do I need a phd for research roles", "faq.phd_required"),
        ("whats the job market like rn", "faq.job_market"),
        # Paraphrases of theirs.
        ("is a phd needed for ai research jobs", "faq.phd_required"),
        ("how is the market for data jobs these days", "faq.job_market"),
        # A tester's master's question got the PhD answer, and "not bad" an apology.
        ("do i need a masters degree to get hired as ML engineer", "faq.choose_degree"),
        ("not bad", "faq.thanks"),
        # A marketing manager's got the answer for software engineers; and a paraphrase.
        ("Sorry, more simple: how can I move into AI inside my current company?", INTERNAL),
        ("how do i join the ai projects at the company where i work", INTERNAL),
        # A biologist's (nothing answered) and a paraphrase.
        ("is bioinformatics an AI role?", "faq.bioinformatics"),
        ("how is computational biology different from data science", "faq.bioinformatics"),
        # A teacher's on a 4 GB laptop (nothing answered) and a paraphrase.
        ("is 4GB RAM laptop enough for machine learning?", "faq.computer_needed"),
        ("which pc specs do i need for deep learning", "faq.computer_needed"),
        # An accountant's (Tableau vs Power BI), a product manager's (switching careers),
        # and paraphrases of testers' on jobs and AI.
        ("is Power BI enough or I must learn python?", "faq.learn_programming"),
        ("How do I explain AI to non-technical people?", "skill.communication"),
        ("is AI going to replace data jobs completely", "faq.job_market"),
        ("what kind of jobs exist in AI", "faq.list_roles"),
        # A nurse's was only offered it: the answer says never to use patients' data.
        ("Can I use data from my hospital for a portfolio project?", "faq.portfolio"),
        # A mechanical engineer's got the MATLAB card (only "machine learning researcher").
        ("is matlab useful or i should switch to python?", "faq.python_vs_r"),
        ("matlab vs python", "faq.python_vs_r"),
        # A teacher in Lagos (the age answer; the "which role suits me" answer), a backend
        # developer in Bangalore (nothing, three times), and paraphrases of theirs.
        ("i want to teach data science, is that a job", "faq.teaching_ai"),
        ("abeg where i fit learn free", "faq.courses"),
        ("where can i get free datasets for practice", "faq.courses"),
        ("RAG and vector db - which role does that", "faq.llm_app_stack"),
        ("how does retrieval augmented generation work", "faq.llm_app_stack"),
        ("hw much sal for mlops in india?", "faq.salary"),  # "hw much", "sal": how much, salary
        ("mlops salary in india", "faq.salary"),
        ("abeg how many question remain", "faq.questions_left"),  # the teacher's, mid-quiz
    ],
)
def test_everyday_questions_about_learning_and_working_get_their_entry(
    hybrid: HybridMatcher, question: str, answer_id: str
) -> None:
    match = hybrid.match(question)
    assert (match.outcome, match.id) == ("answer", answer_id)


@pytest.mark.parametrize(
    ("question", "never"),
    [
        # Chat shorthand read only where it cannot mean something else (a reviewer's got
        # the salary answer, the skill card, and "which role suits me" no more).
        ("what is ctc loss", "faq.salary"),
        ("what hw do i need for deep learning", "skill.deep_learning"),
        ("make we talk about data science", "faq.job_market"),
    ],
)
def test_shorthand_keeps_its_other_meanings(
    hybrid: HybridMatcher, question: str, never: str
) -> None:
    assert hybrid.match(question).id != never


def test_where_i_fit_in_is_english(hybrid: HybridMatcher) -> None:
    """Pidgin's "i fit" is "i can"; "where i fit in" is which role suits me (a reviewer's
    lost their answer to a rule that read it as Pidgin)."""
    assert hybrid.match("tell me where i fit").id == "faq.which_role_for_me"


def test_someone_worn_down_by_the_job_search_is_pointed_to_people_who_can_help(
    hybrid: HybridMatcher, lexical: FaqMatcher
) -> None:
    """A tester's message: it got job-search tips only, with no word about sleep or mood."""
    message = "I feel really depressed about my job search, nothing works and I can't sleep"
    match = hybrid.match(message)
    assert (match.outcome, match.id) == ("answer", "faq.job_search_setbacks")
    assert "someone you trust or a doctor" in lexical.book.text("faq.job_search_setbacks")


@pytest.mark.parametrize(
    "question", ["what is the capital of france", "give me a recipe for banana bread", "?!", ""]
)
def test_off_topic_and_empty_text_get_no_answer(hybrid: HybridMatcher, question: str) -> None:
    assert hybrid.match(question).id is None


# Written for these tests (not from the real-question set): a story, then the question.
STORIES = [
    (
        "I work in marketing and I've been learning Python at night for a year. My manager "
        "says my dashboards are great. How do I prepare for a technical interview?",
        "faq.interview_prep",
    ),
    (
        "I am a data analyst at a bank, three years now. I know SQL and Tableau pretty well. "
        "Should I learn PyTorch or TensorFlow first?",
        "faq.pytorch_vs_tensorflow",
    ),
]


@pytest.mark.parametrize(("message", "answer_id"), STORIES)
def test_the_question_in_a_story_is_answered(
    hybrid: HybridMatcher, message: str, answer_id: str
) -> None:
    assert hybrid.match(message).id == answer_id


def test_context_words_inform_without_hijacking(hybrid: HybridMatcher, lexical: FaqMatcher) -> None:
    """Words alone take the analyst's tools from the context ("data analyst", "SQL",
    "Tableau"); the hybrid answers the question the story ends with."""
    message, answer_id = STORIES[1]
    assert lexical.match(message).id == "role.data_analyst.tools"
    assert hybrid.match(message).id == answer_id


@pytest.mark.parametrize(
    "question",
    [
        "what is the capital of france",
        "give me a recipe for banana bread",
        # Found by a person in the terminal (issue 14 point 3): "Other data jobs" for the one
        # known word "database" (asked of a vector database then, which has its answer now),
        # the greeting for "hi", the software engineer's card for a message that names a
        # role. Half or more of what each is about is unknown to us.
        "What is a graph database",
        "hi, doctor or lawyer?",
        "tell me a joke about programmers",
    ],
)
def test_did_you_mean_never_offers_an_unrelated_entry(hybrid: HybridMatcher, question: str) -> None:
    match = hybrid.match(question)
    assert (match.outcome, match.suggestions) == ("not_answered", ())


def test_an_entry_about_the_bot_is_offered_only_to_a_message_in_its_words(
    hybrid: HybridMatcher, kb: Knowledge
) -> None:
    """The model ranks "Who are you? Are you a bot?" first for this message, above the
    floor: one of its words ("how") is the bot's entries' own, the rest is what it asks
    about. It is not offered."""
    about_the_bot = {f"faq.{slug}" for slug, entry in kb.faq.items() if entry.take == "bot"}
    message = "how does chatgpt work"
    found = candidates(hybrid.lexical, hybrid.semantic, message)
    best_p, best = max((probability(c.features), c.answer_id) for c in found)
    assert best in about_the_bot
    assert best_p >= SUGGEST
    offered = {s.id for s in hybrid.match(message).suggestions}
    assert not offered & about_the_bot


# Words the knowledge base uses (names, questions, small talk) and words it does not.
_WORDS = (
    "what does a data scientist ml engineer salary phd tools skills how do i become hi hello "
    "thanks who are you quiz joke vector database doctor lawyer weather pizza the and or ?"
).split()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12))
def test_a_did_you_mean_list_is_ordered_and_above_the_floor(words: list[str]) -> None:
    match = _HYBRID.match(" ".join(words))
    scores = [s.score for s in match.suggestions]
    if match.outcome == "not_answered":
        assert scores == []
    if match.outcome == "did_you_mean":  # the model's probabilities, in percent
        assert 1 <= len(scores) <= 3
        assert scores == sorted(scores, reverse=True)
        assert min(scores) >= round(100 * SUGGEST, 1)
        assert len({s.id for s in match.suggestions}) == len(scores)


_HYBRID: HybridMatcher


@pytest.fixture(autouse=True, scope="module")
def _shared_hybrid(hybrid: HybridMatcher) -> None:
    """Hypothesis tests cannot take function-scoped fixtures; share the module's matcher."""
    global _HYBRID  # noqa: PLW0603
    _HYBRID = hybrid


def test_one_threshold_means_the_same_for_every_signal(
    hybrid: HybridMatcher, train: list[dict[str, Any]]
) -> None:
    """On the train split the fit was made on: confident answers to questions nothing
    answers stay at 5% or fewer, and so do confident wrong answers to covered ones."""
    nothing = [q for q in train if not q["ids"] and q["scope"] in {"career", "offtopic"}]
    covered = [q for q in train if q["ids"] and q["scope"] == "career"]
    answered_nothing = [q["id"] for q in nothing if hybrid.match(q["q"]).id is not None]
    wrong = [q["id"] for q in covered if hybrid.match(q["q"]).id not in {None, *q["ids"]}]
    assert len(answered_nothing) <= 0.05 * len(nothing), answered_nothing
    assert len(wrong) <= 0.05 * len(covered), wrong


def test_most_off_topic_messages_get_no_list_at_all(
    hybrid: HybridMatcher, train: list[dict[str, Any]]
) -> None:
    """The suggestion floor is where half the train messages nothing answers stop getting a
    list; off-topic ones (debugging, chit-chat, other careers) are the clearest of those."""
    off_topic = [q for q in train if q["scope"] == "offtopic"]
    listed = [q["id"] for q in off_topic if hybrid.match(q["q"]).suggestions]
    assert len(listed) <= 0.5 * len(off_topic), listed


def test_punctuation_is_not_a_word_when_counting_a_message_s_length(
    hybrid: HybridMatcher,
) -> None:
    """A dash made this nine "words", so the model's list replaced the words' answer."""
    question = "DS vs MLE - which one has more coding?"
    assert is_short(question)
    assert not is_short("one two three four five six seven eight nine")
    assert hybrid.match(question).id == "compare.data_scientist.machine_learning_engineer"


AGREED = "how do I prepare for a machine learning interview at a big tech company next month"
DISAGREED = "im a stats grad and want to get a job as a data scientst what steps should i take"


def test_a_long_message_both_signals_answer_alike_is_answered_below_the_threshold(
    hybrid: HybridMatcher, lexical: FaqMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Agreement of two readings that err differently is evidence of its own: it holds
    faq_eval's top-1 where the words alone were right and the model not sure enough."""
    monkeypatch.setattr(hybrid_module, "ANSWER", 1.01)  # no probability reaches it
    assert not is_short(AGREED)
    assert lexical.match(AGREED).id == "faq.interview_prep"
    assert hybrid.match(AGREED).id == "faq.interview_prep"
    without = HybridMatcher(lexical, hybrid.semantic, agreement=False)
    assert without.match(AGREED).id is None  # it was the agreement that answered


def test_a_long_message_the_signals_read_differently_is_left_to_the_model(
    hybrid: HybridMatcher, lexical: FaqMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hybrid_module, "ANSWER", 1.01)
    assert lexical.match(DISAGREED).id == "role.data_scientist.path"
    match = hybrid.match(DISAGREED)
    assert match.id is None
    assert match.suggestions[0].id != "role.data_scientist.path"


def test_the_answer_heads_best_five_are_candidates_with_their_blended_probabilities(
    lexical: FaqMatcher, semantic: EmbeddingMatcher, embedder: MiniLmEmbedder
) -> None:
    """The sentence head's and the word head's probabilities, blended (semantic.WORD_SHARE)."""
    message, _ = STORIES[0]
    found = {c.answer_id: c.features for c in candidates(lexical, semantic, message)}
    sentences = semantic.head.probabilities(embedder.encode([message]))
    words = semantic.word_head.probabilities(semantic.vocabulary.rows([bag(message)]))
    head, none = blend(sentences, words, WORD_SHARE)
    column = dict(zip(semantic.answer_ids, head[0].tolist(), strict=True))
    best = sorted(column, key=lambda a: -column[a])[:5]
    assert set(best) <= set(found)
    for answer_id in best:
        assert found[answer_id][FEATURES.index("head")] == pytest.approx(
            column[answer_id], abs=1e-4
        )
        assert found[answer_id][FEATURES.index("head_none")] == pytest.approx(none[0], abs=1e-4)


def test_the_head_tells_a_debugging_question_from_a_career_one(
    lexical: FaqMatcher, semantic: EmbeddingMatcher
) -> None:
    """The head's class for messages none of our answers answers, learnt from off-topic
    forum posts: a stack trace question is that class; a career question is not."""

    def none_of_ours(message: str) -> float:
        return candidates(lexical, semantic, message)[0].features[FEATURES.index("head_none")]

    debugging = (
        "I keep getting RuntimeError: CUDA error: out of memory when I train my model, how"
        " do I fix it?"
    )
    career = (
        "I'm 34 with a biology PhD and thinking about moving into data science, is it too late?"
    )
    assert none_of_ours(debugging) > 0.5 > none_of_ours(career)


def test_a_candidate_is_described_by_both_signals(
    lexical: FaqMatcher, semantic: EmbeddingMatcher
) -> None:
    found = {c.answer_id: c for c in candidates(lexical, semantic, "what does an mle do")}
    assert "role.machine_learning_engineer" in found
    features = found["role.machine_learning_engineer"].features
    assert len(features) == len(FEATURES) == len(WEIGHTS) - 1
    assert features[FEATURES.index("name")] == 1.0
    assert probability(features) >= ANSWER


def test_each_signals_best_five_answers_are_all_candidates(
    lexical: FaqMatcher, semantic: EmbeddingMatcher
) -> None:
    """The decision can only pick among the candidates, so an answer one signal ranks fifth
    is still weighed (a story's question is often not either signal's first)."""
    message, _ = STORIES[0]
    found = {c.answer_id for c in candidates(lexical, semantic, message)}
    lexical_scores = lexical.scores(message)[1]
    cosines = semantic.scores(message)
    for scores in (lexical_scores, cosines):
        best = sorted(scores, key=lambda a: (-scores[a], a))[:5]
        assert set(best) <= found


def test_an_answers_gist_is_weighed_as_its_own_evidence(
    lexical: FaqMatcher, semantic: EmbeddingMatcher, embedder: MiniLmEmbedder
) -> None:
    """The `gist` feature: the best cosine of the message or one of its parts with the
    answer's title and opening (a story may read like an answer more than like a question)."""
    message, answer_id = STORIES[1]
    found = {c.answer_id: c.features for c in candidates(lexical, semantic, message)}
    read = encode_message(embedder, message, [part.text for part in parts(message)])
    target = embedder.encode([gist(semantic.book, answer_id)])[0]
    expected = max(float(row @ target) for row in read)
    assert found[answer_id][FEATURES.index("gist")] == pytest.approx(expected, abs=1e-5)


def test_the_lexical_reading_is_its_decision_and_the_scores_behind_it(
    lexical: FaqMatcher,
) -> None:
    question = "what does a data engineer do"
    match, scores = lexical.read(question)
    assert match == lexical.match(question)
    assert scores == lexical.scores(question)[1]
    assert match.id == max(scores, key=lambda a: scores[a])


def test_a_message_s_words_are_scored_once(
    lexical: FaqMatcher, semantic: EmbeddingMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hybrid weighs the lexical scores its own first look computed (one sentence, long
    enough to be weighed: no parts to score apart)."""
    scored: list[object] = []
    score = lexical._score

    def counting(analysis: Any) -> dict[str, float]:
        scored.append(analysis)
        return score(analysis)

    monkeypatch.setattr(lexical, "_score", counting)
    message = "i would like to know whether moving abroad could help my career in data"
    assert parts(message) == []
    HybridMatcher(lexical, semantic).match(message)
    assert len(scored) == 1
    assert candidates(lexical, semantic, message, lexical.read(message)[1]) == candidates(
        lexical, semantic, message
    )


def test_a_web_address_in_a_message_is_read_by_neither_signal(hybrid: HybridMatcher) -> None:
    """A short question with an address after it is still short and still the words' to
    answer; the address once made it a mostly unknown message, with no answer and no list."""
    question = "what does an MLE do? https://example.com/careers/ml-engineer?ref=forum"
    match = hybrid.match(question)
    assert (match.outcome, match.id) == ("answer", "role.machine_learning_engineer")


def test_a_link_in_a_long_message_weighs_as_its_words_alone(
    lexical: FaqMatcher, semantic: EmbeddingMatcher
) -> None:
    linked = (
        "I read [this guide](https://example.com/guide?id=3) and https://www.example.org/x. "
        "Should I learn statistics before machine learning?"
    )
    plain = "I read this guide and  . Should I learn statistics before machine learning?"
    assert candidates(lexical, semantic, linked) == candidates(lexical, semantic, plain)
