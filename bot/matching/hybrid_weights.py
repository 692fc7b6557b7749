"""Written by `python -m benchmarks.hybrid_fit`: do not edit by hand.

A logistic model over (lexical score / 100, embedding cosine, lexical margin, embedding
margin, a name in the question matches the answer), fitted on the train split only
(361 questions, 1929 candidates).
"""

FEATURES = ("lexical", "cosine", "lexical_margin", "cosine_margin", "name")
WEIGHTS = (-4.9568, 2.9004, 5.4768, 3.3867, 5.2263, -0.8242)
ANSWER = 0.4858
SUGGEST = 0.1009
