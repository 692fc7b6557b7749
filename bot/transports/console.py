"""The terminal chat: the bot in a terminal, no Telegram needed.

Bot messages are printed as text, each button on its own line as `[N] Label`, numbered from 1
within the message; the quiz's navigation buttons (Back, Skip, Menu) have a letter of their own
instead, on one line (`[b] « Back   [s] Skip   [m] Menu`), so that a number always means an
answer and a letter never moves from one question to the next. Only the answer's last message
with buttons gets numbers and letters: an earlier one's ("Did you mean" before the quiz's
question again) are listed as `• Label`, and typing a label presses it (in any case, without
its marks: "more" is "More »"). Typing a number or
a letter presses that button of the bot's latest answer, if it had buttons; anything else is
text or a /command (typed words like "skip" are understood by the conversation itself). Images
are saved to files and their paths printed: each person's in a folder of their own, under a
name no other chat (in this process or another) can take, and the folder goes when the person
confirms /forget. With piped input there is no prompt and no terminal control codes, and the
first line waits for the models loading in the background, so a transcript can be diffed: the
same input, from the same stored state, gives the same answers (those of the loaded bot) and
differs only in chart file names. The chat ends at the end of the input.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TextIO, TypeVar

from bot.conversation.engine import Engine
from bot.conversation.events import Button, Event, Reply

# The reply that confirms /forget: the engine has deleted the person's state by then, and
# their charts go with it.
FORGOTTEN = "forgot"

PROMPT = "> "

T = TypeVar("T")


async def _off_the_loop(call: Callable[[], T]) -> T:
    """`call()` on a daemon thread: Ctrl-C then ends the chat at once (a worker thread of
    asyncio's executor would keep the process waiting for one more line, or for the models)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(outcome: Callable[[], None]) -> None:
        if not future.done():
            outcome()

    def run() -> None:
        done: Callable[[], None]
        try:
            value = call()
        except BaseException as exc:  # e.g. bytes that are not UTF-8: raised in the chat
            done = functools.partial(future.set_exception, exc)
        else:
            done = functools.partial(future.set_result, value)
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(settle, done)

    threading.Thread(target=run, daemon=True).start()
    return await future


# Marks a label wears that nobody types back: arrows, quotes, bullets, question marks.
_MARKS = re.compile(r"[«»•…“”\"'?!.:→←]")


def _as_typed(label: str) -> str:
    """A label as someone may type it back: any case, any spacing, without its marks ("more"
    is "More »": three testers typed it and got the matcher's guesses)."""
    return " ".join(_MARKS.sub(" ", label.casefold()).split())


class Streams(Protocol):
    """Where the chat reads and writes: the command line's `Environment` is one."""

    @property
    def stdin(self) -> TextIO: ...

    @property
    def stdout(self) -> TextIO: ...


class ConsoleChat:
    def __init__(
        self,
        engine: Engine,
        user_id: int,
        streams: Streams,
        image_dir: Path,
        *,
        models_loaded: Callable[[], object] | None = None,
    ) -> None:
        self.engine, self.user_id = engine, user_id
        self.stdin, self.stdout = streams.stdin, streams.stdout
        # A prompt only for a person at a terminal: piped input gets a diffable transcript.
        self.interactive = self.stdin.isatty()
        self.image_dir = image_dir
        self.models_loaded = models_loaded  # returns once the models have loaded (or failed)
        self.buttons: list[Button] = []  # the numbered buttons of the latest answer
        self.keys: dict[str, Button] = {}  # its lettered ones
        self.bullets: dict[str, Button] = {}  # its unnumbered ones, by label as typed back
        # Whether the last line was a number no button has: the hint it gets has no buttons
        # and leaves the ones on screen pressable (a tester's "12" on a role card, then "3",
        # got the hint twice), as Telegram leaves an older message's buttons.
        self.missed_number = False

    async def run(self) -> None:
        """Chat until the input ends."""
        self.show(await self.engine.opening(self.user_id))
        while (line := await self._read()) is not None:
            if not self.interactive:
                await self._models_loaded_once()
            self.show(await self.engine.handle(self.event(line)))
        if self.interactive:  # a pipe's transcript ends with the last answer
            self.stdout.write(f"\n{self.engine.context.kb.text('chat_end')}\n")
            self.stdout.flush()

    async def _models_loaded_once(self) -> None:
        """Piped lines arrive at once, before the models that load in the background (a second
        or so) are ready: the transcript would depend on that race, and differ from what a
        person typing gets. So a pipe's first line waits for them (the greeting, which needs
        no model, does not; nor does an empty input), and the same input gives the same
        answers."""
        if self.models_loaded is not None:
            await _off_the_loop(self.models_loaded)
            self.models_loaded = None

    def event(self, line: str) -> Event:
        """A number or a key presses a button of the latest answer; anything else is typed
        (a number with no button too: the conversation says what to type instead)."""
        stripped = line.strip()
        pressed = self.keys.get(stripped.lower()) or self.bullets.get(_as_typed(stripped))
        number = stripped.isascii() and stripped.isdigit()
        if number and 1 <= int(stripped) <= len(self.buttons):
            pressed = self.buttons[int(stripped) - 1]
        self.missed_number = number and pressed is None
        if pressed is not None:
            return Event.pressed(self.user_id, pressed.payload)
        return Event.typed(self.user_id, line)

    def show(self, replies: Iterable[Reply]) -> None:
        """Print an answer; its buttons, or none, are what numbers and keys press next (so
        after "Quiz paused" a number is text again, not the paused question's answer), except
        that the hint to a number no button has leaves the buttons on screen as they were."""
        shown = list(replies)
        if not (self.missed_number and not any(reply.buttons for reply in shown)):
            self.buttons, self.keys, self.bullets = [], {}, {}
        pressable = max((i for i, r in enumerate(shown) if r.buttons), default=-1)
        for index, reply in enumerate(shown):
            self._print_reply(reply, pressable=index == pressable)
        self.stdout.flush()

    async def _read(self) -> str | None:
        if self.interactive:
            self.stdout.write(PROMPT)
            self.stdout.flush()
        line = await self._readline()
        return None if line == "" else line.rstrip("\r\n")

    async def _readline(self) -> str:
        return await _off_the_loop(self.stdin.readline)

    def _print_reply(self, reply: Reply, *, pressable: bool) -> None:
        if reply.key == FORGOTTEN:
            shutil.rmtree(self.charts, ignore_errors=True)
        if reply.image is not None:
            path = self._save_image(reply.image.png)
            self.stdout.write(f"{reply.image.caption}\n[image: {path}]\n\n")
            return
        self.stdout.write(reply.text.rstrip() + "\n")
        buttons = [button for row in reply.buttons for button in row]
        if not pressable:
            self._print_unpressable(buttons)
            return
        numbered = [button for button in buttons if not button.key]
        lettered = [button for button in buttons if button.key]
        for number, button in enumerate(numbered, 1):
            self.stdout.write(f"[{number}] {button.label}\n")
        if lettered:
            self.stdout.write("   ".join(f"[{b.key}] {b.label}" for b in lettered) + "\n")
        if buttons:  # the latest message with buttons is the one they press
            self.buttons, self.keys = numbered, {b.key: b for b in lettered}
        self.stdout.write("\n")

    def _print_unpressable(self, buttons: list[Button]) -> None:
        """The buttons of a message a later one in the same answer follows with buttons of its
        own ("Did you mean" before the quiz's question again): numbers press the later one's,
        so these get no number, only their labels, which typed back press them ("More »" is
        no question the matcher could answer, so it is pressed, not asked), and a line that
        says so."""
        for button in buttons:
            self.stdout.write(f"  • {button.label}\n")
            self.bullets.setdefault(_as_typed(button.label), button)
        if buttons:
            self.stdout.write(self.engine.context.kb.text("chat_type_a_bullet") + "\n")
        self.stdout.write("\n")

    @property
    def charts(self) -> Path:
        """This person's charts: what /forget deletes."""
        return self.image_dir / str(self.user_id)

    def _save_image(self, png: bytes) -> Path:
        """The chart under a name from its content: the same chart again (/result after
        /result) is the same file, not one more (a tester found four). Written under a
        random name first, then renamed into place: mkstemp creates the file exclusively
        (O_EXCL), readable by its owner only, and a rename replaces atomically, so two chats
        as the same user, even in two processes, never see half a file."""
        self.charts.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".chart-", suffix=".png", dir=self.charts)
        with os.fdopen(handle, "wb") as file:
            file.write(png)
        final = self.charts / f"chart-{hashlib.sha256(png).hexdigest()[:16]}.png"
        os.replace(name, final)
        return final
