"""The quiz as data: the shipped quiz is complete and short, typed replies find their button,
and a broken `conversations/quiz.yaml` is reported at its line with exit code 2."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import BotData, load_data
from bot.cli.main import main
from bot.content.questions import QUESTION_IDS, Answer
from bot.content.quiz import RESULT, Quiz
from bot.content.quiz_tools import MAX_TOOLS, TypedTools, typed_tools
from tests.harness.breakage import Breakage, assert_reported

QUIZ_FILE = "conversations/quiz.yaml"
MAX_TAPS = 17  # 15 one-answer questions, the tools step and one checkpoint


@pytest.fixture(scope="module")
def data() -> BotData:
    return load_data()


@pytest.fixture(scope="module")
def quiz(data: BotData) -> Quiz:
    return data.quiz


def paths(quiz: Quiz, step: str, taken: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every sequence of steps from `step` to the result, over every option and skip."""
    assert step not in taken, f"the quiz loops: {' -> '.join((*taken, step))}"
    taken = (*taken, step)
    choices: list[Answer | None] = [o.value for o in quiz.options(step)]
    for target in {quiz.next_step(step, choice) for choice in [*choices, None]}:
        if target == RESULT:
            yield taken
        else:
            assert target in quiz.steps, f"'{step}' leads to unknown '{target}'"
            yield from paths(quiz, target, taken)


