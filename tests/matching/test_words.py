"""The word head's reading (bot/matching/words.py): a message as its stems, weighed by
tf-idf over the words the lessons share, in sparse rows whose products equal the dense
ones; and the blend of the two heads' probabilities (head.blend)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.matching import words as words_module
from bot.matching.embedder import Vectors
from bot.matching.head import Lessons, blend, objective
from bot.matching.head import Training as HeadTraining
from bot.matching.words import SparseRows, Vocabulary, bag, words


def sparse(dense: Vectors) -> SparseRows:
    rows, columns = np.nonzero(dense)
    indptr = np.searchsorted(rows, np.arange(dense.shape[0] + 1))
    return SparseRows(
        indptr.astype(np.int64),
        columns.astype(np.int64),
        dense[rows, columns].astype(np.float32),
        dense.shape[1],
    )


def random_sparse(seed: int, shape: tuple[int, int], filled: float) -> Vectors:
    """A matrix with empty rows, empty columns and rows of many lengths."""
    rng = np.random.default_rng(seed)
    values = rng.normal(size=shape).astype(np.float32)
    values[rng.random(shape) > filled] = 0.0
    values[0] = 0.0  # an empty row
    values[:, -1] = 0.0  # an empty column
    return values


def test_words_are_stems_without_the_commonest_words_or_links() -> None:
    assert words("How do I become a Data Engineer? https://example.com/jobs") == (
        "become",
        "data",
        "engineer",
    )


def test_a_bag_is_the_stems_sorted_with_their_repeats() -> None:
    assert bag("python and SQL, then python again") == ("again", "python", "python", "sql")


@given(
    seed=st.integers(0, 2**16),
    rows=st.integers(1, 40),
    width=st.integers(2, 30),
    filled=st.floats(0.0, 1.0),
)
def test_the_sparse_products_equal_the_dense_ones(
    seed: int, rows: int, width: int, filled: float
) -> None:
    dense = random_sparse(seed, (rows, width), filled)
    other = np.random.default_rng(seed + 1)
    w = other.normal(size=(width, 5)).astype(np.float32)
    r = other.normal(size=(rows, 5)).astype(np.float32)
    found = sparse(dense)
    assert found.shape == dense.shape
    assert np.allclose(found.times(w), dense @ w, atol=1e-4)
    assert np.allclose(found.transposed_times(r), dense.T @ r, atol=1e-4)


def test_sums_gathered_a_few_rows_at_a_time_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(words_module, "GATHERED", 3)  # the bot's bound, made tiny
    dense = random_sparse(11, (25, 9), 0.6)
    w = np.random.default_rng(12).normal(size=(9, 4)).astype(np.float32)
    r = np.random.default_rng(13).normal(size=(25, 4)).astype(np.float32)
    found = sparse(dense)
    assert np.allclose(found.times(w), dense @ w, atol=1e-4)
    assert np.allclose(found.transposed_times(r), dense.T @ r, atol=1e-4)


def test_the_head_learns_the_same_from_sparse_rows_as_from_dense_ones() -> None:
    """The loss and gradient the word head is fitted by do not depend on how rows are kept."""
    phrasings = random_sparse(3, (30, 12), 0.3)
    questions = random_sparse(4, (6, 12), 0.5)
    labels = np.arange(30) % 4
    targets = np.zeros((6, 5), np.float32)
    targets[np.arange(6), np.arange(6) % 5] = 1.0
    weights = np.random.default_rng(5).normal(size=13 * 5)
    training = HeadTraining()
    dense = objective(Lessons(phrasings, labels, questions, targets, 2.0), training)
    kept = objective(Lessons(sparse(phrasings), labels, sparse(questions), targets, 2.0), training)
    (dense_loss, dense_gradient), (loss, gradient) = dense(weights), kept(weights)
    assert loss == pytest.approx(dense_loss, rel=1e-5)
    assert np.allclose(gradient, dense_gradient, atol=1e-4)


def test_only_words_of_two_lesson_texts_or_more_are_features() -> None:
    vocabulary = Vocabulary([("data", "engineer"), ("data", "scientist"), ("data", "engineer")])
    assert set(vocabulary.column) == {"data", "engineer"}  # "scientist" is in one text
    idf = {w: vocabulary.idf[i] for w, i in vocabulary.column.items()}
    assert (
        idf["engineer"] > idf["data"]
    )  # "data" is in every text: it tells the answers apart least


def test_a_row_is_the_known_words_weighed_and_of_unit_length() -> None:
    texts = [("data", "engineer"), ("data", "scientist"), ("data", "engineer"), ("scientist",)]
    vocabulary = Vocabulary(texts)
    rows = vocabulary.rows([("engineer", "engineer", "data", "visa"), ("visa",), ()])
    table = rows.times(np.eye(rows.width, dtype=np.float32))
    assert np.linalg.norm(table[0]) == pytest.approx(1.0)
    engineer, data = table[0, vocabulary.column["engineer"]], table[0, vocabulary.column["data"]]
    assert engineer > data  # said twice and rarer
    assert not table[1:].any()  # a message of unknown words, or none, has an empty row


def test_the_blend_is_a_distribution_in_which_an_answer_either_head_rules_out_stays_out() -> None:
    sentences = (np.array([[0.6, 0.3, 0.0]], np.float32), np.array([0.1], np.float32))
    word_head = (np.array([[0.0, 0.5, 0.4]], np.float32), np.array([0.1], np.float32))
    answers, none = blend(sentences, word_head, 0.3)
    assert answers.sum() + none.sum() == pytest.approx(1.0)
    assert answers[0].argmax() == 1  # the one both heads find likely
    assert answers[0, 0] < 0.01
    assert answers[0, 2] < 0.01


def test_a_blend_with_no_share_is_the_first_head() -> None:
    sentences = (np.array([[0.6, 0.3]], np.float32), np.array([0.1], np.float32))
    word_head = (np.array([[0.1, 0.1]], np.float32), np.array([0.8], np.float32))
    answers, none = blend(sentences, word_head, 0.0)
    assert np.allclose(answers, sentences[0], atol=1e-6)
    assert np.allclose(none, sentences[1], atol=1e-6)


def test_with_no_word_in_two_texts_every_row_is_empty() -> None:
    vocabulary = Vocabulary([("data",), ("engineer",)])
    rows = vocabulary.rows([("data", "engineer")])
    assert rows.width == 0
    assert rows.times(np.zeros((0, 3), np.float32)).shape == (1, 3)
