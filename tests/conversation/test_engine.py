"""The engine: one person's events in order, different people at once, stored state always
valid, whatever events arrive."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from bot.app import BotData, build_engine, load_data
from bot.conversation.engine import Engine
from bot.conversation.events import Event, Reply
from bot.conversation.state import StateError, UserState
from bot.matching.matcher import FaqMatcher
from bot.storage.factory import Storage
from bot.storage.isolation import KeyedLocks
from bot.storage.memory import MemoryAnalytics, MemoryStore

DATA = load_data()
MATCHER = FaqMatcher(DATA.kb)


def clock() -> datetime:
    return datetime(2026, 11, 25, tzinfo=UTC)


class SlowStore(MemoryStore):
    """Yields to the event loop inside every read and write, as a networked store would, so
    that events racing each other really interleave unless the engine serialises them."""

    def __init__(self) -> None:
        super().__init__()
        self.gates: dict[int, asyncio.Event] = {}

    async def get(self, user_id: int) -> str | None:
        await asyncio.sleep(0)
        if user_id in self.gates:
            await self.gates[user_id].wait()
        return await super().get(user_id)

    async def save(self, user_id: int, state: str, update_id: int | None = None) -> None:
        await asyncio.sleep(0)
        await super().save(user_id, state, update_id)


def engine_over(
    store: MemoryStore, data: BotData = DATA, locks: KeyedLocks | None = None
) -> Engine:
    storage = Storage(store, locks or KeyedLocks(), MemoryAnalytics())
    return build_engine(storage, data, matcher=MATCHER, clock=clock, charts=False)


async def stored(store: MemoryStore, user: int) -> UserState:
    raw = await store.get(user)
    assert raw is not None
    return UserState.from_json(raw)


class TestOrdering:
    async def test_one_persons_racing_events_are_applied_one_after_another(self) -> None:
        store, locks = SlowStore(), KeyedLocks()
        engine = engine_over(store, locks=locks)
        await engine.handle(Event.typed(7, "/quiz"))
        await asyncio.gather(*(engine.handle(Event.typed(7, "4")) for _ in range(5)))
        state = await stored(store, 7)
        assert len(state.answers) == 5, "every typed answer landed on its own question"
        assert state.step == "code"
        assert len(locks) == 0, "no lock left behind"

    async def test_a_slow_person_does_not_hold_up_another(self) -> None:
        store = SlowStore()
        engine = engine_over(store)
        store.gates[1] = asyncio.Event()  # person 1's store read hangs until released
        slow = asyncio.create_task(engine.handle(Event.typed(1, "/quiz")))
        fast = await asyncio.wait_for(engine.handle(Event.typed(2, "/quiz")), timeout=2)
        assert fast[-1].key == "q_task_data_engineering"
        assert not slow.done()
        store.gates[1].set()
        assert (await slow)[-1].key == "q_task_data_engineering"


class TestStoredState:
    async def test_answers_are_stored_before_the_reply_is_returned(self) -> None:
        store = MemoryStore()
        engine = engine_over(store)
        await engine.handle(Event.typed(3, "/quiz"))
        await engine.handle(Event.typed(3, "love it"))
        assert (await stored(store, 3)).answers == {"task_data_engineering": 4}

    async def test_questions_alone_store_nothing(self) -> None:
        store = MemoryStore()
        await engine_over(store).handle(Event.typed(4, "what does a data scientist do"))
        assert await store.count_people() == 0

    async def test_unreadable_stored_state_starts_clean_instead_of_failing(self) -> None:
        store = MemoryStore()
        await store.save(5, "{not json")
        replies = await engine_over(store).handle(Event.typed(5, "/quiz"))
        assert [r.key for r in replies] == ["quiz_intro", "q_task_data_engineering"]

    async def test_a_changed_quiz_resumes_where_the_answers_still_fit(self) -> None:
        store = MemoryStore()
        old = UserState(
            DATA.quiz.version - 1,
            step="task_modeling",
            answers={"task_data_engineering": 3, "retired_question": 2},
        )
        await store.save(6, old.to_json())
        replies = await engine_over(store).handle(Event.typed(6, "/quiz"))
        assert replies[0].key == "quiz_changed_resumed"
        assert replies[-1].key == "q_task_modeling"
        assert (await stored(store, 6)).answers == {"task_data_engineering": 3}

    async def test_a_session_stored_before_the_tools_step_still_loads_and_reaches_it(
        self,
    ) -> None:
        store = MemoryStore()
        # Written by the version without a tools step: no "tools" key at all.
        before = (
            '{"answers":{"task_modeling":4},"quiz":1,"schema":1,"step":"skill_business_acumen"}'
        )
        await store.save(9, before)
        replies = await engine_over(store).handle(Event.typed(9, "Developing"))
        assert [r.key for r in replies] == ["quiz_noted", "q_known_tools"]
        assert (await stored(store, 9)).known_tools == ()

    async def test_chosen_tools_are_stored_with_the_answers_and_feed_the_result(self) -> None:
        store = MemoryStore()
        state = UserState(DATA.quiz.version, step="known_tools", answers={"task_modeling": 4})
        await store.save(10, state.to_json())
        engine = engine_over(store)
        await engine.handle(Event.typed(10, "tableau"))
        await engine.handle(Event.typed(10, "Power BI"))
        replies = await engine.handle(Event.typed(10, "done"))
        assert replies[0].key == "result"
        assert (await stored(store, 10)).known_tools == ("tableau", "power_bi")

    @pytest.mark.parametrize(
        "tools", [["tableau", "not_offered"], "tableau", [3]], ids=["unknown", "text", "number"]
    )
    async def test_stored_tools_that_do_not_fit_are_refused(self, tools: object) -> None:
        raw = json.dumps({"schema": 1, "quiz": DATA.quiz.version, "tools": tools})
        with pytest.raises(StateError):
            UserState.from_json(raw).check_against(DATA.quiz)

    async def test_a_stored_tool_with_no_button_but_in_the_knowledge_base_is_kept(self) -> None:
        """Typed at the tools step ("pandas"), it is noted; a new quiz version keeps it."""
        assert "pandas" not in DATA.quiz.tool_ids("known_tools")
        raw = json.dumps({"schema": 1, "quiz": DATA.quiz.version, "tools": ["sql", "pandas"]})
        UserState.from_json(raw).check_against(DATA.quiz)
        store = MemoryStore()
        old = UserState(DATA.quiz.version - 1, step="known_tools", known_tools=("pandas", "sql"))
        await store.save(8, old.to_json())
        await engine_over(store).opening(8)
        assert (await stored(store, 8)).known_tools == ("pandas", "sql")

    async def test_a_tool_gone_from_the_knowledge_base_leaves_the_tools_not_the_state(
        self,
    ) -> None:
        """knowledge/tools.yaml has no version of its own: its ids may change under a state."""
        store = MemoryStore()
        state = UserState(
            DATA.quiz.version,
            step="known_tools",
            answers={"task_modeling": 4},
            known_tools=("sql", "a_tool_taken_out"),
        )
        await store.save(8, state.to_json())
        await engine_over(store).opening(8)
        kept = await stored(store, 8)
        assert kept.known_tools == ("sql",)
        assert kept.answers == {"task_modeling": 4}

    async def test_a_state_saved_before_unsure_was_kept_reads_as_never_unsure(self) -> None:
        raw = json.dumps({"schema": 1, "quiz": DATA.quiz.version, "step": "task_modeling"})
        assert UserState.from_json(raw).unsure is None
        said = UserState(DATA.quiz.version, step="task_modeling", unsure="task_modeling")
        assert UserState.from_json(said.to_json()) == said

    @pytest.mark.parametrize("unsure", ["a_step_that_is_gone", 3], ids=["unknown", "number"])
    async def test_a_stored_unsure_step_that_does_not_fit_is_refused(self, unsure: object) -> None:
        raw = json.dumps({"schema": 1, "quiz": DATA.quiz.version, "unsure": unsure})
        with pytest.raises(StateError):
            UserState.from_json(raw).check_against(DATA.quiz)

    async def test_an_offered_answer_is_kept_and_read_back(self) -> None:
        """ "Did you mean X?" is remembered, so that a yes presses X (a tester's was refused)."""
        raw = json.dumps({"schema": 1, "quiz": DATA.quiz.version, "step": "task_modeling"})
        assert UserState.from_json(raw).offered is None
        said = UserState(DATA.quiz.version, step="task_modeling", offered=("task_modeling", 4))
        assert UserState.from_json(said.to_json()) == said

    @pytest.mark.parametrize(
        "offered",
        [["task_modeling"], "task_modeling", ["task_modeling", True], [3, 4]],
        ids=["short", "text", "a bool", "a number for a step"],
    )
    async def test_a_stored_offer_of_another_shape_is_dropped_not_the_state(
        self, offered: object
    ) -> None:
        """An offer lasts one turn: a bad one costs nothing, the answers stay."""
        raw = json.dumps(
            {
                "schema": 1,
                "quiz": DATA.quiz.version,
                "answers": {"task_modeling": 4},
                "offered": offered,
            }
        )
        state = UserState.from_json(raw)
        state.check_against(DATA.quiz)
        assert state.offered is None
        assert state.answers == {"task_modeling": 4}

    async def test_a_changed_quiz_forgets_where_the_person_was_unsure(self) -> None:
        store = MemoryStore()
        old = UserState(DATA.quiz.version - 1, step="task_modeling", unsure="task_modeling")
        await store.save(8, old.to_json())
        await engine_over(store).opening(8)
        assert (await stored(store, 8)).unsure is None

    async def test_a_changed_quiz_without_the_pending_step_restarts_with_a_word(self) -> None:
        store = MemoryStore()
        old = UserState(DATA.quiz.version - 1, step="a_step_that_is_gone")
        await store.save(8, old.to_json())
        replies = await engine_over(store).opening(8)
        assert replies[0].key == "quiz_changed_restart"
        assert replies[-1].key == "q_task_data_engineering"


# Random events against one engine: it never raises, and what it stores always validates.
COMMANDS = [
    "start",
    "quiz",
    "restart",
    "cancel",
    "roles",
    "role",
    "tools",
    "result",
    "help",
    "forget",
    "nonsense",
]
TEXTS = st.one_of(
    st.sampled_from(
        [
            "4",
            "love it",
            "no",
            "both",
            "accomplished",
            "what does an mle do",
            "salary?",
            "",
            "🙂",
            "<b>x</b>",
            "ml vs dl",
        ]
    ),
    st.text(max_size=80),
)


class EngineMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.store = MemoryStore()
        self.engine = engine_over(self.store)
        self.buttons: list[str] = []

    def _run(self, event: Event) -> None:
        replies: list[Reply] = self.loop.run_until_complete(self.engine.handle(event))
        assert replies, "every event gets a reply"
        shown = [b.payload for r in replies for row in r.buttons for b in row]
        self.buttons = shown or self.buttons

    @rule(index=st.integers(min_value=0, max_value=40))
    def press_a_shown_button(self, index: int) -> None:
        if self.buttons:
            self._run(Event.pressed(1, self.buttons[index % len(self.buttons)]))

    @rule(text=TEXTS)
    def type_text(self, text: str) -> None:
        self._run(Event.typed(1, text))

    @rule(name=st.sampled_from(COMMANDS), arg=st.sampled_from(["", "data analyst", "x" * 300]))
    def send_command(self, name: str, arg: str) -> None:
        self._run(Event(1, command=name, arg=arg))

    @rule(payload=st.text(max_size=70))
    def press_a_forged_button(self, payload: str) -> None:
        self._run(Event.pressed(1, payload))

    @rule()
    def restart_the_process(self) -> None:
        self.engine = engine_over(self.store)
        self.buttons = []

    @invariant()
    def stored_state_always_validates(self) -> None:
        raw = self.loop.run_until_complete(self.store.get(1))
        if raw is not None:
            state = UserState.from_json(raw)
            state.check_against(DATA.quiz)
            assert json.loads(raw)["schema"] == 1

    def teardown(self) -> None:
        self.loop.close()


TestEngineMachine = EngineMachine.TestCase
TestEngineMachine.settings = settings(
    max_examples=60,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.parametrize("raw", ["/quiz", "/QUIZ@career_bot", "  /help  "])
def test_commands_are_recognised_as_people_type_them(raw: str) -> None:
    assert Event.typed(1, raw).command in {"quiz", "help"}


@pytest.mark.parametrize("raw", ["/", "/ quiz", "//", "/👍", "a /quiz"])
def test_anything_else_is_text(raw: str) -> None:
    assert Event.typed(1, raw).command is None


async def test_state_from_a_newer_version_is_left_alone() -> None:
    store = MemoryStore()
    newer = '{"schema":2,"quiz":1,"answers":{"task_modeling":4},"future":"field"}'
    await store.save(9, newer)
    replies = await engine_over(store).handle(Event.typed(9, "/quiz"))
    assert [r.key for r in replies] == ["error_apology"]
    assert await store.get(9) == newer


async def test_a_button_from_an_older_quiz_moves_on_even_if_its_step_is_gone() -> None:
    store = MemoryStore()
    engine = engine_over(store)
    await engine.handle(Event.typed(10, "/quiz"))
    replies = await engine.handle(Event.pressed(10, "1:a:0:a_step_long_gone:4"))
    assert [r.key for r in replies] == ["quiz_stale_button", "q_task_data_engineering"]


@pytest.mark.parametrize(
    ("button", "reply"), [("1:y:forget", "forgot"), ("1:n:forget", "forget_kept")]
)
async def test_forget_from_someone_unknown_stores_nothing_and_still_answers(
    button: str, reply: str
) -> None:
    """Nothing is stored for them, not even the open question; their Yes or No still gets
    its answer, not "that question has moved on" and silence (found in the terminal)."""
    store = MemoryStore()
    engine = engine_over(store)
    await engine.handle(Event.typed(11, "/forget"))
    replies = await engine.handle(Event.pressed(11, button))
    assert [r.key for r in replies] == [reply]
    assert await store.count_people() == 0


async def test_forget_from_someone_unknown_is_done_at_once() -> None:
    """Nothing is kept, so nothing is asked: a typed "yes" would find no question open (the
    open question is not stored for someone we keep nothing about)."""
    store = MemoryStore()
    engine = engine_over(store)
    replies = await engine.handle(Event.typed(13, "/forget"))
    assert [r.key for r in replies] == ["forgot"]
    assert await store.count_people() == 0


async def test_a_group_message_leaves_the_private_yes_no_question_open() -> None:
    """A question asked in a group between the prompt and the reply: "yes" in the private
    chat still answers "Start the quiz over?", not the quiz question behind it."""
    engine = engine_over(MemoryStore())
    for raw in ("/quiz", "like it", "/restart"):
        await engine.handle(Event.typed(14, raw))
    await engine.handle(Event.typed(14, "what does an MLE do?", private=False))
    replies = await engine.handle(Event.typed(14, "yes"))
    assert [r.key for r in replies] == ["quiz_intro", "q_task_data_engineering"]


async def test_a_forget_button_from_someone_with_answers_and_no_open_question_is_old() -> None:
    store = MemoryStore()
    engine = engine_over(store)
    await engine.handle(Event.typed(12, "/quiz"))
    replies = await engine.handle(Event.pressed(12, "1:y:forget"))
    assert replies[0].key == "quiz_stale_button"
    assert await store.count_people() == 1


async def test_a_quiz_ended_with_every_question_skipped_counts_for_no_role() -> None:
    """The admin's count of finished quizzes by role holds only real suggestions: with no
    answer there is none, only a note asking for a few answers; the quiz still counts as
    finished."""
    analytics = MemoryAnalytics()
    storage = Storage(MemoryStore(), KeyedLocks(), analytics)
    engine = build_engine(storage, DATA, matcher=MATCHER, clock=clock, charts=False)
    answered = ["Dislike", "Love it", "Dislike", "Love it", "Dislike", "Prototyping", "Neutral"]
    for user, answers in ((13, ["/skip"] * 7), (14, answered)):
        await engine.handle(Event.typed(user, "/quiz"))
        for answer in answers:
            checkpoint = await engine.handle(Event.typed(user, answer))
        show = checkpoint[-1].buttons[0][0]
        assert show.label == "Show my result"
        replies = await engine.handle(Event.pressed(user, show.payload))
        assert replies[0].key == ("result_empty" if user == 13 else "result")
    finished = await analytics.count_events(clock() - timedelta(days=1))
    assert {k: n for k, n in finished.items() if k[0] == "quiz_finished"} == {
        ("quiz_finished", ""): 1,
        ("quiz_finished", "data_scientist"): 1,
    }


async def test_in_the_quiz_the_fallback_neither_offers_the_quiz_nor_takes_its_buttons() -> None:
    """A tester mid-quiz was offered "Take the quiz" after every message the bot could not
    answer; outside the quiz the offer stays."""
    engine = engine_over(MemoryStore())
    outside = await engine.handle(Event.typed(15, "qwzx plonk"))
    assert outside[0].key == "not_answered"
    assert outside[0].button_labels()
    await engine.handle(Event.typed(15, "/quiz"))
    # Asked: a statement gets how to answer the question instead (likely_answers.yaml).
    for typed, key in (("qwzx plonk?", "not_answered"), ("   ", "empty_input")):
        replies = await engine.handle(Event.typed(15, typed))
        assert [r.key for r in replies] == [key, "quiz_back_to_question", "q_task_data_engineering"]
        assert "/quiz" not in replies[0].text
        assert replies[0].buttons == ()


async def test_a_statement_at_a_quiz_question_gets_how_to_answer_and_is_not_kept() -> None:
    """Words that read as no answer and ask nothing are an answer the bot could not read, not
    a question: how to answer it, and nothing kept (a tester's "That is my strongest area. I
    present to the board every quarter." was kept among unanswered questions). A question
    nothing answers is kept, as outside the quiz."""
    analytics = MemoryAnalytics()
    storage = Storage(MemoryStore(), KeyedLocks(), analytics)
    engine = build_engine(storage, DATA, matcher=MATCHER, clock=clock, charts=False)
    await engine.handle(Event.typed(16, "/quiz"))
    said = await engine.handle(Event.typed(16, "qwzx plonk, the board every quarter"))
    assert [r.key for r in said] == ["quiz_answer_hint", "q_task_data_engineering"]
    asked = await engine.handle(Event.typed(16, "qwzx plonk?"))
    assert asked[0].key == "not_answered"
    assert [m.text for m in await analytics.top_misses(10)] == ["qwzx plonk?"]
