"""People taking the quiz: the answers they give, the result the bot owes them, and a
patient person who taps through the quiz on a bot that may lose a reply.

Labels are what a person presses; what each means is read from the quiz and its labels, not
retyped here.
"""

from __future__ import annotations

import functools
import random
import re

from bot.app import BotData, load_data
from bot.conversation.turn import TurnContext
from bot.matching.matcher import FaqMatcher
from tests.harness.bot_api import FakeBotApi, SentMessage
from tests.harness.buttons import button_data

INTEREST_LABELS = ["Dislike", "Not really", "Neutral", "Like it", "Love it"]
CODE_LABELS = ["Prototyping", "Production", "Both"]
SHOW_RESULT = "Show my result"
# What each of the first eight quiz screens shows: seven questions, then the checkpoint.
STEP_MARKERS = [f"Question {n} of 16" for n in range(1, 8)] + ["Interests done"]
# Seconds of silence before a person asks /quiz where they are: longer than a reply takes on
# a loaded machine (asking too soon only adds load). A dead instance's lock on a person lasts
# up to 10 s, and failed webhook deliveries are retried with back-off: six asks outlast both.
PATIENCE = 10.0
ASKS = 6


@functools.cache
def bot_data() -> BotData:
    return load_data()


def random_interest_labels(rng: random.Random) -> list[str]:
    """Labels for the seven interest questions (five scales, the code style, one scale)."""
    picks = [rng.choice(INTEREST_LABELS) for _ in range(5)]
    return [*picks, rng.choice(CODE_LABELS), rng.choice(INTEREST_LABELS)]


@functools.cache
def label_values() -> dict[str, str]:
    """What each quiz button label means: its answer value."""
    data = bot_data()
    return {
        data.kb.text(option.label): option.value
        for options in data.quiz.option_sets.values()
        for option in options
    }


def stored_answers(labels: list[str]) -> dict[str, str]:
    """The answers the bot stores for these labels pressed on the first questions."""
    questions = bot_data().quiz.questions[: len(labels)]
    return dict(zip(questions, (label_values()[label] for label in labels), strict=True))


def expected_best_match(labels: list[str]) -> str:
    """The role the bot must rank first for these answers, as one engine computes it."""
    data = bot_data()
    context = TurnContext(data.kb, data.quiz, FaqMatcher(data.kb), data.recommender, False)
    return context.recommend(stored_answers(labels)).ranking[0].name


def step_shown(text: str | None) -> str:
    """Which step a message shows: "Question 5 of 16", the checkpoint, or the result."""
    found = re.search(r"Question \d+ of \d+|Interests done|Best match", text or "")
    return found.group(0) if found else ""


class QuizTaker:
    """Taps through the quiz like a person: presses the button on the reply that shows the
    step they are at. When the bot goes quiet instead (an instance died after storing an
    answer but before replying), they ask /quiz to see where they are; when the step they
    just answered shows up again, that press did not go through, and they press again. A
    result that does not come is asked for with /result.

    A press's visible reply is whatever the chat shows next (a new message or an edit); what
    showed before the press and was not read yet is no reply to it, so it is passed over at
    the press. `unanswered` lists the presses after which nothing showed within `patience`."""

    def __init__(self, fake: FakeBotApi, user: int, *, patience: float = PATIENCE) -> None:
        self.fake, self.user, self.patience = fake, user, patience
        self.pressed: tuple[int, str] | None = None  # the last step answered, and how
        self.seen: list[str] = []  # the step each reply showed, for a failure's report
        self.presses: list[int] = []  # the update id of every press, in order
        # Presses after which the bot showed nothing for `patience` (the person had to ask).
        self.unanswered: list[int] = []
        self.heard = False  # whether anything showed since the last press

    async def take(self, labels: list[str]) -> None:
        """The whole quiz to its result (text and chart)."""
        self.fake.send_text(self.user, "/quiz")
        for step, label in enumerate([*labels, SHOW_RESULT]):
            await self.answer(step, label)
        await self.result()

    async def answer(self, step: int, label: str) -> None:
        """Wait for the reply showing `step`, then press `label` on it."""
        for _ in range(ASKS):
            message = await self._next_showing(step, label)
            if message is not None:
                self._press(message, step, label)
                return
            self._heard_nothing()
            self.fake.send_text(self.user, "/quiz")  # "where was I?"
        raise AssertionError(f"person {self.user}: step {step} never showed; saw {self.seen}")

    async def result(self) -> None:
        """Take replies until the result's chart: the text of the result comes before it.
        When the bot goes quiet instead (it stored the last press but died before showing
        the result), they ask /result."""
        for _ in range(ASKS):
            while message := await self.fake.next_message_within(self.user, self.patience):
                self.heard = True
                if message.is_photo:
                    return
                self._press_again_if_shown_again(message)
            self._heard_nothing()
            self.fake.send_text(self.user, "/result")
        raise AssertionError(f"person {self.user}: the result never showed; saw {self.seen}")

    async def _next_showing(self, step: int, label: str) -> SentMessage | None:
        """The next reply showing this step with this button; None after `patience` of
        silence. Other replies (a step shown twice, an answer shown late) are passed over, as
        a person scrolls past them."""
        while True:
            message = await self.fake.next_message_within(self.user, self.patience)
            if message is None:
                return None
            self.heard = True
            self.seen.append(step_shown(message.plain_text))
            if _shows(message, step, label):
                return message
            self._press_again_if_shown_again(message)

    def _heard_nothing(self) -> None:
        """Silence after a press with nothing shown since it: that press had no visible
        reply (a new message or an edit)."""
        if self.presses and not self.heard and self.presses[-1] not in self.unanswered:
            self.unanswered.append(self.presses[-1])

    def _press_again_if_shown_again(self, message: SentMessage) -> None:
        if self.pressed is not None and _shows(message, *self.pressed):
            self._press(message, *self.pressed)

    def _press(self, message: SentMessage, step: int, label: str) -> None:
        data = button_data(message, label)
        assert data is not None
        self.fake.take_shown(self.user)  # shown before the press: no reply to it
        self.presses.append(self.fake.press(self.user, message.message_id, data))
        self.pressed = (step, label)
        self.heard = False


def _shows(message: SentMessage, step: int, label: str) -> bool:
    """Whether the message shows this quiz step with a button of this label."""
    return step_shown(message.plain_text) == STEP_MARKERS[step] and bool(
        button_data(message, label)
    )
