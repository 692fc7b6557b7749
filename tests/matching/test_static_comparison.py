"""The arithmetic of `make bench-static` (benchmarks/static_embedding.py), which compares a
static embedding with the packaged model: what its "both" rows and its p-values mean."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from benchmarks.static_embedding import SideBySide, mcnemar_p, paired
from bot.matching.embedder import Vectors, normalised


class Fixed:
    """An embedder that gives each known text a fixed unit vector."""

    multilingual = False

    def __init__(self, name: str, rows: dict[str, list[float]]) -> None:
        self.name = name
        self._rows = rows

    def encode(self, texts: Sequence[str]) -> Vectors:
        return normalised([self._rows[t] for t in texts])


@pytest.mark.parametrize("weight", [0.1, 0.5, 1.0, 3.0])
def test_side_by_side_cosine_is_the_weighted_mean_of_the_two_models_cosines(
    weight: float,
) -> None:
    first = Fixed("a", {"x": [1, 0, 0], "y": [0.6, 0.8, 0]})
    second = Fixed("b", {"x": [0, 1], "y": [1, 1]})
    vectors = SideBySide(first, second, weight).encode(["x", "y"])
    cos_first = float(np.dot(*first.encode(["x", "y"])))
    cos_second = float(np.dot(*second.encode(["x", "y"])))
    expected = (cos_first + weight * cos_second) / (1 + weight)
    assert float(vectors[0] @ vectors[1]) == pytest.approx(expected, abs=1e-6)


def test_mcnemar_p_is_one_for_an_even_split_and_small_for_a_lopsided_one() -> None:
    assert mcnemar_p(0, 0) == 1.0
    assert mcnemar_p(5, 5) == 1.0
    assert mcnemar_p(16, 8) == pytest.approx(0.1516, abs=1e-4)  # exact binomial, n = 24
    assert mcnemar_p(10, 0) == pytest.approx(2 / 2**10)
    assert mcnemar_p(3, 14) == mcnemar_p(14, 3)


def test_paired_counts_only_the_questions_where_the_two_rankers_differ() -> None:
    # ranks as benchmarks.head gives them: 1 first, 3 in the top three, 0 neither (covered);
    # -1 "none" first, -2 not (nothing answers)
    mine = [1, 1, 3, 0, -1, -2, -1]
    minilm = [1, 0, 1, 1, -2, -2, -1]
    assert paired("both", mine, minilm) == ["both", 1, 2, "1.000", 1, 0, "1.000"]
