"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 4172 candidates).
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
)
WEIGHTS = (
    -6.2018,
    2.8787,
    4.0339,
    0.8840,
    -0.1753,
    1.9893,
    7.3968,
    -1.7910,
    0.1595,
    0.1076,
    0.2576,
    3.3251,
)
ANSWER = 0.5948
SUGGEST = 0.0871