class TestShippedQuiz:
    def test_has_exactly_the_fifteen_questions_of_the_profile(self, quiz: Quiz) -> None:
        assert len(quiz.questions) == 15
        fields = [quiz.steps[step].field for step in quiz.questions]
        assert sorted(map(str, fields)) == sorted(QUESTION_IDS)

    def test_the_last_question_asks_for_known_tools_from_the_knowledge_base(
        self, data: BotData, quiz: Quiz
    ) -> None:
        assert quiz.tools_step == "known_tools" == quiz.asked[-1]
        offered = quiz.tool_ids("known_tools")
        assert 12 <= len(offered) <= MAX_TOOLS, "the most telling tools, not every tool"
        # Tools a path or "tools to learn" names for many roles: someone who uses them can say
        # so (a developer was told to learn Git and Java).
        assert {"git", "java"} <= set(offered)
        assert set(offered) <= set(data.kb.tools)
        assert quiz.next_step("known_tools", None) == RESULT

    def test_every_path_reaches_the_result_within_seventeen_taps(self, quiz: Quiz) -> None:
        every = list(paths(quiz, quiz.start))
        assert every
        assert max(map(len, every)) <= MAX_TAPS
        assert max(map(len, every)) == MAX_TAPS, "the full quiz asks every question"

    def test_the_code_question_tells_someone_who_does_not_code_how_to_go_on(
        self, data: BotData
    ) -> None:
        """A tester as a nurse: "I don't write code at all" had no option and no way on."""
        assert "Skip this question" in data.kb.text("q_code")

    def test_the_checkpoint_offers_the_short_path(self, quiz: Quiz) -> None:
        shortest = min(map(len, paths(quiz, quiz.start)))
        assert shortest == 8  # 7 interest questions and the checkpoint

    def test_progress_numbers_the_questions_one_to_sixteen(self, quiz: Quiz) -> None:
        assert [quiz.progress(step) for step in quiz.asked] == [(n, 16) for n in range(1, 17)]

    def test_progress_counts_up_along_the_full_path(self, quiz: Quiz) -> None:
        full = max(paths(quiz, quiz.start), key=len)
        numbers = [quiz.progress(step) for step in full]
        assert [p for p in numbers if p is not None] == [(n, 16) for n in range(1, 17)]
        assert [step for step, p in zip(full, numbers, strict=True) if p is None] == ["checkpoint"]

    @pytest.mark.parametrize(
        ("step", "typed", "value"),
        [
            ("task_modeling", "4", 3),  # a number is a position, as the terminal shows them
            ("task_modeling", " 5 ", 4),
            ("task_modeling", "love it", 4),
            ("task_modeling", "Love it!", 4),
            ("task_modeling", "nto really", 1),
            ("task_modeling", "NEUTRAL", 2),
            ("deep_learning_interest", "  not   at ALL ", 0),
            ("skill_mathematics", "accomplished", 3),
            ("skill_mathematics", "beginner", 1),
            ("skill_mathematics", "2", 1),
            ("skill_mathematics", "\uff13", 2),  # a full-width "3"
            ("skill_mathematics", "\u0663", 2),  # an Arabic-Indic "3": no ASCII word in it
            ("skill_mathematics", "\u06f3", 2),  # a Persian "3"
            ("skill_mathematics", "(\u0663)", 2),  # dressed, as an ASCII number may be
            ("skill_mathematics", "\u0663!!!", 2),
            ("code", "3", "both"),
            ("skill_mathematics", "None yet", 0),
            ("code", "production", "production"),
            ("code", "Prototyping", "prototyping"),
            ("checkpoint", "show me", "result"),
            # Typed by a tester in the terminal, mid-quiz: they had got the FAQ's fallback.
            ("task_modeling", "i kinda like it", 3),
            # A third tester's: "5!!!", "nah" and "prototyping mostly" got "not sure".
            ("task_modeling", "5!!!", 4),
            # "no" is Not really, as "yes" is Like it: a ninth tester's "i think no" had been
            # recorded as Dislike and quoted back as "You dislike deployment".
            ("task_modeling", "nah", 1),
            ("task_deployment", "i think no", 1),
            # Two answers in two clauses: the later restatement counts (a reviewer's "no, i
            # hate it" had been Not really, the first clause's weaker word).
            ("task_deployment", "meh, neutral i guess", 2),
            ("task_modeling", "no, i hate it", 0),
            ("task_modeling", "nope. hate it", 0),
            # A doubt's word inside a statement ("for sure", "i know"): a ninth tester's.
            ("code", "prototyping for sure, research code is messy anyway haha", "prototyping"),
            ("skill_software_engineering", "beginning, i know a bit of git from work", 1),
            # "so" draws the answer from a reason before it (a tester's was refused); opening
            # a reply, it says how much, and "so so" is Neutral (a reviewer's).
            ("skill_software_engineering", "nunca usei git, so none", 0),
            ("skill_mathematics", "did engg maths 15 yrs back, so beginning i guess", 1),
            ("task_modeling", "i clean data at work every day, so love it", 4),
            ("task_modeling", "meh, so so", 2),
            ("skill_mathematics", "so good", None),
            ("skill_mathematics", "basically none", 0),  # a hedge
            # A retired teacher's, in full sentences (a tester's were taken as questions).
            ("skill_mathematics", "Accomplished, I should think. I spent thirty years on it", 3),
            # "I'd rate myself" is no hedge: what follows may be a comparison (a reviewer's).
            ("skill_mathematics", "i'd rate myself a bit higher", None),
            # "i know what/how" in a reason still doubts: a question may follow without "?"
            # ("beginning, i know what a vector is what is a tensor", a reviewer's).
            ("skill_mathematics", "beginning, i know what a vector is what is a tensor", None),
            ("skill_mathematics", "accomplished, i know how bad i am", None),
            # A tenth tester's, with a reason.
            ("code", "prototyping, all my code is analysis scripts", "prototyping"),
            ("skill_mathematics", "never heard of it", 0),
            ("code", "prototyping mostly", "prototyping"),
            # Hedged, as a tester typed them (they got the FAQ's fallback, or another answer).
            ("task_modeling", "I guess neutral", 2),
            ("task_modeling", "hmm not really tbh", 1),
            ("skill_mathematics", "i think intermediate", 2),
            ("skill_mathematics", "ok I will say developing", 2),  # a tester's, asked again
            # Recalling an earlier answer may be a correction ("i said love it, sorry i meant
            # like it", "i said neutral, now i changed my mind"): a reviewer's, asked again.
            ("task_modeling", "I said already: like it", None),
            ("task_modeling", "i said love it, sorry i meant like it", None),
            ("task_modeling", "i said neutral, now i changed my mind", None),
            # A designer's, each asked again.
            ("skill_machine_learning", "zero skills here lol", 0),
            # A backend developer's, asked again ("strong" and "beginner" were taken; his
            # "weak" is not an answer: "weak, actually strong" and "good, weak in calculus"
            # lost their readings, a reviewer's).
            ("skill_mathematics", "nil", 0),
            ("skill_mathematics", "avg", 2),
            # His "very weak", "nil skills" and "above avg" (the last session's list): weak
            # only in a phrase; a correction after it counts (a reviewer's).
            ("skill_mathematics", "very weak", 1),
            ("skill_mathematics", "nil skills", 0),
            ("skill_mathematics", "above avg", 2),
            ("skill_mathematics", "quite strong", 3),
            ("skill_mathematics", "not very good", 1),
            ("skill_mathematics", "very weak, actually strong", 3),
            ("task_modeling", "like it, actually hate it", 0),
            ("skill_mathematics", "accomplished, actually no", None),
            ("skill_mathematics", "good, not great", None),
            # Not "rusty", "poor" nor "the basics": in a reason they undid an answer
            # ("developing, but my stats are rusty", a reviewer's).
            ("skill_mathematics", "developing, but my stats are rusty", 2),
            # A project manager's (Stuttgart): "only the basics", and a certainty at the end
            # ("I am sure" had read as a doubt). Not "rather not": "I'd rather not say" is
            # no Not really (a reviewer's), so hers are asked again.
            ("skill_mathematics", "only the basics", 1),
            ("task_ai_infrastructure", "Infrastructure, I think rather not.", None),
            ("task_modeling", "I'd rather not say", None),
            (
                "skill_communication",
                "I present to the board every month. Accomplished, I am sure.",
                3,
            ),
            ("skill_communication", "accomplished, im not sure", None),
            ("task_modeling", "like it, hard to say for sure", None),  # a reviewer's
            # "ok" before words about what we said answers nothing: hers, after an answer of
            # ours, had been recorded Neutral. About oneself, or naming the answer, it still
            # answers (a reviewer's "okay, i did a course last year").
            (
                "task_ai_infrastructure",
                "Hm okay, so for you it is the same. But they write specs.",
                None,
            ),
            ("task_ai_infrastructure", "Hm okay, so for you it is the same.", None),
            ("task_modeling", "ok, fine by me", 2),
            ("task_modeling", "ok, if you say so", None),
            ("skill_mathematics", "okay, i did a course last year", 2),
            ("skill_mathematics", "ok, developing, did a few projects at work", 2),
            ("task_modeling", "tbh yes, i love building models", 3),
            ("skill_machine_learning", "also none 😅", 0),
            # A reviewer's: near a negation or another meaning they were misread, so they
            # are asked again ("i cant see myself doing that" had been Like it, "no skills
            # needed" None yet, "this seems advanced" Accomplished).
            ("task_business_analysis", "i cant see myself doing that", None),
            ("skill_machine_learning", "no skills needed", None),
            ("skill_machine_learning", "some skills here", None),
            ("skill_machine_learning", "this seems advanced", None),
            ("task_modeling", "this seems like it depends", None),
            ("task_modeling", "let's say neutral", 2),
            # After a sound ("yes", "ok"), a clearer answer counts; after an answer's own
            # word, the reason does not move it (a tester's first two had been Like it; a
            # reviewer's "love it, fine by me" and "ok, i like it" read as Neutral on the way).
            ("task_deployment", "yes!! this is like my job now, i love it", 4),
            ("task_modeling", "neutral, i like some parts", 2),
            ("task_modeling", "love it, fine by me", 4),
            ("task_modeling", "ok, i like it", 3),
            ("task_modeling", "love it, so cool", 4),
            # ... but not beside a negation, nor said of someone else (a reviewer's were
            # recorded as Love it and Dislike): not read.
            ("task_modeling", "ok, i dont love it", None),
            ("task_modeling", "ok, my friends love it", None),
            ("task_modeling", "ok, i used to hate it", None),
            ("task_modeling", "fine, i wouldnt say i love it", None),
            # Another answer after a sound, or a correction, is the answer (a reviewer's).
            ("task_modeling", "ok, i dislike it", 0),
            ("task_modeling", "like it, actually love it", 4),
            ("task_modeling", "dislike, actually neutral", 2),
            ("skill_mathematics", "ok, im an expert", None),
            ("task_modeling", "fine, but boring", None),
            ("skill_mathematics", "beginner, no experience", None),  # "no" corrects nothing
            ("skill_mathematics", "developing, accomplished", None),
            ("skill_mathematics", "I'll go with beginning", 1),
            # An answer with a reason after it, as a tester typed them (the FAQ guessed at
            # the reason: "Which courses should I take?").
            ("skill_machine_learning", "basic i think, did one course", 1),
            ("task_modeling", "love it - I do this every day", 4),
            ("task_modeling", "not really but I could learn", 1),
            ("skill_mathematics", "none yet (never studied it)", 0),
            ("code", "both. depends on the day", "both"),
            # An answer in the first person that goes on to name the task (a tester's got
            # "did you mean"); the longest opening wins.
            ("task_modeling", "I LOVE building statistical models", 4),
            ("task_modeling", "i like cleaning data more than this", 3),
            ("task_modeling", "i don't like deployment work", 1),
            ("task_modeling", "tbh i really enjoy tuning models", 4),
            ("task_modeling", "i hate meetings", 0),
            # Casual answers a tester typed (they got the FAQ's fallback or "did you mean").
            ("task_modeling", "big yes", 4),
            ("task_modeling", "kinda", 3),
            ("task_modeling", "actually i like it", 3),
            ("skill_mathematics", "pretty good", 2),
            ("skill_mathematics", "advanced-ish", 3),
            ("skill_mathematics", "nope", 0),
            # A third tester's, at a skill ("not really" had got "did you mean").
            ("skill_mathematics", "never done that", 0),
            ("skill_mathematics", "not really", 0),
            ("task_modeling", "yes definitely", 4),
            ("task_modeling", "10/10", 4),
            # Emoji, as people answer in chat (a tester's "👍" and "❤️" were unreadable);
            # skin tones and variation selectors aside.
            ("task_modeling", "👍", 3),
            ("task_modeling", "👍🏽", 3),
            ("task_modeling", " ❤️ ", 4),
            ("task_modeling", "❤", 4),
            ("task_modeling", "👎", 0),
            # A fourth tester's (rejected, or "did you mean" with no result to disagree with).
            ("task_modeling", "really love it", 4),
            ("task_modeling", "I think I would like it", 3),
            ("task_modeling", "not for me", 1),
            ("skill_mathematics", "never used it", 0),
            ("skill_mathematics", "I'm ok at it", 2),
            ("skill_mathematics", "kinda ok", 2),
            # A fifth tester's, turned down with "I'm not sure I can answer that one": an
            # answer said more fully after a one-word one, an answer of two words that goes
            # on, and a swap of two letters.
            ("task_modeling", "yeah i love it", 4),
            ("task_modeling", "yeah kinda", 3),
            ("task_modeling", "nah i hate it", 0),
            ("task_modeling", "not really my thing", 1),
            ("task_modeling", "not interested", 1),
            ("task_modeling", "nuetral", 2),
            ("skill_mathematics", "a little bit from school", 1),
            ("skill_mathematics", "beginnre", 1),
            # A sixth tester's, at the communication skill ("did you mean"): an answer's word
            # said "at" or "with" the task, after "i'm" or "im".
            ("skill_communication", "im ok at talking to people", 2),
            ("skill_communication", "I'm good with people", 2),
            ("skill_mathematics", "pretty good at math", 2),
            ("task_modeling", "fine with that", 2),
            ("task_modeling", "im not really into it", 1),
            # More of that tester's: "sounds ..." and a word for how the work would feel.
            ("task_deployment", "i guess it's ok", 2),
            ("task_deployment", "sounds boring tbh", 1),
            ("task_deployment", "yeah that sounds nice actually", 3),
            ("task_deployment", "that sounds amazing", 4),
            ("skill_mathematics", "none really, never heard of those", 0),
            ("skill_mathematics", "im a beginner", 1),  # "i'm" says nothing more
            ("skill_mathematics", "im good", 2),
            # A seventh tester's, with a reason or a second clause (turned down): the answer
            # one clause gives when no other says otherwise, and a choice's own words.
            ("task_modeling", "yes! that's exactly what I want to get into", 3),
            ("task_modeling", "I'd really like it, that's why I'm here", 4),
            ("task_modeling", "pretty much my current job, I like it", 3),
            ("task_modeling", "somewhere in between, neutral I guess", 2),
            ("task_modeling", "no thanks, not my thing", 1),
            ("task_modeling", "kinda in the middle", 2),
            ("code", "quick experiments in notebooks mostly", "prototyping"),
            # A choice's word beside a negation or "but" is no choice (a tester's was
            # recorded Prototyping and became a reason in her result).
            ("code", "i dont really code lol. but i love prototyping in figma!", None),
            ("code", "i dont do production", None),
            ("skill_mathematics", "just beginning", 1),
            ("skill_mathematics", "never touched it", 0),
            # An eighth tester's: "all" in a reason had read as Both, against the answer.
            ("code", "production obviously, thats all i do at work", "production"),
            ("code", "all of them", "both"),
            ("code", "all", "both"),
            ("code", "all of the above", "both"),
            # A number alone in a clause, hedges aside, is a position, in the last clause also
            # after a reason; a number inside a clause is a quantity, a heart no number.
            ("skill_communication", "2 i guess", 1),
            ("skill_communication", "did presentations in college. 2 i guess", 1),
            ("task_modeling", "love it! <3", 4),
            # Not in the first clause before a reason: "5, jk", "1, let me think", "2, go back"
            # and a level counted from 1 ("1, did one course") would be read wrongly (a
            # reviewer's, when it was tried; a student's "5 - this is exactly what i want").
            ("task_modeling", "5, jk", None),
            ("task_modeling", "1, let me think", None),
            ("skill_mathematics", "1, did one course", None),
            # Beside an answer in words of its own the words win (levels counted from 0);
            # beside a sound ("ok", "yes") a number in the last clause does (a tester's "ok"
            # had read Developing, where 2 is Beginning).
            ("skill_machine_learning", "developing (2)", 2),
            ("skill_machine_learning", "intermediate, 2", 2),
            ("skill_communication", "im ok at explaining stuff, did presentations. 2 i guess", 1),
            ("task_modeling", "yes, 5", 4),
            # Every reading word for word before a near miss, and no near miss that a negation
            # or another answer's word turns (a tester's "I'd probably like it" was Love it,
            # "i would dislike it" and "i'd really hate it" had been Like it and Love it).
            ("task_modeling", "I'd probably like it", 3),
            ("task_modeling", "i would dislike it", 0),
            ("task_modeling", "i'd not like it", 1),
            ("task_modeling", "i wuold like it", 3),
            ("task_modeling", "i really dont like it", 0),  # "dont" for "do not"
            ("task_modeling", "i wouldnt like it", 1),
            # A negative sound keeps its answer against a number ("no, 5" had been Love it).
            ("task_modeling", "no, 5", 1),
            ("skill_machine_learning", "3 - developing", 2),
            ("skill_machine_learning", "beginner, 1 year of python", 1),
            ("skill_machine_learning", "developing, 3 years", 2),
            ("task_modeling", "4 love it", 4),
            # Two testers' (a product manager in Berlin, an accountant in Cairo) were refused.
            ("skill_business_acumen", "Accomplished. I define KPIs like on-time delivery", 3),
            ("skill_deep_learning", "Nothing yet, to be honest.", 0),
            ("checkpoint", "rate my skills first, please", "skills"),
            ("task_modeling", "i don't think so, neutral", 2),  # see below: a phrase left out
            # Particles of courtesy: testers in Jakarta and Manila were refused.
            ("skill_machine_learning", "beginner lah", 1),
            ("skill_machine_learning", "beginning lang po", 1),
        ],
    )
    def test_a_typed_answer_means_its_option(
        self, data: BotData, step: str, typed: str, value: Answer
    ) -> None:
        assert data.quiz.typed_answer(step, typed, data.kb.messages) == value

    @pytest.mark.parametrize(
        ("typed", "move"),
        [
            ("not now", "skip"),
            ("maybe later", "skip"),
            ("skip please", "skip"),
            ("go back", "back"),
            ("oops, go back", "back"),  # a seventh tester's got the FAQ's answer on Back
            ("resume the quiz please", "quiz"),  # a ninth tester's got a description of it
            ("ok but skip", "skip"),  # "but" is a courtesy (a reviewer's had saved Neutral)
            ("ok i do the quiz", "quiz"),
            # A move as its own clause before a statement (a tester's got how to go back).
            ("actually go back, I overrated communication", "back"),
            ("skip it, too personal", "skip"),
            ("wait, go back. i said love it but i was thinking of dashboards", "back"),
            # Asking for /forget in words (testers': a student's, a nurse's), which still
            # asks Yes or No before anything is deleted.
            ("please delete all my data", "forget"),
            ("can you remove my information?", "forget"),
            ("forget me", "forget"),
            # Nigerian Pidgin around a move (a teacher's got the help on changing answers).
            ("ok make we start the quiz", "quiz"),
            # A project manager's were asked again.
            ("i go back", "back"),
            ("i skip this", "skip"),
        ],
    )
    def test_a_typed_move_is_that_move(self, data: BotData, typed: str, move: str) -> None:
        # "not now" on the tools step had heard "that one isn't on this list".
        assert data.quiz.navigation.move(typed) == move

    @pytest.mark.parametrize(
        "typed",
        [
            "next, what is mlops?",
            "neutral, skip it",
            "ok, i see",
            "go back to school",
            # A bare move word before an answer: the answer's (a reviewer's paused the quiz).
            "stop. i love it",
            "back. like it",
            "skip this one, tell me more",  # a reviewer's skipped, with "skip this one" a move
            # About deleting, not asking for it: the FAQ's, or no request at all.
            "how do i delete my data",
            "don't delete my data",
            "forget me not",
        ],
    )
    def test_a_question_or_an_answer_beside_a_move_word_is_no_move(
        self, data: BotData, typed: str
    ) -> None:
        assert data.quiz.navigation.move(typed) is None

    @pytest.mark.parametrize(
        ("typed", "consent"),
        [
            ("yes", True),
            ("yes, delete it all", True),
            ("yes delete it", True),  # a tenth tester's was taken for a question
            ("no keep them", False),
            ("no", False),
            # A reviewer's: a reply that deletes everything must say so, and ask nothing.
            ("yes all?", None),
            ("ok, all?", None),
            ("yes it", None),
            ("yes? delete it?", None),
            ("dont keep them", None),
            ("yes keep them", None),
            ("no delete it all", None),
            ("yes but why", None),
            ("yes but", None),  # a courtesy elsewhere, a doubt at a prompt
            # A tester's "yes please, delete everything" kept it all: the label's verb with
            # what it acts on is a yes.
            ("yes please, delete everything", True),
            ("ya delete", True),  # a developer's kept everything
            ("ja, delete it all", True),  # a project manager's kept everything
            # Courtesies elsewhere, a doubt here: each had deleted everything (a reviewer's).
            ("ya wait", None),
            ("yes wait", None),
            ("yeah actually", None),
            ("oops yes", None),
            ("delete my data", True),
            ("ok delete all my answers", True),
            ("no, keep my data", False),
            ("dont delete everything", None),
            ("yes keep everything", None),
            ("delete everything?", None),
            # A yes or no in the first clause is not enough: a reviewer's "ok, cancel" and
            # "ok, don't delete anything" had deleted everything (a tester's "yes please
            # delete everything, i dont want my answers kept" keeps it, asked as a question).
            ("ok, cancel", None),
            ("ok, don't delete anything", None),
            ("no, i want it all gone", None),
            ("yes please delete everything, i dont want my answers kept", None),
            ("no, delete everything", None),
        ],
    )
    def test_a_typed_reply_to_the_forget_prompt(
        self, data: BotData, typed: str, consent: bool | None
    ) -> None:
        navigation = data.quiz.navigation
        assert navigation.consent(typed, ("Yes, delete it all",), ("No, keep them",)) is consent

    @pytest.mark.parametrize("typed", ["lets continue", "carry on", "continue", "resume"])
    def test_words_that_answer_the_checkpoint_or_ask_are_no_move(
        self, data: BotData, typed: str
    ) -> None:
        """Moves are read before answers: "lets continue" at the checkpoint would loop on
        "we're in the middle of the quiz" (a reviewer's), and "resume" may be a CV."""
        assert data.quiz.navigation.move(typed) is None

    @pytest.mark.parametrize(
        ("typed", "skips"),
        [
            ("tbh i dont code", True),
            # With a reason after it (a tester's got "did you mean"); not when it asks.
            ("i dont write code, never done that", True),
            ("i dont code, is that a problem?", False),
            ("i dont code, what is prototyping", False),  # a question without its mark
            ("i dont code much", False),
            ("i dont really code lol, only a bit of SQL. but i love prototyping in figma!", True),
        ],
    )
    def test_i_dont_code_skips_the_coding_question(
        self, data: BotData, typed: str, skips: bool
    ) -> None:
        assert data.quiz.skips("code", typed) is skips

    @pytest.mark.parametrize(
        ("typed", "named"),
        [
            ("why not ML engineer?", "ml engineer"),
            ("hmm why not mle", "mle"),  # a hedge before it
            ("What about a data analyst", "data analyst"),
            ("why is python used", None),
        ],
    )
    def test_why_not_names_what_follows_it(
        self, data: BotData, typed: str, named: str | None
    ) -> None:
        assert data.quiz.why_not_named(typed) == named

    @pytest.mark.parametrize(
        "typed",
        [
            "meh",
            "super good",
            "yes yes",
            "Nope!!",
            "strong-ish",
            "good at it",
            "im good",
            "hell no",
            "no way",
            "yes i do",
        ],
    )
    def test_a_short_reply_with_an_answers_word_is_answer_like(
        self, data: BotData, typed: str
    ) -> None:
        assert data.quiz.answer_like(typed)

    @pytest.mark.parametrize(
        "typed",
        [
            "salary",  # no answer's word: a question without its question mark
            "is python good?",  # a question mark
            "good books on statistics for a beginner",  # more than three words
            "now",  # the checkpoint's word, not a question's
            "yes please explain",  # an asking word: a question without its question mark
            # A topic beside an answer's word: a question the FAQ suggests answers for.
            "average salary",
            "basic math",
            "beginner courses",
            "yes yes yes yes",  # four words, though only one differs
            "",
        ],
    )
    def test_a_question_or_a_long_reply_is_not_answer_like(self, data: BotData, typed: str) -> None:
        assert not data.quiz.answer_like(typed)

    @pytest.mark.parametrize(
        "typed",
        [
            *("idk", "Dunno", "i don't know", "hmm not sure tbh", "no idea", "No clue!"),
            *("not sure yet", "🤷", "🤷\u200d\u2640\ufe0f"),
        ],
    )
    def test_i_dont_know_is_unsure(self, data: BotData, typed: str) -> None:
        assert data.quiz.is_unsure(typed)

    @pytest.mark.parametrize(
        "typed", ["neutral", "no", "not really", "no idea what modeling is", "👍", "🍕", ""]
    )
    def test_an_answer_or_a_question_is_not_unsure(self, data: BotData, typed: str) -> None:
        assert not data.quiz.is_unsure(typed)

    @pytest.mark.parametrize(
        ("typed", "action"),
        [
            ("What tools should I learn?", "tools"),
            ("wat tools shud i lern", "tools"),  # a typo or two in a word
            ("what should i learn next", "path"),  # not "what tools should i learn next"
            ("Where do I start?", "path"),
            ("next steps please", "path"),  # a hedge aside
            # Real questions a word away from a request (a reviewer's): the FAQ's.
            ("how do i get hired", None),
            ("what skills should i learn", None),
            ("what should i read first", None),
            ("where do i stand", None),
            ("what do i earn first", None),
            ("what tools", None),
        ],
    )
    def test_a_request_for_a_result_button_is_read_word_for_word(
        self, quiz: Quiz, typed: str, action: str | None
    ) -> None:
        assert quiz.asked_after_result(typed) == action

    @pytest.mark.parametrize(
        ("step", "typed"),
        [
            ("task_modeling", "0"),  # no answer is at position 0
            ("task_modeling", "6"),
            ("task_modeling", "-1"),
            ("skill_mathematics", "5"),
            ("task_modeling", "skip"),  # a navigation word, never an answer
            ("task_modeling", "what is modeling?"),
            ("task_modeling", "well what is modeling"),  # a hedge leaves a question a question
            ("task_modeling", "probably not"),  # the words left are no answer either
            ("task_modeling", "tell me about data scientists"),
            ("skill_mathematics", "how much math do I need?"),
            ("code", "what is production code"),
            ("task_modeling", "?!"),
            # A reply that opens like an answer but asks stays a question; so does one that
            # opens with a number, and one whose opening is no answer.
            ("task_modeling", "no idea, what is modeling?"),
            ("task_modeling", "3, maybe 4"),
            ("task_modeling", "honestly, what does a modeler do all day"),
            # First-person words that are no answer's, or a question after them.
            ("task_modeling", "i have no idea what modeling is"),
            ("task_modeling", "i love this but what is a feature store?"),
            # An answer's opening that goes on to ask, without a question mark; and a
            # one-word answer before a question.
            ("task_modeling", "not really sure what that means"),
            ("task_modeling", "a little confused, explain modeling"),
            ("task_modeling", "yes what is modeling"),
            ("task_modeling", "yes but what is it"),  # a tester's, once read as Like it
            ("task_modeling", "love it - how long does it take to learn"),
            # An answer's words (not in the first person) before more than a word or two, or
            # before a doubt (a reviewer's, once recorded as answers).
            ("task_modeling", "a lot of people say it is hard"),
            ("task_modeling", "very much depends on the project"),
            ("task_modeling", "a lot to take in"),
            ("task_modeling", "not really sure"),
            ("task_modeling", "very much unsure"),
            ("task_modeling", "kind of lost here"),
            ("skill_mathematics", "very good question"),
            # An answer's word before "at" or "with" that goes on to ask or doubt, and one
            # before another little word; "i'm" opens no answer of its own.
            ("skill_mathematics", "ok at what"),
            ("skill_mathematics", "i am a little confused about this question"),
            ("skill_mathematics", "im not sure"),
            ("task_deployment", "sounds complicated"),  # no answer's word once "sounds" goes
            # Words after an answer that say otherwise (a reviewer's, misread as the answer):
            # another answer opposed to it, a negation after a yes, "at all" and its like.
            ("task_modeling", "no fun at all"),
            ("task_modeling", "never great at that"),
            ("skill_mathematics", "no good at it"),
            ("skill_mathematics", "good at nothing"),
            ("task_modeling", "fine at first then boring"),
            ("task_modeling", "interesting but not for me"),
            ("task_modeling", "nice but no"),
            ("task_modeling", "amazing, not"),
            # A clause after the answer that asks or doubts, with no question mark.
            ("task_modeling", "interesting, is it hard"),
            ("task_modeling", "nice, can you explain more"),
            ("skill_mathematics", "decent with python, is that enough"),
            ("task_modeling", "nice but i dont know"),
            ("task_modeling", "like it, i dont know what it is"),  # not "i know": a doubt
            # A statement's phrase hides no doubt beside a negation or a question word, and
            # "i mean" leads to a correction or a question (a reviewer's).
            ("task_modeling", "ok, cant say for sure"),
            ("task_modeling", "neutral, i know nothing about it"),
            ("task_modeling", "sure, i mean how would i know"),
            ("task_modeling", "like it, i mean what is it"),
            ("task_modeling", "hate it, i mean not really"),
            ("task_modeling", "love it, just kidding i hate it"),  # two words: anywhere
            ("task_modeling", "like it or not i have to do it"),
            # A reviewer's: a word that takes the answer back, however far after it.
            ("skill_mathematics", "accomplished, but to be honest still a beginner"),
            ("skill_mathematics", "never used it at work, but at home i am advanced"),
            ("task_modeling", "nice, but to be honest, no"),
            ("code", "production, but at the moment mostly notebooks"),
            ("code", "thats all i know"),
            ("task_modeling", "interesting, idk though"),
            ("task_modeling", "interesting, what is it"),  # a question word opens the clause
            ("task_modeling", "love it but a little scary"),  # a clause against the other
            ("code", "production or prototyping, which pays more"),  # two choices named
            # A one-letter slip only in a long answer: "quiet" is no "quite".
            ("task_modeling", "quiet"),
            ("task_modeling", ""),
            # "I don't know" is no answer: the conversation says how to choose (is_unsure).
            ("task_modeling", "idk"),
            ("skill_mathematics", "no idea"),
            # An emoji no answer lists, and one listed for another question's answers only.
            ("task_modeling", "🍕"),
            ("skill_mathematics", "👍"),
            # Numbers that give no position: one asked or doubted, a signed one, a rank (two
            # numbers, "3, maybe 4", are above).
            ("skill_machine_learning", "not sure, 2"),
            ("task_modeling", "love it! my no. 1"),
            ("task_modeling", "<3"),
            ("skill_machine_learning", "level: 2"),
            ("task_modeling", "i'd really hate it"),
            ("task_modeling", "i wouldn't love it"),
            ("task_modeling", "2?"),
            ("task_modeling", "4, my question is why"),
            ("task_modeling", "-1 i guess"),
            # A doubt after the answer's words (a tester's was recorded Like it).
            ("deep_learning_interest", "It sounds interesting, but I know too little to judge."),
            # Much experience is no "no experience" (a reviewer's was recorded None yet).
            ("skill_machine_learning", "i have lots of experience with it"),
            ("skill_machine_learning", "i have no experience, what is it"),
            # "I define" states (a tester's); asked, or turned against the answer, it does not.
            ("skill_business_acumen", "accomplished, can you define KPIs"),
            ("skill_business_acumen", "accomplished. I don't define KPIs though"),
            ("skill_deep_learning", "nothing yet, what is it"),
            # Phrases tried as answers and left out (a reviewer's): in the first person they
            # open an answer whatever follows ("i don't think so, neutral" was Not really,
            # "i haven't tried it much" None yet); "this is my strength" read "is this my
            # strength" too (a near miss is blind to word order), and "my strength lies
            # elsewhere" is none.
            ("skill_deep_learning", "i haven't tried it much"),
            ("skill_communication", "my strength lies elsewhere"),
            ("skill_communication", "is this my strength"),
            ("checkpoint", "i would like to rate my skills first, actually no"),
        ],
    )
    def test_a_question_is_not_taken_for_an_answer(
        self, data: BotData, step: str, typed: str
    ) -> None:
        assert data.quiz.typed_answer(step, typed, data.kb.messages) is None


