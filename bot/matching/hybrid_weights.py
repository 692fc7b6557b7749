"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 4170 candidates).
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
    -6.2113,
    2.9080,
    4.0000,
    0.9198,
    -0.2075,
    1.9170,
    7.4506,
    -1.7872,
    0.1621,
    0.1185,
    0.2536,
    3.3273,
)
ANSWER = 0.5936
SUGGEST = 0.0875
