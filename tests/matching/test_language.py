"""Other languages are recognised (issue 14 point 4): by their script, or by the packaged
py3langid model for Latin letters, and English, however short, is never taken for another
language."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.knowledge import Knowledge
from bot.content.messages import ANY_OTHER, OTHER_LANGUAGES
from bot.matching.language import LanguageDetector, by_script

DATA = Path(__file__).parents[1] / "data"


def questions(name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))[
        "questions"
    ]
    return found


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    loaded = LanguageDetector()
    loaded.warm_up()
    return loaded


def test_every_language_the_issue_names_has_a_reply() -> None:
    named = {"ru", "uk", "es", "pt", "fa", "hi", "id", "tr", "ar", "de", "fr"}
    assert named <= set(OTHER_LANGUAGES)


@pytest.mark.parametrize("code", [*OTHER_LANGUAGES, ANY_OTHER])
def test_the_english_only_reply_also_points_to_the_quiz(kb: Knowledge, code: str) -> None:
    """The quiz is in English but answered with buttons: someone who cannot ask in English
    can still take it (said outside the quiz only: mid-quiz, "/quiz" read as starting over)."""
    assert "/quiz" in kb.text(f"english_quiz_{code}")
    assert "/quiz" not in kb.text(f"english_only_{code}")
    assert "。 " not in kb.english_only(code), "no space after a full stop in Chinese or Japanese"


@pytest.mark.parametrize("labelled", questions("other_languages.yaml"), ids=lambda q: q["lang"])
def test_a_career_question_in_another_language_is_recognised(
    detector: LanguageDetector, labelled: dict[str, Any]
) -> None:
    assert detector.detect(labelled["q"]) == labelled["lang"]


def test_the_real_messages_in_other_languages_are_recognised(detector: LanguageDetector) -> None:
    real = [q for q in questions("real_questions.yaml") if q["scope"] == "other_language"]
    found = {q["id"]: detector.detect(q["q"]) for q in real}
    # A language we have no reply in is known only as "another writing system".
    expected = {q["id"]: q["lang"] if q["lang"] in OTHER_LANGUAGES else ANY_OTHER for q in real}
    assert found == expected


@pytest.mark.parametrize("name", ["faq_eval.yaml", "faq_holdout.yaml"])
def test_english_questions_short_or_long_are_read_as_english(
    detector: LanguageDetector, name: str
) -> None:
    flagged = [q["q"] for q in questions(name) if detector.detect(q["q"]) is not None]
    assert not flagged


@pytest.mark.parametrize(
    "text", ["salary?", "python or r", "hola", "merci beaucoup", "data scientist salary", "?!"]
)
def test_a_few_words_are_too_little_to_call_latin_text_foreign(
    detector: LanguageDetector, text: str
) -> None:
    assert detector.detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "kailangan ba genius sa math para sa AI?? 😭",
        "mapapalitan ba ng AI lahat ng trabaho",
        "grabe di ko alam kung ano kukunin ko sa college, CS ba o IT",
    ],
)
def test_taglish_is_read_as_english_not_as_indonesian(
    detector: LanguageDetector, text: str
) -> None:
    # A Filipino tester's Taglish got the Indonesian "English for now" note, which she could
    # not read; Tagalog has no note of its own, and Filipinos who mix it in read English.
    assert detector.detect(text) is None


def test_indonesian_is_still_indonesian_beside_tagalog(detector: LanguageDetector) -> None:
    assert detector.detect("Bagaimana cara belajar machine learning dari nol?") == "id"


@pytest.mark.parametrize("text", ["¿Necesito un doctorado?", "¡me encanta!", "¿y el salario?"])
def test_spanish_inverted_marks_settle_a_short_message_even_before_the_model(text: str) -> None:
    # A tester's "¿Necesito un doctorado?" got the English "not sure": three words.
    assert LanguageDetector().detect(text) == "es"


@pytest.mark.parametrize("text", ["¿?", "¡¡¡", "¿¿ 42 ??"])
def test_inverted_marks_without_a_letter_are_no_language(text: str) -> None:
    assert LanguageDetector().detect(text) is None


def test_before_the_model_is_loaded_only_the_script_decides() -> None:
    cold = LanguageDetector()
    assert not cold.ready()
    assert cold.detect("как стать аналитиком данных") == "ru"
    assert cold.detect("necesito un doctorado para trabajar en inteligencia artificial") is None
    assert not cold.ready()  # detecting never loads the model: only the background does


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("чи потрібен диплом", "uk"),  # і marks Ukrainian
        ("нужны ли мне знания", "ru"),  # ы marks Russian
        ("چطور مهندس شوم", "fa"),  # چ is Persian
        ("كيف أصبح عالم بيانات", "ar"),
        ("データ分析の仕事", "ja"),  # kana beside kanji
        ("AI方面需要如何准备呢", "zh"),  # a Latin acronym does not outweigh the Han letters
        ("what does an mle do", None),
        ("Γεια σας, πώς γίνεται κανείς data scientist;", ANY_OTHER),  # Greek: no reply of ours
        ("איך הופכים למהנדס נתונים", ANY_OTHER),
        ("ဒေတာသိပ္ပံပညာရှင် ဘယ်လိုဖြစ်နိုင်မလဲ", ANY_OTHER),  # Burmese
        ("what is σ in a normal distribution", None),  # one Greek letter among English words
        ("µ ª", None),  # the micro sign and the ordinal indicator are no script's letters
        ("μ vs σ", None),  # maths symbols, not a Greek sentence
        ("σ?", None),
        ("Δ vs ∇ in gradient descent", None),
        ("日々の仕事", "ja"),  # 々 repeats an ideograph: a mark, not a script of its own
        ("々", None),
        (unicodedata.normalize("NFD", "데이터 사이언티스트가 되려면"), "ko"),  # jamo, decomposed
        ("𝐡𝐨𝐰 𝐭𝐨 𝐛𝐞𝐜𝐨𝐦𝐞 𝐚 𝐝𝐚𝐭𝐚 𝐬𝐜𝐢𝐞𝐧𝐭𝐢𝐬𝐭", None),  # styled Latin letters
    ],
)
def test_the_script_names_the_language(text: str, code: str | None) -> None:
    assert by_script(text) == code