def quiz_breakage(
    pattern: str, replacement: str, message: str, expect_at: str | None = None
) -> Breakage:
    return Breakage(QUIZ_FILE, pattern, replacement, message, expect_at)


BREAKAGES = {
    "field differs from the step id": quiz_breakage(
        r"^  code:\n(?=    \{kind: choice)",
        "  coding_style:\n",
        "differs from the step id",
        r"field: code,",
    ),
    "yaml syntax": quiz_breakage(
        r"^start: task_data_engineering",
        "start: task: data_engineering",
        "YAML syntax error",
    ),
    "duplicate step id": quiz_breakage(
        r"^  task_deployment:\n",
        "  task_modeling:\n",
        "duplicate key 'task_modeling'",
        r"^  task_modeling:\n(?=    \{kind: scale, prompt: q_task_deployment)",
    ),
    "unknown answer a question is about": quiz_breakage(
        r"about: task\.modeling\}",
        "about: task.modelling}",
        "unknown answer 'task.modelling'",
    ),
    "unknown start step": quiz_breakage(
        r"^start: task_data_engineering",
        "start: task_data_enginering",
        "unknown start step 'task_data_enginering'",
    ),
    "unknown next step": quiz_breakage(
        r"next: task_deployment,",
        "next: task_deploymnt,",
        "unknown next step 'task_deploymnt'",
    ),
    "unknown next step in an option": quiz_breakage(
        r"next: skill_machine_learning,",
        "next: skill_machine_learnin,",
        "unknown next step 'skill_machine_learnin'",
    ),
    "unreachable step": quiz_breakage(
        r"(field: task_modeling, options: interest, next: )task_deployment",
        r"\1task_business_analysis",
        "step 'task_deployment' is unreachable",
        r"^  task_deployment:$",
    ),
    "dead end (a loop without a way out)": quiz_breakage(
        r"(field: skill_business_acumen, options: level, next: )known_tools",
        r"\1skill_communication",
        "step 'skill_business_acumen' is a dead end",
        r"^  skill_business_acumen:$",
    ),
    "an unsure reply that is also an answer": quiz_breakage(
        r"unsure: \[idk, ",
        "unsure: [idk, meh, ",
        "unsure reply 'meh' is also an answer",
        r"^unsure:",
    ),
    "an asking word that is also an answer": quiz_breakage(
        r"asking: \[what, ",
        "asking: [what, nope, ",
        "asking word 'nope' is also an answer",
        r"^asking:",
    ),
    "a skip word that is also an answer": quiz_breakage(
        r"skip_says: \[i dont code, ",
        "skip_says: [both, i dont code, ",
        "skip word 'both' is also an answer",
        r"skip_says: \[both, ",
    ),
    "a hedge that is also an answer": quiz_breakage(
        r"hedges: \[i guess, ",
        "hedges: [i guess, meh, ",
        "hedge 'meh' is also an answer",
        r"^hedges:",
    ),
    "unknown tool on the tools step": quiz_breakage(
        r"\[python, sql, r\]",
        "[python, sql, rr]",
        "unknown tool 'rr'",
    ),
    "a tool offered twice": quiz_breakage(
        r"\[spark, airflow, dbt\]",
        "[spark, airflow, sql]",
        "tool 'sql' is offered twice",
    ),
    "too many buttons in a row of tools": quiz_breakage(
        r"\[spark, airflow, dbt\]",
        "[spark, airflow, dbt, kafka, hive]",
        "5 buttons in a row",
    ),
    "a tools step that fills another field": quiz_breakage(
        r"field: known_tools",
        "field: skill_communication",
        "a tools step fills 'known_tools'",
        r"^    field: skill_communication$",
    ),
    "unknown message in a prompt": quiz_breakage(
        r"prompt: q_task_modeling,",
        "prompt: q_task_modelling,",
        "unknown message 'q_task_modelling'",
    ),
    "unknown message in an option label": quiz_breakage(
        r"label: opt_interest_3,",
        "label: opt_interest_three,",
        "unknown message 'opt_interest_three'",
    ),
    "unknown option set": quiz_breakage(
        r"options: code,",
        "options: codes,",
        "unknown option set 'codes'",
    ),
    "unknown profile field": quiz_breakage(
        r"field: task_modeling,",
        "field: task_modelling,",
        "unknown profile field 'task_modelling'",
    ),
    "field asked twice": quiz_breakage(
        r"(prompt: q_task_deployment, field: )task_deployment",
        r"\1task_modeling",
        "field 'task_modeling' is also asked by 'task_modeling'",
        r"prompt: q_task_deployment, field: task_modeling",
    ),
    "option value out of range (7 in the interest set)": quiz_breakage(
        r"\{value: 4, label: opt_interest_4",
        "{value: 7, label: opt_interest_4",
        "option value 7 is out of range for task_data_engineering",
        r"^    \{kind: scale, prompt: q_task_data_engineering",
    ),
    "option value out of range (the interest set on a skill)": quiz_breakage(
        r"(field: skill_mathematics, options: )level",
        r"\1interest",
        "option value 4 is out of range for skill_mathematics",
        r"field: skill_mathematics, options: interest",
    ),
    "a number in an option's says (numbers are positions)": quiz_breakage(
        r"says: \[dislike,",
        'says: ["0", dislike,',
        "a number in says",
    ),
    "a navigation word that is also an answer": quiz_breakage(
        r"skip: \{key: s, says: \[skip,",
        "skip: {key: s, says: [skip, meh,",
        "'meh' also means an answer of option set 'interest'",
        r"^  skip: ",
    ),
    "one word for two moves": quiz_breakage(
        r"menu: \{key: m,",
        "menu: {key: b,",
        "'b' also means 'back'",
        r"^  menu: ",
    ),
    "a number as a navigation key": quiz_breakage(
        r"cancel: \{says: \[cancel,",
        'cancel: {says: ["7", cancel,',
        "'7' is a number",
        r"^  cancel: ",
    ),
    "an answer that its courtesies turn into a move": quiz_breakage(
        r"says: \[dislike,",
        "says: [skip please, dislike,",
        "answer 'skip please' without its courtesies means 'skip'",
        r"^  courtesies: ",
    ),
    "one word for yes and for no": quiz_breakage(
        r'decline: \["no",',
        'decline: ["yes", "no",',
        "'yes' is also in agree",
        r"^  decline: ",
    ),
    "a navigation move missing": quiz_breakage(
        r"^  restart: .*\n",
        "",
        "missing key 'restart'",
        r"^navigation:",
    ),
}
# Valid to the checker today, yet the question cannot be shown: the prompt is built by kind
# (`Views._prompt`), so a level step needs a skill field and a skill field needs a level step.
KIND_MISMATCHES = {
    "a skill question asked as a scale": quiz_breakage(
        r"\{kind: level(?=, prompt: q_skill, field: skill_machine_learning)",
        "{kind: scale",
        "kind",
        r"\{kind: scale, prompt: q_skill",
    ),
    "an interest question asked as a level": quiz_breakage(
        r"\{kind: scale(?=, prompt: q_task_modeling)",
        "{kind: level",
        "kind",
        r"\{kind: level, prompt: q_task_modeling",
    ),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_broken_quiz_is_reported_at_its_line_with_exit_2(
    name: str, kb_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_reported(BREAKAGES[name], kb_copy, capsys)


@pytest.mark.parametrize("name", KIND_MISMATCHES)
def test_a_kind_that_does_not_fit_the_field_is_reported(
    name: str, kb_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_reported(KIND_MISMATCHES[name], kb_copy, capsys)


def test_the_shipped_quiz_passes_kb_check(
    kb_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kb", "check", "--dir", str(kb_copy)]) == 0
    assert re.search(r"\b17 quiz steps\n$", capsys.readouterr().out)


class TestTypedTools:
    OFFERED = ("python", "sql", "excel")

    def read(self, text: str) -> object:
        return typed_tools(
            self.OFFERED, ["done"], {"python": [], "sql": [], "excel": ["sheets"]}, text
        )

    def test_a_number_in_another_script_is_the_tool_at_that_position(self) -> None:
        # Digits of any script, though they fold to no ASCII word ("\u0663" is an Arabic-Indic 3).
        assert self.read("\u0663") == TypedTools(("excel",), listed=False)
        assert self.read("\u0661, \u06f3") == TypedTools(("python", "excel"), listed=True)

    def test_text_with_no_word_and_no_number_names_no_tool(self) -> None:
        assert self.read("...") is None
        assert self.read("\u0663\u0663") is None  # 33: no such position
