"""The terminal chat: buttons as numbered lines, numbers press them, the quiz's navigation
keys are letters that never move, piped input works."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from bot.app import build_engine, load_data
from bot.cli.environment import Environment
from bot.storage.factory import memory_storage
from bot.transports.console import ConsoleChat

DATA = load_data()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# Taps from the greeting to the result: interests, then "Show my result".
TO_THE_RESULT = ["/quiz", "5", "5", "5", "1", "2", "3", "1", "1"]
FORGET = ["/forget", "1"]  # [1] is "Yes, delete it all"


async def chat(
    lines: list[str],
    tmp_path: Path,
    *,
    charts: bool = False,
    stdin: io.StringIO | None = None,
    user: int = 1,
    models_loaded: Callable[[], object] | None = None,
) -> str:
    stdin = stdin or io.StringIO()
    stdin.write("".join(f"{line}\n" for line in lines))
    stdin.seek(0)
    out = io.StringIO()
    engine = build_engine(memory_storage(), DATA, charts=charts)
    streams = Environment(stdin, out)
    await ConsoleChat(engine, user, streams, tmp_path / "charts", models_loaded=models_loaded).run()
    return out.getvalue()


class Waits:
    """Stands for the models' wait: counts the calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> bool:
        self.calls += 1
        return True


async def test_piped_lines_wait_for_the_models_once(tmp_path: Path) -> None:
    waits = Waits()
    await chat(["/help", "what does a data analyst do"], tmp_path, models_loaded=waits)
    assert waits.calls == 1


async def test_an_empty_pipe_and_a_person_at_a_terminal_never_wait(tmp_path: Path) -> None:
    """Nothing to answer in the one; in the other a person takes longer to type than the
    models take to load, and a prompt must not hang on them."""
    waits = Waits()
    await chat([], tmp_path, models_loaded=waits)
    await chat(
        ["/help", "what does a data analyst do"], tmp_path, stdin=Terminal(), models_loaded=waits
    )
    assert waits.calls == 0


async def test_buttons_are_numbered_lines_and_a_number_presses_one(tmp_path: Path) -> None:
    output = await chat(["1"], tmp_path)  # [1] is "Take the quiz" on the greeting
    assert "[1] Take the quiz\n[2] Browse roles\n" in output
    assert "Question 1 of 16" in output
    assert "[5] Love it" in output


async def test_piped_input_gets_no_prompt_and_no_control_codes(tmp_path: Path) -> None:
    output = await chat(["/help", "what does a data analyst do"], tmp_path)
    assert "> " not in output
    assert "\x1b" not in output
    assert "Data analyst" in output


async def test_a_person_at_a_terminal_gets_a_prompt_for_each_line(tmp_path: Path) -> None:
    output = await chat(["/help"], tmp_path, stdin=Terminal())
    assert output.count("\n> ") == 2  # before /help, and before the end of the input


async def test_the_end_of_a_persons_input_says_the_answers_are_kept(tmp_path: Path) -> None:
    # A tester pressed Ctrl-D mid-quiz and was told nothing; a pipe's transcript stays as is.
    kept = DATA.kb.text("chat_end")
    assert (await chat(["/quiz", "5"], tmp_path, stdin=Terminal())).endswith(f"\n{kept}\n")
    assert kept not in await chat(["/quiz", "5"], tmp_path)


async def test_a_number_that_is_no_button_is_typed_text(tmp_path: Path) -> None:
    output = await chat(["/quiz", "99"], tmp_path)
    assert output.count("Question 1 of 16") == 2  # "99" was not an answer: asked again


NAVIGATION = "[b] « Back   [s] Skip   [m] Menu\n"


def questions_shown(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("Question ")]


async def test_numbers_are_only_for_answers_and_the_keys_are_the_same_on_every_question(
    tmp_path: Path,
) -> None:
    output = await chat(["/quiz", "5", "5"], tmp_path)
    assert output.count("[5] Love it\n" + NAVIGATION) == 3  # questions 1, 2 and 3
    assert "[6]" not in output


async def test_s_skips_every_question_where_6_once_went_back(tmp_path: Path) -> None:
    output = await chat(["/quiz", "s", "s", "s"], tmp_path)
    assert [q[:16] for q in questions_shown(output)] == [
        f"Question {n} of 16" for n in (1, 2, 3, 4)
    ]


async def test_b_goes_back_and_m_opens_the_menu_whose_numbers_then_count(tmp_path: Path) -> None:
    output = await chat(["/quiz", "5", "b", "m", "2"], tmp_path)
    shown = [q[:16] for q in questions_shown(output)]
    assert shown == ["Question 1 of 16", "Question 2 of 16", "Question 1 of 16"]
    assert "Quiz paused." in output
    assert "The nine AI roles. Tap one to learn more" in output  # [2] Browse roles


async def test_a_number_with_no_answer_gets_a_hint_and_the_question_again(tmp_path: Path) -> None:
    output = await chat(["/quiz", "6", "0"], tmp_path)
    assert "There's no answer 6 here: type a number from 1 to 5" in output
    assert "There's no answer 0 here" in output
    assert "/quiz to find the one that fits you" not in output  # not the general fallback
    assert [q[:16] for q in questions_shown(output)] == ["Question 1 of 16"] * 3


