"""Fold free text into plain lowercase words: accents, contractions, punctuation, spacing."""

from __future__ import annotations

import re
import unicodedata

# Long input is cut before any work: no question needs more, and it bounds the cost of a
# 20,000-character message to the cost of a normal one.
MAX_QUERY_CHARS = 400

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_CONTRACTIONS = (
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"'s\b"), ""),
)
# Names whose punctuation is the name; rewritten before punctuation becomes space.
_SYMBOL_NAMES = ((re.compile(r"\bc\+\+"), " cpp "), (re.compile(r"\bc#"), " csharp "))
_NOT_WORD = re.compile(r"[^0-9a-z]+")
# "k-means", "k-NN", "t-SNE": a lone letter hyphened to a word makes one word with it, as the
# phrasings spell it ("kmeans"), not a stray letter beside "means" (which read as a question
# about what a quiz question means). Not "r" and "c", names of languages of their own:
# "r-language" is R's ("rlanguage" read as "language" lost it).
_LETTER_HYPHEN = re.compile(r"\b([abd-qs-z])-(?=[a-z])")
_NOT_WORD_OR_SLOT = re.compile(r"[^0-9a-z{}]+")
# A button's number as people copy or dress it: "[4]" (the terminal shows it so), "(4)", "4.",
# and the keycap emoji "4️⃣" (a digit, an optional variation selector, the keycap mark).
# "5!!!" too: a keen answer is still the answer.
# Any script's digits ("(٣)"): `\d` is Unicode's, and `typed_position` reads them with int().
_DRESSED_NUMBER = re.compile(r"^[\[(]?\s*(\d+)\s*[\]).]?\s*!*$")
_KEYCAP_MARKS = str.maketrans("", "", "\ufe0f\u20e3")
_SIGNED_OR_DECIMAL = re.compile(r"[+\-\u2212]?[0-9]+(?:[.,][0-9]+)?")  # U+2212: the minus sign
# A web address: ASCII up to a space, a bracket or a quote (so "[https://...]" and an address
# run into Chinese text both end where the address does), less the sentence's own closing
# punctuation ("... see https://x.org/a?" still asks).
_URL_CHARS = "!#-&*-;=?-Z^-~"  # printable ASCII less space, quotes, brackets, <, > and backslash
_ADDRESS = re.compile(
    rf"(?:\bhttps?://|\bwww\.)[{_URL_CHARS}]*?(?=[.,;:!?]*(?:[^{_URL_CHARS}]|$))", re.I
)
# A Markdown link around words: "[the course](https://...)" reads as "the course".
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?(?:https?://|www\.)[^)\s]*>?\s*\)", re.I)


def plain_number(text: str) -> str:
    """`text` without the dress around a button's number ("[4]" -> "4"), stripped; any other
    text stripped only."""
    typed = text.strip()
    found = _DRESSED_NUMBER.match(typed.translate(_KEYCAP_MARKS))
    return found.group(1) if found else typed


def typed_position(text: str) -> int | None:
    """The number a reply is, as a button's position ("4", "[4]", "4\ufe0f\u20e3"), or None
    for any other text ("-1" and "2.5" are no position)."""
    typed = plain_number(text)
    # Decimal digits of any script ("５" from a full-width keyboard, "٥"), as int() reads them;
    # not "²", a digit that is no decimal.
    return int(typed) if typed.isdecimal() else None


def looks_like_number(text: str) -> bool:
    """A number that may be meant as a button's: digits in any script ("5", "٥", "５": what
    int() reads; not "²"), dressed ("[7]", "7️⃣"), signed or with decimals ("-1", "2.0")."""
    typed = plain_number(text)
    return typed.isdecimal() or _SIGNED_OR_DECIMAL.fullmatch(typed) is not None


def without_links(text: str) -> str:
    """`text` with its web addresses taken out and a Markdown link kept as its words.

    An address's pieces ("https", "reddit", "com", a slug) are words no answer uses: enough of
    them made "what does an MLE do? https://..." read as a question about something the
    knowledge base does not know, and the 400 characters read of a message went on them.
    """
    if "http" not in text.lower() and "www." not in text.lower():
        return text  # most messages: no work
    return _ADDRESS.sub(" ", _MARKDOWN_LINK.sub(r"\1", text))


def fold(text: str, *, keep_slots: bool = False) -> str:
    """Lowercase ASCII words separated by single spaces.

    With `keep_slots`, template markers such as `{role}` survive (templates only: a user who
    types braces gets plain words).
    """
    text = text[:MAX_QUERY_CHARS]
    if not text.isascii():  # accents off: "café" -> "cafe"; most text skips this
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().translate(_APOSTROPHES)
    if "+" in text or "#" in text:
        for pattern, replacement in _SYMBOL_NAMES:
            text = pattern.sub(replacement, text)
    if "-" in text:
        text = _LETTER_HYPHEN.sub(r"\1", text)
    if "'" in text:
        for pattern, replacement in _CONTRACTIONS:
            text = pattern.sub(replacement, text)
    not_word = _NOT_WORD_OR_SLOT if keep_slots else _NOT_WORD
    return " ".join(not_word.sub(" ", text).split())


def has_words(text: str) -> bool:
    """True when the text holds at least one letter or digit (not only emoji or symbols)."""
    return any(ch.isalnum() for ch in text[:MAX_QUERY_CHARS])


def in_sentence(name: str) -> str:
    """'Machine learning' -> 'machine learning' mid-sentence; 'AI infrastructure' stays (a
    tester read "ai infrastructure" on a role's card)."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


# What an emoji reply carries beside its base symbol: the variation selector, the joiner and
# the gender signs of a sequence ("🤷‍♀️"), skin tones.
_SYMBOL_EXTRAS = frozenset("\ufe0f\u200d\u2640\u2642") | {chr(c) for c in range(0x1F3FB, 0x1F400)}


def symbol_key(text: str) -> str:
    """An emoji reply reduced to its base symbols, the way says lists them: "🤷‍♀️" and
    "🤷🏽" read as "🤷", "❤️" as "❤". Empty when the text holds letters or digits of any
    script ("٣" is a number): a symbol key is for replies of symbols only."""
    if fold(text) or not text.strip() or any(ch.isalnum() for ch in text):
        return ""
    return "".join(ch for ch in text if not ch.isspace() and ch not in _SYMBOL_EXTRAS)
