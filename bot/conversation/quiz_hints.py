"""What to say at a quiz question to a reply that answered nothing: someone unsure, a
number no answer has, or a reply that reads as a try at an answer (in place of the FAQ's
guesses at it)."""

from __future__ import annotations

from dataclasses import replace

from bot.content.asking import states_only
from bot.content.hedges import without_hedges
from bot.content.likely_answers import answer_range
from bot.content.questions import Answer
from bot.content.text import fold
from bot.conversation.asked import REQUESTS, introduces
from bot.conversation.commands import Commands
from bot.conversation.dialog import Dialog
from bot.matching.matcher import Match


class QuizHints:
    def __init__(self, dialog: Dialog, commands: Commands) -> None:
        self.dialog, self.commands = dialog, commands

    def unsure(self, step: str) -> None:
        dialog = self.dialog
        if dialog.unsure_again(step):
            # Asked a third time, someone unsure is no surer (a tester typed it on and on).
            dialog.say("quiz_unsure_again")
            self.commands.run("skip", "")
            return
        # "Move on", not "leave it out": after Back, Skip keeps the answer given.
        kind = dialog.quiz.steps[step].kind
        dialog.say(f"quiz_unsure_{kind}", skip=dialog.quiz.navigation.word("skip").says[0])
        dialog.ask(step)

    def number(self, step: str, number: str) -> None:
        """A number that is no answer's position: a word about the quiz (not the general
        fallback) and the question again."""
        dialog = self.dialog
        keys = dialog.quiz.navigation
        dialog.say(
            "quiz_number_hint",
            number=number[:12],
            count=len(dialog.quiz.options(step) or dialog.quiz.tool_ids(step)),
            skip=keys.key("skip"),
            back=keys.key("back"),
            menu=keys.key("menu"),
        )
        dialog.ask(step)

    def instead_of(self, step: str, text: str, match: Match) -> bool:
        """Whether a hint takes the place of the FAQ's reply at question `step`: unless the
        FAQ answers for sure (small talk aside: "not so good" at a skill is a rating, not
        "not helpful"), a reply that opens with an answer's words gets that answer named,
        to press ("developing i think? i did some CNNs": testers read "I'm not sure I can
        answer that"), and a short one that reads like an answer, how to answer. (A range
        was read before: `between`.)"""
        if self._answered(match):
            return False
        quiz = self.dialog.quiz
        likely = quiz.likely_answer(step, text, self.dialog.kb.messages)
        if likely is not None:
            self.offer(step, likely)
            return True
        # A statement that reads as no answer and that the FAQ does not answer either ("hmm,
        # acho que not really, i clean data ... but it is boring"): how to answer. "I'm not
        # sure I can answer that one" read to three testers as a reply to a question they had
        # not asked, and their words were kept as one (a question is kept; this is not).
        unknown = match.outcome == "not_answered" and match.reason == "unknown"
        states = states_only(text, quiz.asking | REQUESTS)
        said = unknown and states and not introduces(text, self.dialog.kb, quiz)
        if quiz.answer_like(text) or said:
            keys = quiz.navigation
            count = len(quiz.options(step))
            self.dialog.say("quiz_answer_hint", count=count, skip=keys.key("skip"))
            return True
        return False

    def between(self, step: str, text: str) -> bool:
        """Two answers given as a range ("between beginning and developing?"): which to pick,
        with nothing recorded, and the question again. Read before a typed answer, which took
        "developing or accomplished" as Accomplished, and before the FAQ, which answered
        "beginning or developing" with the skill levels (a reviewer's, a teacher's)."""
        quiz, kb = self.dialog.quiz, self.dialog.kb
        options = quiz.options(step)
        values = [o.value for o in options]
        choices = quiz.choices(step, kb.messages)
        pair = answer_range(text, choices, values, quiz.hedges, quiz.asking)
        if pair is None:
            return False
        low, high = (kb.text(next(o.label for o in options if o.value == v)) for v in pair)
        self.dialog.say(f"quiz_between_{quiz.steps[step].options}", low=low, high=high)
        self.dialog.ask(step)
        return True

    def _answered(self, match: Match) -> bool:
        about_the_bot = self.dialog.context.matcher.about_the_bot
        return match.outcome == "answer" and match.id not in about_the_bot

    def accepted(self, step: str, text: str) -> bool:
        """A typed yes or no to "Did you mean X?", asked at this question the turn before:
        yes, or a confirmation ("that's right"), records X and says so; no records nothing
        ("no" had been Not really, a reviewer's) and asks again; a yes with words no reading
        takes gets the offer again (`_yes_alone`)."""
        dialog = self.dialog
        offer = dialog.offer
        if offer is None or offer[0] != step or dialog.quiz.option(step, offer[1]) is None:
            return False
        quiz = dialog.quiz
        said = quiz.navigation.consent(text, (), ())
        if said is None:  # "no lol", "well no": a hedged no declines, as a hedged yes takes
            said = quiz.navigation.consent(without_hedges(fold(text), quiz.hedges), (), ())
        if said is None and quiz.navigation.confirmed(text, (*quiz.openers, *quiz.hedges)):
            said = True
        if said is None and self._yes_alone(step, text, offer[1]):
            self.offer(step, offer[1])
            dialog.ask(step)
            return True
        if said is True:
            dialog.record_answer(step, offer[1], replace_message=False, noted=True)
        elif said is False:
            dialog.say("quiz_offer_declined", skip=dialog.quiz.navigation.key("skip"))
            dialog.ask(step)
        return said is not None

    def _yes_alone(self, step: str, text: str, offered: Answer) -> bool:
        """Whether a reply is a one-word yes and words no reading takes ("Yes, genau.", read
        as a typed "yes", Like it, against the Not really offered): taken for neither, the
        offer is made again. Words that are an answer ("yes i like it") are that answer."""
        quiz, labels = self.dialog.quiz, self.dialog.kb.messages
        first, _, rest = fold(text).partition(" ")
        if first not in quiz.navigation.yeses or not rest:
            return False
        read = quiz.typed_answer(step, text, labels)
        alone = quiz.typed_answer(step, rest, labels) is None
        return (
            alone and read not in (None, offered) and read == quiz.typed_answer(step, first, labels)
        )

    def offer(self, step: str, likely: Answer) -> None:
        """ "Did you mean X?": X kept for the next turn's yes."""
        self.dialog.state = replace(self.dialog.state, offered=(step, likely))
        option = next(o for o in self.dialog.quiz.options(step) if o.value == likely)
        skip = self.dialog.quiz.navigation.key("skip")
        self.dialog.say("quiz_answer_maybe", answer=self.dialog.kb.text(option.label), skip=skip)

    def explain(self, step: str, text: str) -> bool:
        """A question on what the question asks about ("what is that?"): the answer on it,
        then the question (a beginner's "what even is that lol" had got "Hi again!", "what is
        that" nothing)."""
        quiz = self.dialog.quiz
        about = quiz.steps[step].about
        if about is None or not quiz.navigation.explains(text, quiz.hedges):
            return False
        self.dialog.show(self.dialog.views.faq_answer(about, quiz_known=True))
        self.dialog.back_to_question(step)
        return True
