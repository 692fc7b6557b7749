"""Take the obvious identifiers out of a question before it is kept (pure: text in, text out).

An unanswered question is kept so the knowledge base can learn it, not to remember who asked:
e-mail addresses, URLs, @handles, phone numbers, long digit runs, ages, names after "my name
is" or an opening "I'm" ("Hi, I'm Sarah, ..."), and workplaces ("I work at ...", "interning
with Amazon", "I study in Moscow") become placeholders such as `[email]`; a field or a tool
after "in" or "with" stays ("I work in AI", "I work with Docker"): it is what the question is
about.

A pattern set, not a library: the maintained PII detectors (Presidio, scrubadub) bring spaCy
or scikit-learn, far beyond this bot's dependencies, and the small dependency-free ones match
these same shapes with regular expressions. No pattern finds every name or story; what is
left is also kept for a bounded time only (analytics.MISS_MEMORY) and never with a user id.
Every repetition that could rescan the text from each position is bounded, so a hostile
text (thousands of letters or digits) cannot make it slow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Words that end a workplace or a name: the question goes on after them; so does a span of
# time ("worked for 10 years"), while "3M" or "23andMe" is a workplace.
_STOP = (
    r"(?!(?:and|but|so|to|because|as|i|how|what|which|can|should|do|does|is|are|if|on|at|in"
    r"|back|when|later|now)\b|\d+\s*(?:years?|yrs?|months?|weeks?)\b)"
)
_VERBS = (
    r"(?:work|works|worked|working|teach|teaches|teaching|study|studies|studying|employed"
    r"|intern|interning)"
)
# "at" and "for" name an employer or a school. After "in" and "with" a field or a tool is what
# the question is about ("I work in AI", "I work with data"), and stays; anything else is a
# place ("I work with Deloitte", "I study in Moscow").
_WORKS = rf"{_VERBS}\s+(?:at|for)"
# The fields, and how every tool in knowledge/tools.yaml begins (a test keeps the two in
# step: the scrubber is pure and does not read the knowledge base; "Amazon" alone is a
# workplace, "Amazon Web Services" a tool), with words that open no place ("the IT
# department", "the evenings", "large language models").
_FIELDS = (
    r"(?!(?:ai|ml|data|tech|technology|it|healthcare|health|finance|financial|banking"
    r"|marketing|sales|education|research|academia|software|engineering|analytics|insurance"
    r"|consulting|retail|government|science|sciences|biology|physics|chemistry|medicine"
    r"|statistics|stats|machine|deep|computer|nlp|llms?|large|language|models|clients"
    r"|customers|people|numbers|teams?|my|our|the|evenings?|weekends?|spare|free"
    r"|python|r|matlab|c|java|sql|apache|amazon\s+web|aws|google\s+(?:cloud|sheets|analytics|colab)"
    r"|microsoft\s+azure|azure|tableau|spreadsheets|excel|sheets|pandas|numpy|jupyter"
    r"|scikit|sklearn|statsmodels|pytorch|tensorflow|hugging\s+face|cuda|spark|kafka"
    r"|airflow|dbt|docker|kubernetes|terraform|mlflow|onnx|ray|fastapi|prometheus|git"
    r"|power\s+bi|hadoop|hive|opencv|grafana|keras)\b)"
)
_WORKS_IN = rf"{_VERBS}\s+(?:in|with)(?=\s+{_FIELDS})"
_JOBS = (
    r"(?:teacher|engineer|developer|analyst|scientist|student|manager|nurse|doctor|intern"
    r"|researcher|professor|lecturer|consultant|designer)\s+at"
)
_INTRODUCES = r"(?:my name is|my name's|i am called|i'm called|call me)"
# "Hi, I'm Sarah, ..." or "I'm Sarah and ...": a capitalised word after "I'm" that opens the
# message or follows a greeting, and is followed by a comma, "and" or "from". "I'm a nurse"
# and "I'm 34" are not names; "I'm Brazilian, ..." is taken too, which costs nothing.
_GREETING = r"(?:^|\b(?i:hi|hello|hey|hiya)\b(?:\s+(?i:there|all|everyone))?[\s,!.]*)"
_NAME_AFTER_IM = (
    rf"({_GREETING})((?i:i'm|i am|im|this is|it's))\s+(?i:{_FIELDS})(?i:{_STOP})"
    r"[A-Z][^\W\d_]{1,30}(?:\s+[A-Z][^\W\d_]{1,30})?(?=\s*[,.!;:]|\s+(?i:and|from|here)\b)"
)
_TLDS = r"(?:com|org|net|io|ai|dev|edu|gov|co|uk|de|fr|es|it|ru|in|info|me|app|xyz)"


def _digits_at_least(count: int, placeholder: str) -> Callable[[re.Match[str]], str]:
    """A replacement for a run of digits with separators, when it holds `count` digits (a
    run without separators is a plain long number, left to the next pattern)."""

    def replace(match: re.Match[str]) -> str:
        text = match.group(0)
        digits = sum(c.isdigit() for c in text)
        return placeholder if count <= digits < len(text) else text

    return replace


# Order matters: an e-mail address before the @handle and the URL it contains, a phone
# number before the digit runs inside it.
_PATTERNS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+"), "[email]"),
    (re.compile(r"(?i)\b(?:https?://|www\.)\S+"), "[url]"),
    (re.compile(rf"(?i)(?<![\w.-])[\w-]{{1,63}}(?:\.[\w-]{{1,63}})*\.{_TLDS}\b(?:/\S*)?"), "[url]"),
    (re.compile(r"(?<![\w@])@\w{2,}"), "[handle]"),
    (re.compile(r"\+?\(?\d[\d\s().-]{5,24}\d"), _digits_at_least(7, "[phone]")),
    (re.compile(r"\d{5,}"), "[number]"),
    (re.compile(r"(?i)\b\d{1,3}\s*(?:years?|yrs?)(?:\s+old|\s+of\s+age)\b"), "[age]"),
    (re.compile(r"(?i)\b\d{1,3}\s*y/?o\b"), "[age]"),
    # A bare "38 years" that ends a clause is an age ("brazil, 38 years, too late?"); "5 years
    # of experience" runs on and is kept, and so is a count under 15 ("python, 5 years").
    # Not after "for", "after", "of" or "since": "coding for 20 years." is experience.
    (
        re.compile(
            r"(?i)(?<!for )(?<!after )(?<!of )(?<!since )"
            r"\b(?:1[5-9]|[2-9]\d)\s*(?:years?|yrs?)\b(?=\s*(?:[,.;:)!?]|$))"
        ),
        "[age]",
    ),
    (re.compile(r"(?i)\b(i am|i'm|im|aged?)\s+\d{1,3}\b(?!\s*(?:%|k\b|hours?))"), r"\1 [age]"),
    (
        # The name, and a capitalised word after it (a surname); case-blind elsewhere.
        re.compile(rf"\b((?i:{_INTRODUCES}))\s+(?i:{_STOP})[^\W\d_]+(?:\s+[A-Z][^\W\d_]*)?"),
        r"\1 [name]",
    ),
    (re.compile(_NAME_AFTER_IM), r"\1\2 [name]"),
    (
        re.compile(rf"(?i)\b({_WORKS}|{_WORKS_IN}|{_JOBS})(?:\s+{_STOP}[\w&'.-]+){{1,3}}"),
        r"\1 [place]",
    ),
)


def scrub(text: str) -> str:
    """`text` with every identifier the patterns know replaced by its placeholder."""
    for pattern, placeholder in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return text
