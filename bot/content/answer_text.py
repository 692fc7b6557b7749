"""How an FAQ answer's text adapts to the person reading it.

Many answers close by sending the reader to the quiz ("Take /quiz to see your gaps"). For
someone who has a result, that read as if the quiz were still to do (two testers), and the
result reminder after it ("You have a result already") as the bot disagreeing with itself;
for someone in the middle of it, as if it were not under way. For them such a sentence is
left out (after a result, the reminder takes its place). Only sentences that open with the
pointer go: one that uses /quiz inside ("add statistics, then take /quiz to check the fit")
stays, as its first half is advice.
"""

from __future__ import annotations

import re

# "Take /quiz ...", "Try /quiz ...", "Next: take /quiz ..." at a sentence's start.
_POINTER = re.compile(r"^(?:next:\s+)?(?:take|try)\s+/quiz\b", re.IGNORECASE)
# A sentence ends at ".", "!" or "?" followed by a space and a capital (or a command).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z/])")
_BULLET = "• "


def without_quiz_pointer(text: str) -> str:
    """`text` without the sentences that open by sending the reader to /quiz; a bullet whose
    first sentence is one goes whole (what follows it explains it), and so does a paragraph
    left empty."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = [kept for line in paragraph.split("\n") if (kept := _kept(line))]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _kept(line: str) -> str:
    bullet = line.startswith(_BULLET)
    sentences = _SENTENCE_END.split(line.removeprefix(_BULLET).strip())
    if bullet and _POINTER.match(sentences[0]):
        return ""
    kept = " ".join(s for s in sentences if not _POINTER.match(s))
    if not kept:
        return ""
    return _BULLET + kept if bullet else kept
