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
    "cosine_spelt",
    "cosine_spelt_margin",
)
WEIGHTS = (
    -5.6400,
    3.2543,
    4.5156,
    1.4589,
    -0.1429,
    1.3402,
    4.8908,
    -1.1999,
    0.1522,
    0.4485,
    0.1612,
    0.5720,
    3.7000,
)
ANSWER = 0.4981
SUGGEST = 0.1253
