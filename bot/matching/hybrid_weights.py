"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over the features of bot/matching/evidence.py, fitted on the train split only
(525 questions, 7203 candidates).
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
    -5.1871,
    1.4799,
    3.0726,
    0.9302,
    -1.4711,
    1.1994,
    3.3842,
    -1.3340,
    0.1073,
    0.3653,
    -0.0040,
    2.3420,
    4.3225,
    2.2652,
    0.0204,
    -0.7634,
)
ANSWER = 0.8572
SUGGEST = 0.1000
