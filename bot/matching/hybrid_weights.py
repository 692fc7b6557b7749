"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 2738 candidates).
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
    -6.9100,
    2.4559,
    6.7053,
    0.8454,
    0.2228,
    2.6349,
    4.5333,
    -1.5522,
    0.2917,
    0.1254,
    0.3313,
)
ANSWER = 0.5473
SUGGEST = 0.0928
