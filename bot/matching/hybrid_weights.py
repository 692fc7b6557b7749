"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(361 questions, 4867 candidates).
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
    -4.2184,
    1.0920,
    2.3505,
    0.7701,
    -0.5101,
    1.1509,
    3.0793,
    -1.4313,
    -0.0877,
    0.6091,
    0.1030,
    2.1910,
    5.1355,
    1.5827,
    -0.2172,
    -2.0612,
)
ANSWER = 0.8429
SUGGEST = 0.1000
