"""Which language a message is in, when it is clearly not English.

Two stages. The writing system settles most languages for free: Cyrillic, Arabic, Devanagari,
Hangul, kana and Han characters are counted, and a few letters tell Ukrainian from Russian and
Persian from Arabic; any other script (Greek, Hebrew, Thai, Burmese...) is a language we have
no reply in (ANY_OTHER: the reply says "English for now" in English). Text in Latin letters
goes to py3langid (a naive Bayes model of byte n-grams that ships inside its PyPI package, 4.5
MB, numpy only), limited to the languages the bot has a reply for. Short English messages
("salary?", "python or r") look like many languages to any statistical model, so the Latin
stage only speaks for messages of several words, at a high probability; below that a message is
read as English, which costs at most an English "not sure" reply, never a lost answer.

Loading py3langid's model takes most of a second, so it is loaded by `warm_up` (from the
background thread at start); until then only the script stage answers.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import Counter
from typing import Any

from bot.content.messages import ANY_OTHER, OTHER_LANGUAGES

# Latin-script languages the model chooses between: the bot's, English, and near neighbours
# (Dutch, Catalan, Tagalog) so that their text is not forced into a language it is not. Malay
# counts as Indonesian: the model confuses the two, and an Indonesian reply reads well to both.
# Tagalog was read as Indonesian (a tester's Taglish "mapapalitan ba ng AI lahat ng trabaho"
# got the Indonesian note); as a neighbour it is read as English, which Filipinos who mix the
# two read, and the English words in it still reach the matcher.
_LATIN_CHOICES = ("en", "es", "pt", "de", "fr", "id", "tr", "it", "nl", "ca", "ms", "tl")
_SAME_AS = {"ms": "id"}
MIN_LATIN_WORDS = 4  # fewer words than this are read as English: too little evidence
MIN_LATIN_PROBABILITY = 0.9
# Spanish opens a question or an exclamation with these, and no other language the bot
# meets does: in Latin text they settle it however short ("¿Necesito un doctorado?", which a
# tester typed, is three words: too few for the model).
_INVERTED_MARKS = frozenset("¿¡")
MIN_SCRIPT_SHARE = 0.3  # a script counts when it has this share of the letters ("AI方面...")

_UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
_RUSSIAN_ONLY = frozenset("ыэъёЫЭЪЁ")
_PERSIAN_ONLY = frozenset("پچژگکی")
# Words of the Unicode names of a script's letters ("THAI CHARACTER KO KAI", "CJK UNIFIED
# IDEOGRAPH-4E00"), and first words of letters that belong to no script. "IDEOGRAPHIC" (々,
# 〆: marks used beside ideographs) is not "IDEOGRAPH-".
_LETTER_WORDS = frozenset({"LETTER", "SYLLABLE", "CHARACTER", "SYLLABICS"})
_NO_SCRIPT = frozenset({"MODIFIER", "COMBINING"})
_KANA = frozenset({"HIRAGANA", "KATAKANA", "HENTAIGANA"})
# A script we have no reply in is only named for a word of it: "μ vs σ", "π?" or "λ" are maths
# in an English message, while "Γεια σας" or "איך" are words.
MIN_OTHER_SCRIPT_LETTERS = 3
MIN_OTHER_SCRIPT_WORD = 2


def script_of(char: str) -> str | None:
    """The writing system of one letter, by its Unicode name ("MYANMAR LETTER KA": myanmar),
    or None for what is no letter of a script (µ, ª, modifier letters, the styled 𝐝𝐚𝐭𝐚 of
    Unicode's mathematical letters)."""
    words = unicodedata.name(char, "").split()
    is_letter = any(w in _LETTER_WORDS or w.startswith("IDEOGRAPH-") for w in words)
    if not is_letter or words[0] in _NO_SCRIPT:
        return None
    if "LATIN" in words:
        return "latin"
    if words[0] == "CJK":
        return "han"
    if _KANA & set(words):
        return "kana"
    return (words[1] if words[0] in {"HALFWIDTH", "FULLWIDTH"} else words[0]).lower()


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def by_script(text: str) -> str | None:
    """The language that the letters' writing system names, or None for Latin text.
    Cyrillic without a letter only Russian or only Ukrainian has gives "ru/uk": the model
    (when loaded) chooses between the two."""
    # Composed form first: Korean typed as separate jamo (NFD, as some systems send it) has
    # names without LETTER or SYLLABLE; composed, they are Hangul syllables.
    text = unicodedata.normalize("NFC", text)
    letters = [c for c in text if c.isalpha()]
    scripts = Counter(s for s in map(script_of, letters) if s is not None)
    total = sum(scripts.values())
    if not total:
        return None
    chosen = [s for s, n in scripts.most_common() if s != "latin" and n >= MIN_SCRIPT_SHARE * total]
    if not chosen:
        return None
    if scripts["kana"] and "han" in chosen:
        return "ja"  # Japanese writes with kanji too: any kana marks it
    found = _language_of_script(chosen[0], set(letters))
    if found == ANY_OTHER and not _has_a_word_in(text, chosen[0], scripts[chosen[0]]):
        return None
    return found


def _has_a_word_in(text: str, script: str, letters: int) -> bool:
    """Whether the text holds a word of `script`, not only a symbol or two of it."""
    longest = max(sum(script_of(c) == script for c in word if c.isalpha()) for word in text.split())
    return letters >= MIN_OTHER_SCRIPT_LETTERS and longest >= MIN_OTHER_SCRIPT_WORD


def _language_of_script(script: str, letters: set[str]) -> str | None:
    if script == "cyrillic":
        if letters & _UKRAINIAN_ONLY:
            return "uk"
        return "ru" if letters & _RUSSIAN_ONLY else "ru/uk"  # the model decides
    if script == "arabic":
        return "fa" if letters & _PERSIAN_ONLY else "ar"
    named = {"devanagari": "hi", "hangul": "ko", "kana": "ja", "han": "zh"}
    code = named.get(script)
    # Greek, Hebrew, Thai, Burmese...: a language we have no reply in, so "English for now"
    # is said in English (rather than "I'm not sure I can answer that one").
    return code if code in OTHER_LANGUAGES else ANY_OTHER


class LanguageDetector:
    """`detect(text)`: the code of a language the bot has a reply for, ANY_OTHER for another
    writing system, or None for English (and for anything it cannot tell)."""

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def ready(self) -> bool:
        return self._model is not None

    def warm_up(self) -> None:
        with self._lock:
            if self._model is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                model.set_languages([*_LATIN_CHOICES, "ru", "uk"])
                # Forget the other 128 languages' columns (about 24 MB of RSS): the detector
                # never chooses between them, and set_languages is not called again.
                model._full_model = (model.nb_ptc, model.nb_pc, model.nb_classes)
                self._model = model

    def detect(self, text: str) -> str | None:
        found = by_script(text)
        if found is None and _INVERTED_MARKS.intersection(text) and _has_letters(text):
            return "es"  # "¿Necesito un doctorado?": only Spanish opens a question so
        if found == "ru/uk":
            return self._choose(text, ("ru", "uk"))[0] if self._model else "ru"
        if found is not None or self._model is None:
            return found
        return self._latin(text)

    def _latin(self, text: str) -> str | None:
        words = [w for w in text.split() if any(c.isalpha() for c in w)]
        if len(words) < MIN_LATIN_WORDS:
            return None
        code, probability = self._choose(text, _LATIN_CHOICES)
        if code not in OTHER_LANGUAGES or probability < MIN_LATIN_PROBABILITY:
            return None
        return code

    def _choose(self, text: str, choices: tuple[str, ...]) -> tuple[str, float]:
        """The likeliest of `choices`, with its probability among them."""
        ranked = self._model.rank(text.lower())
        merged = dict.fromkeys((_SAME_AS.get(c, c) for c in choices), 0.0)
        for code, probability in ranked:
            if code in choices:
                merged[_SAME_AS.get(code, code)] += float(probability)
        best = max(merged, key=lambda code: merged[code])
        return best, merged[best] / (sum(merged.values()) or 1.0)
