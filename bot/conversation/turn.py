"""One event, decided: a command, a button press or typed text becomes a new state and
replies. Each kind of event has its own part (`commands`, `buttons`, `free_text`); what they
build up and the moves they share are the `Dialog`.

Pure apart from rendering the chart: no I/O, no clock. The engine loads the state before and
saves it after; `misses` and `events` are what the engine records anonymously.
"""

from __future__ import annotations

from dataclasses import replace

from bot.conversation.buttons import Buttons
from bot.conversation.commands import Commands
from bot.conversation.context import TurnContext
from bot.conversation.dialog import Dialog
from bot.conversation.events import Event, Reply
from bot.conversation.free_text import FreeText
from bot.conversation.quiz_hints import QuizHints
from bot.conversation.state import UserState


class Turn:
    def __init__(self, context: TurnContext, state: UserState, notice: str | None) -> None:
        self.dialog = Dialog(context, state)
        self.commands = Commands(self.dialog)
        if notice is not None:
            self.dialog.show(context.views.notice(notice))

    def handle(self, event: Event) -> list[Reply]:
        self.dialog.private = event.private
        if event.private:  # a group message leaves the private chat's Yes/No question open
            self.dialog.take_confirmation()
        if event.payload is not None:
            Buttons(self.dialog, self.commands).press(event.payload)
        elif event.command is not None:
            self.commands.run(event.command, event.arg)
        else:
            FreeText(self.dialog, self.commands).read(event.text)
        return self.dialog.replies

    def opening(self) -> list[Reply]:
        """A person comes back: the pending question, their result's choices, or the
        greeting. (The greeting's "Take the quiz" after a result took a tester's "1", meant
        for the result's first button, which a reopened terminal no longer shows.)"""
        pending = self.dialog.pending_step()
        if pending is not None:
            self.dialog.say("quiz_welcome_back")
            self._offer_again(pending)
            self.dialog.ask(pending)
            return self.dialog.replies
        # /cancel or Menu, then the chat closed: after a result, the questions added to it;
        # before one, the quiz itself, when something was answered (else the greeting).
        paused = self.state.step is not None
        if self.dialog.nothing_answered():
            self.dialog.show(self.dialog.views.greeting())
        elif self.state.finished:
            self.dialog.show(self.dialog.context.result_views.welcome_back(paused=paused))
        else:
            self.dialog.show(self.dialog.views.greeting(paused=paused))
        return self.dialog.replies

    def _offer_again(self, step: str) -> None:
        """A "Did you mean X?" left open when the chat closed stands, said again: a tester's
        "yes" to it after a restart had been read as Like it."""
        offer = self.dialog.offer
        if (
            offer is not None
            and offer[0] == step
            and self.dialog.quiz.option(step, offer[1]) is not None
        ):
            QuizHints(self.dialog, self.commands).offer(step, offer[1])

    def current_screen(self) -> list[Reply]:
        """Where the person is, for a press that was applied before and arrives again: the
        pending question in place of the pressed message (when the first reply did arrive,
        that edit changes nothing and Telegram shows nothing new), or the result's text in
        its place (without a second chart: drawing one is the costly part of a reply)."""
        pending = self.dialog.pending_step()
        if pending is not None:
            self.dialog.ask(pending, replace_message=True)
            return self.dialog.replies
        if self.state.step is None and self.state.finished:
            self.dialog.show_result(updated=False)
        texts = [reply for reply in self.dialog.replies if reply.image is None]
        return [replace(reply, replace=True) for reply in texts[:1]]

    # what the engine stores and records ------------------------------------------------

    @property
    def state(self) -> UserState:
        return self.dialog.state

    @property
    def forget(self) -> bool:
        return self.dialog.forget

    @property
    def keeps_nothing(self) -> bool:
        return self.dialog.keeps_nothing()

    @property
    def misses(self) -> list[tuple[str, str]]:
        return self.dialog.misses

    @property
    def events(self) -> list[tuple[str, str]]:
        return self.dialog.events
