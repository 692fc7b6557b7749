"""Typed text: a navigation word, an answer to the pending quiz question, or a question for
the FAQ matcher."""

from __future__ import annotations

from dataclasses import replace

from bot.content.asking import ASKS_FIRST, NEGATIONS
from bot.content.text import fold, has_words, looks_like_number
from bot.conversation.asked import THANKS, greets_only, introduces, other_answers, thanks
from bot.conversation.buttons import Buttons
from bot.conversation.commands import Commands
from bot.conversation.dialog import Dialog
from bot.conversation.payloads import Confirm, Decline
from bot.conversation.quiz_hints import QuizHints
from bot.conversation.result_actions import ResultActions
from bot.conversation.state import Confirmable
from bot.conversation.tools_text import ToolsText

# Moves that only mean something with a question pending: elsewhere "skip" or "back" is
# just text (a question), while "help" or "menu" mean the same everywhere.
QUIZ_MOVES = frozenset({"skip", "back"})
QUIZ_COMMAND = "/quiz"  # an answer that names it sends the person to the quiz
RESULT_COMMAND = "/result"  # an answer that names it says where a result is


class FreeText:
    def __init__(self, dialog: Dialog, commands: Commands) -> None:
        self.dialog, self.commands = dialog, commands
        self.tools = ToolsText(dialog)
        self.hints = QuizHints(dialog, commands)

    def read(self, text: str) -> None:
        dialog = self.dialog
        # Only in the person's private chat does text answer (and re-ask) their question.
        if not dialog.private:
            self.ask_faq(text)
            return
        if dialog.confirming is not None and self._confirmation(dialog.confirming, text):
            return
        if self._navigate(text):
            return
        step = dialog.pending_step()
        if step is not None and self._answer(step, text):
            return
        # After a result, a button's label typed back ("Path") is that button; skills added
        # to it and paused leave the result as it is.
        finished = dialog.state.finished and step is None
        if finished and ResultActions(dialog).typed(text):
            return
        if step is not None:
            if self.hints.explain(step, text):
                return
            if self.ask_faq(text, hint_at=step):
                dialog.back_to_question(step)
            else:
                dialog.ask(step)
            return
        paused = dialog.state.paused and dialog.state.step is not None
        if looks_like_number(text):
            # "0" or "5" with no question open is a button that is not there, not a question.
            dialog.say(
                "number_quiz_paused" if paused else "number_no_question", number=text.strip()[:12]
            )
            return
        self.ask_faq(text)
        if paused and has_words(text):  # a line of spaces or "👍" was taken for nothing
            dialog.say("quiz_paused_hint")

    def _confirmation(self, what: Confirmable, text: str) -> bool:
        """Text at a Yes/No prompt: a typed yes or no answers it ("cancel" is a no, "start over"
        a yes to starting over), another navigation word does what it always does (the prompt
        is dropped), a question is answered and drops the prompt, clearing nothing, and a
        number or an emoji leaves it open: it is on screen, so "3" answers no quiz question."""
        dialog = self.dialog
        yes, no = dialog.views.confirm_labels(what)
        consent = dialog.quiz.navigation.consent(text, (yes,), (no,))
        unhedged = dialog.quiz.readings(text)[1]
        if consent is None and unhedged:  # "hmm actually yes"
            consent = dialog.quiz.navigation.consent(unhedged, (yes,), (no,))
        move = dialog.quiz.navigation.move(text)
        if consent is None and move == "cancel":
            consent = False
        elif consent is None and move == what == "restart":
            consent = True  # "restart" at the forget prompt drops it and asks about restarting
        if consent and "?" in text:
            # "delete it?" or "yes?" may ask what the Yes does: what clears or deletes waits
            # for a plain yes (it had deleted everything), and the prompt stays.
            dialog.say("confirm_asked")
            dialog.ask_to_confirm(what)
            return True
        if consent is not None:
            buttons = Buttons(dialog, self.commands)
            if consent:
                buttons.confirm(Confirm(what))
            else:
                buttons.decline(Decline(what))
            return True
        if move is not None and move != what and self._moves(move):
            return False  # the move drops the prompt and does what it always does
        # A number or an emoji is no question, nor a statement with the Yes button's verb that
        # no reading took (a tester's "Yes, please go ahead and delete my information." kept
        # all), nor the words that asked for it ("forget me"): it stays, nothing done to them.
        hint = move == what or looks_like_number(text) or not has_words(text)
        if hint or self._says_yes(what, yes, text):
            dialog.say("confirm_hint")
            dialog.ask_to_confirm(what)
            return True
        # A question moves on: it is answered and the prompt dropped, nothing cleared. Kept
        # open, the prompt came back under the answer, and a tester's "1" for the answer's
        # first link was taken as "Yes, start over".
        self.ask_faq(text)
        dialog.say(f"{what}_dropped")
        pending = dialog.pending_step()
        if pending is not None:
            dialog.ask(pending)
        return True

    def _says_yes(self, what: Confirmable, yes: str, text: str) -> bool:
        """A statement with the Yes button's verb: "delete", or "start over" ("start" alone
        is too common; a tester's "Yes, please go ahead and start over." dropped the prompt)."""
        quiz, words = self.dialog.quiz, 1 if what == "forget" else 2
        return _says_verb(yes, text, quiz.asking | ASKS_FIRST, quiz.navigation.yeses, words=words)

    def _navigate(self, text: str) -> bool:
        move = self.dialog.quiz.navigation.move(text)
        if move is None or not self._moves(move):
            return False
        self.commands.run(move, "")
        return True

    def _moves(self, move: str) -> bool:
        """Whether a typed move means something here: Skip and Back only with a question."""
        return move not in QUIZ_MOVES or self.dialog.pending_step() is not None

    def _answer(self, step: str, text: str) -> bool:
        """Record the answer the text means; a number that is no answer's position gets a
        hint about the quiz (not the general fallback) and the question again."""
        dialog = self.dialog
        asks = step in dialog.quiz.questions or step == dialog.quiz.tools_step  # not a checkpoint
        if asks and dialog.quiz.is_unsure(text):
            self.hints.unsure(step)
            return True
        if self.hints.accepted(step, text):
            return True
        if step in dialog.quiz.questions and self.hints.between(step, text):
            return True
        if dialog.quiz.skips(step, text):
            self.commands.run("skip", "")
            return True
        if step == dialog.quiz.tools_step:
            if self.tools.read(step, text):
                return True
        else:
            value = dialog.quiz.typed_answer(step, text, dialog.kb.messages)
            if value is not None:
                dialog.record_answer(step, value, replace_message=False, noted=True)
                return True
        number = text.strip()
        if not looks_like_number(number):
            return False
        self.hints.number(step, number)
        return True

    def ask_faq(self, text: str, hint_at: str | None = None) -> bool:
        """Answer `text` from the FAQ. At question `hint_at`, a short reply that reads as an
        answer the quiz does not know ("pretty good", "meh" at a skill) and that the FAQ does
        not answer gets a hint on how to answer instead, and False: testers got "Did you
        mean: Bye! / Hi!" for "pretty good"."""
        if self._other_language(text):
            return True
        match = self.dialog.context.reader.match(text)
        quiz = self.dialog.quiz
        if match.outcome == "not_answered" and thanks(text, self.dialog.kb, quiz):
            match = replace(match, outcome="answer", id=f"faq.{THANKS}", reason="ok")
        if hint_at in quiz.questions and self.hints.instead_of(hint_at, text, match):
            return False
        met = match.outcome == "not_answered" and introduces(text, self.dialog.kb, quiz)
        if match.outcome != "answer" and match.reason in {"unsure", "unknown"} and not met:
            self.dialog.misses.append((" ".join(text.split()), match.outcome))
        has_result = self.dialog.has_result
        in_quiz = self._in_quiz()
        views = self.dialog.views
        if self.dialog.state.known and greets_only(text, match.id, met=met):
            reply = views.greeting_again(in_quiz=in_quiz, has_result=has_result)
        else:
            reply = views.faq_reply(match, in_quiz=in_quiz, has_result=has_result, met=met)
        self.dialog.show(reply)
        if match.outcome != "answer":
            return True
        if has_result and self._needs_reminder(match.id, views.book.text(match.id or "")):
            # "Take /quiz to see your gaps" read as if the quiz were still to do: the answer
            # went without it (answer_text.py), and this says where the result is.
            self.dialog.show(self.dialog.context.result_views.result_reminder())
        others = other_answers(text, match.id, self.dialog.context)
        if others:
            self.dialog.show(self.dialog.views.answer_buttons("also_asked", others))
        return True

    def _needs_reminder(self, answer_id: str | None, text: str) -> bool:
        """After a result (the caller's check), an answer that sends the person to /quiz says
        where the result is, unless it says so itself or is small talk ("thanks" is no
        moment for it)."""
        small_talk = answer_id in self.dialog.context.matcher.about_the_bot
        return QUIZ_COMMAND in text and RESULT_COMMAND not in text and not small_talk

    def _in_quiz(self) -> bool:
        """A quiz question waits in the person's own chat: the reply is followed by it."""
        return self.dialog.private and self.dialog.pending_step() is not None

    def _other_language(self, text: str) -> bool:
        """A message in a language the bot does not speak gets its reply in that language,
        with the English answer when the (multilingual) embedding model is sure of one."""
        context = self.dialog.context
        code = context.language.detect(text)
        if code is None:
            return False
        semantic = context.models.matcher if context.models else None
        if semantic is not None and not semantic.embedder.multilingual:
            semantic = None  # an English-only model would only echo shared names and numbers
        match = semantic.match(text) if semantic else None
        answer = match.id if match is not None and match.outcome == "answer" else None
        # Kept for `kb misses` like any question the bot could not answer in its words.
        self.dialog.misses.append((" ".join(text.split()), "other_language"))
        self.dialog.show(self.dialog.views.other_language(code, answer, in_quiz=self._in_quiz()))
        return True


def _says_verb(
    label: str, text: str, asking: frozenset[str], yeses: frozenset[str], *, words: int
) -> bool:
    """Whether a statement uses a Yes/No button's verb, the first `words` after its yes
    ("delete" of "Yes, delete it all", "start over" of "Yes, start over"), with no negation
    and nothing that asks: "don't delete anything" and "how do I delete my account" move on
    as before (a reviewer's were held at the prompt, and an "ok" next deleted everything).
    Only after a yes and with no "but": "i wanted to start over but changed my mind" was held
    too (a reviewer's)."""
    verb, said = " ".join(fold(label).split()[1 : 1 + words]), fold(text).split()
    plain = NEGATIONS.isdisjoint(said) and asking.isdisjoint(said) and "?" not in text
    plain = plain and bool(said) and said[0] in yeses and "but" not in said
    return plain and bool(verb) and f" {verb} " in f" {' '.join(said)} "