async def test_a_number_no_button_has_leaves_the_buttons_on_screen_pressable(
    tmp_path: Path,
) -> None:
    # A tester's "12" on a skills card, then "3": the hint had taken the card's buttons away.
    output = await chat(["/roles", "6", "2", "12", "3"], tmp_path)
    assert "There's nothing for 12 to answer right now" in output
    assert "There's nothing for 3" not in output
    _, after = output.split("There's nothing for 12 to answer right now")
    assert "What a deep learning researcher does in each task" in after  # [3] was pressed


async def test_after_cancel_a_number_is_no_answer(tmp_path: Path) -> None:
    output = await chat(["/quiz", "/cancel", "4", "/quiz"], tmp_path)
    assert "Your quiz is paused, and no button has the number 4 here" in output
    assert [q[:16] for q in questions_shown(output)] == ["Question 1 of 16"] * 2  # unanswered


async def test_images_are_saved_and_their_path_printed(tmp_path: Path) -> None:
    output = await chat(TO_THE_RESULT, tmp_path, charts=True)
    saved = charts_in(tmp_path)
    assert len(saved) == 1
    assert f"[image: {saved[0]}]" in output
    assert saved[0].read_bytes().startswith(b"\x89PNG")


async def test_a_chart_is_named_by_its_content_so_a_printed_path_always_shows_it(
    tmp_path: Path,
) -> None:
    # Two runs of `career-bot chat` (the default --user 1) with databases in one folder: the
    # same chart is one file (a tester's /result after /result left four), another chart
    # another file, so neither run's printed path ever shows the other's chart.
    first = await chat([*TO_THE_RESULT, "/result"], tmp_path, charts=True)
    second = await chat(["/quiz", "1", "1", "1", "5", "1", "1", "1", "1"], tmp_path, charts=True)
    assert len(set(printed_images(first))) == 1
    assert len(charts_in(tmp_path)) == 2
    assert set(printed_images(first)).isdisjoint(printed_images(second))
    assert all(path.is_file() for path in printed_images(first) + printed_images(second))
    assert not list((tmp_path / "charts").rglob(".chart-*"))  # no half-written file left


async def test_forget_deletes_the_persons_charts_and_no_one_elses(tmp_path: Path) -> None:
    await chat(TO_THE_RESULT, tmp_path, charts=True, user=2)
    output = await chat([*TO_THE_RESULT, *FORGET], tmp_path, charts=True, user=1)
    assert "I've deleted your answers and your result" in output
    assert [path.parent.name for path in charts_in(tmp_path)] == ["2"]
    assert not any(path.exists() for path in printed_images(output))


def charts_in(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "charts").rglob("*.png"))


def printed_images(output: str) -> list[Path]:
    return [
        Path(line[len("[image: ") : -1])
        for line in output.splitlines()
        if line.startswith("[image: ")
    ]


async def test_did_you_mean_before_the_question_again_lists_titles_that_typed_back_ask(
    tmp_path: Path,
) -> None:
    """Numbers press the latest message's buttons, here the question asked again: "1" had
    recorded "Dislike" for someone who meant the first suggestion (found in the terminal)."""
    output = await chat(["/quiz", "whats the difference between these levels"], tmp_path)
    suggestions = output.split("Did you mean one of these?")[1].split("back to the quiz")[0]
    assert "  • What do the skill levels mean?\n" in suggestions
    assert "(Type one of these to open it.)" in suggestions
    assert "[1]" not in suggestions
    assert output.endswith("[5] Love it\n" + NAVIGATION + "\n")
    asked = await chat(["/quiz", "What do the skill levels mean?"], tmp_path)
    assert "three grades" in asked


async def test_a_listed_label_typed_back_presses_it(tmp_path: Path) -> None:
    """A tester typed "More »" under an answer given mid-quiz: no question the matcher could
    answer, it got "did you mean". A listed label typed back, in any case or spacing, is
    that button pressed: here the rest of the answer, then the quiz's question again."""
    asked = ["/quiz", "which degree is best for ai"]
    output = await chat([*asked, "more  »"], tmp_path)
    rest = output.split("[b] « Back")[-2]
    assert "Quick checks for any programme" in rest
    assert "not quite sure" not in rest
    assert output.endswith("[5] Love it\n" + NAVIGATION + "\n")


async def test_a_listed_label_typed_without_its_marks_presses_it(tmp_path: Path) -> None:
    """Three testers typed "more" for "More »" and got the matcher's guesses."""
    output = await chat(["/quiz", "which degree is best for ai", "more"], tmp_path)
    rest = output.split("[b] « Back")[-2]
    assert "Quick checks for any programme" in rest


async def test_a_label_of_an_older_answer_is_text_again(tmp_path: Path) -> None:
    """Only the latest answer's list is pressed: after the next answer, "More »" is text."""
    asked = ["/quiz", "which degree is best for ai", "what does a data analyst do"]
    output = await chat([*asked, "More »"], tmp_path)
    assert "Quick checks for any programme" not in output
