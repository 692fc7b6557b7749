"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(525 questions, 6985 candidates).
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
    "gist",
    "head",
    "head_part",
    "head_first",
    "head_none",
)
WEIGHTS = (
    -4.6104,
    0.8694,
    3.1301,
    0.6627,
    -1.8404,
    0.2758,
    4.0366,
    -0.7722,
    0.1431,
    0.4451,
    -0.2170,
    2.5906,
    3.4630,
    1.7081,
    0.4843,
    -1.8106,
)
ANSWER = 0.8196
SUGGEST = 0.1000
