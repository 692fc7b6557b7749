"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 2763 candidates).
"""

FEATURES = (
    "lexical",
    "cosine",
    "lexical_part",
    "cosine_part",
    "lexical_margin",
    "cosine_margin",
    "name",
    "length",
    "lexical_first",
    "cosine_first",
)
WEIGHTS = (
    -6.2886,
    3.3938,
    5.5647,
    1.5347,
    -0.1716,
    1.3110,
    5.5621,
    -1.2332,
    0.1853,
    0.4800,
    0.1528,
)
ANSWER = 0.4963
SUGGEST = 0.1179
