"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 4375 candidates).
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
    -7.1458,
    2.4601,
    7.9063,
    0.8163,
    0.1170,
    2.3152,
    4.9172,
    -1.6569,
    0.1878,
    0.1569,
    0.0948,
)
ANSWER = 0.5656
SUGGEST = 0.0713
