"""The bot without a transport: `Engine.handle(event) -> replies`.

Every event of one person runs under that person's lock (the event isolation): read the
state, decide, save the state, and only then return the replies, so a reply never announces
something that is not yet stored. Deciding (`Turn`) is pure: no I/O, the clock passed in.
Unanswered questions and usage events go to the analytics, after the state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.content.knowledge import Knowledge
from bot.content.quiz import Quiz
from bot.content.recommender_config import RecommenderConfig
from bot.conversation.admin_views import misses_report, stats_report
from bot.conversation.context import TurnContext
from bot.conversation.events import Event, Reply
from bot.conversation.state import NewerStateError, StateError, UserState, migrate
from bot.conversation.turn import Turn
from bot.matching.background import Background
from bot.matching.matcher import FaqMatcher
from bot.storage.analytics import Analytics
from bot.storage.contract import StateStore
from bot.storage.isolation import EventIsolation

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
ADMIN_COMMANDS = frozenset({"stats", "misses"})  # to anyone else they do not exist
ADMIN_LIST_LIMIT = 20
STATS_WINDOW = timedelta(days=7)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Engine:
    def __init__(
        self,
        kb: Knowledge,
        quiz: Quiz,
        recommender: RecommenderConfig,
        *,
        store: StateStore,
        isolation: EventIsolation,
        analytics: Analytics,
        matcher: FaqMatcher | None = None,
        models: Background | None = None,
        clock: Clock = utc_now,
        charts: bool = True,
    ) -> None:
        self.store = store
        self.isolation = isolation
        self.analytics = analytics
        self.clock = clock
        self.context = TurnContext(kb, quiz, matcher or FaqMatcher(kb), recommender, charts, models)

    async def handle(self, event: Event) -> list[Reply]:
        async with self.isolation.lock(event.user_id):
            if event.update_id is not None and await self.store.seen_update(event.update_id):
                return []  # a redelivered update: acknowledged, not applied twice
            if event.admin and event.command in ADMIN_COMMANDS:
                return [await self._admin(event.command)]
            stored = await self.store.get(event.user_id)
            try:
                state, notice = self._load(stored)
            except NewerStateError as exc:
                # A newer instance wrote it: answer politely and leave it exactly as it is.
                log.warning("state of a newer version left alone: %s", exc)
                return [self.context.views.say("error_apology")]
            turn = Turn(self.context, state, notice)
            replies = turn.handle(event)
            await self._commit(event.user_id, stored, turn, event.update_id)
        return replies

    async def opening(self, user_id: int) -> list[Reply]:
        """What to show when a person comes back (the terminal chat's start): the pending
        question if a quiz is under way, otherwise the greeting."""
        async with self.isolation.lock(user_id):
            stored = await self.store.get(user_id)
            try:
                state, notice = self._load(stored)
            except NewerStateError:
                return [self.context.views.say("error_apology")]
            turn = Turn(self.context, state, notice)
            replies = turn.opening()
            await self._commit(user_id, stored, turn)
        return replies

    async def current_screen(self, user_id: int) -> list[Reply]:
        """The screen a person is at, changing nothing: for a redelivered press, whose first
        reply may have been lost with the instance that applied it (see `Turn`)."""
        try:
            state, notice = self._load(await self.store.get(user_id))
        except NewerStateError:
            return []  # a newer instance's state: the first reply was that instance's
        return Turn(self.context, state, notice).current_screen()

    async def _admin(self, command: str) -> Reply:
        kb = self.context.kb
        if command == "misses":
            return misses_report(kb, await self.analytics.top_misses(ADMIN_LIST_LIMIT))
        since = self.clock() - STATS_WINDOW
        people = await self.store.count_people()
        return stats_report(kb, people, await self.analytics.count_events(since))

    def _load(self, stored: str | None) -> tuple[UserState, str | None]:
        quiz = self.context.quiz
        if stored is None:
            return UserState(quiz.version), None
        try:
            state = UserState.from_json(stored)
            state, notice = migrate(state, quiz)
            state.check_against(quiz)
        except NewerStateError:
            raise
        except StateError as exc:
            # Unreadable state cannot be repaired; start clean rather than fail forever.
            log.warning("discarding unreadable state: %s", exc)
            return UserState(quiz.version), None
        return state, notice

    async def _commit(
        self, user_id: int, stored: str | None, turn: Turn, update_id: int | None = None
    ) -> None:
        """Store the turn's state with the update's processed mark in one transaction: a
        process killed before it left no trace (the update is redelivered and applied),
        after it the redelivered copy is recognised (not applied twice)."""
        now = self.clock()
        new = turn.state.to_json()
        # Nothing is stored for someone who only asked questions: no state, no row.
        untouched = stored is None and turn.keeps_nothing
        if turn.forget:
            await self.store.delete(user_id, update_id)
        elif new != stored and not untouched:
            await self.store.save(user_id, new, update_id)
        elif update_id is not None:
            await self.store.mark_update(update_id)
        for text, kind in turn.misses:
            await self.analytics.record_miss(text, kind, now)
        for kind, detail in turn.events:
            await self.analytics.record_event(kind, detail, now)
