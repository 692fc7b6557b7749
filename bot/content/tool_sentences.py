"""Tools named in a sentence on the quiz's tools step: "I use Python, C++, PyTorch and Docker
on the cluster", "at work I use excel and spss, and some R for stats".

Such a sentence is never ticked: a reading of one was tried and withdrawn, as it ticked tools
people said they did not use or only knew of ("i use excel, my team uses spark", "i use R
instead of Python"; CHANGELOG), and no list of words could hold it. Sent to the FAQ, it got
"did you mean" a tool's card (testers'). So a sentence that plainly says the person uses
tools (`says_used`) hears which ones the step recognises and how to tick them: the person
decides. Any other sentence stays the FAQ's: a reviewer found a hint on every sentence
naming a tool worse ("too old to learn python" had lost "Am I too old?", "I excel in math"
read as Excel, "no docker, just python" was offered Docker to tick).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from bot.content.asking import ASKS_FIRST, CLAUSE_END, NEGATIONS, WH_WORDS
from bot.content.text import fold

# Folded words that say tools are used, and words of the person or their team, one of each
# ("companies use spark" says nothing of theirs).
_USES = frozenset({"use", "used", "uses", "using", "know", "work", "worked", "working"})
_FIRST_PERSON = frozenset({"i", "im", "ive", "my", "we", "weve", "our", "me", "us"})
# Folded words that turn a sentence from tools used: wishes and plans ("i want to use
# docker", "i'll use spark next"), a choice or a comparison ("python or r"), a denial or a
# contrast ("i use python but not docker", "my team uses spark but i use excel"), hearsay.
_NOT_USED = frozenset(
    {
        *NEGATIONS,
        *("without", "neither", "nor", "stopped", "but", "except", "instead", "or", "than"),
        *("want", "wanna", "like", "love", "learn", "learning", "plan", "planning", "hope"),
        *("study", "studying", "start", "starting", "try", "trying", "will", "ill", "gonna"),
        *("going", "need", "next", "should", "would", "could", "might", "may", "id", "if"),
        *("better", "difference", "compare", "interested", "curious", "heard", "they"),
        *("people", "everyone", "everybody", "untick", "uncheck", "remove"),
    }
)
_LONGEST_NAME = 3  # words in the longest tool name ("hugging face transformers")
# A one-letter name ("R") is a tool only standing alone in the text as typed: "R&D" is none.
_ALONE = r"(?<![\w&'.-]){}(?![\w&'-])"


def tools_named(spellings: Mapping[str, str], text: str) -> tuple[str, ...]:
    """The tools a sentence names, in their order, the longest name first ("power bi" is
    Power BI, not a word and "bi"). `spellings`: folded name -> tool id
    (quiz_tools.tool_spellings)."""
    words = fold(text).split()
    found: list[str] = []
    at = 0
    while at < len(words):
        for size in range(min(_LONGEST_NAME, len(words) - at), 0, -1):
            name = " ".join(words[at : at + size])
            if name in spellings and _stands_alone(name, text):
                found.append(spellings[name])
                at += size
                break
        else:
            at += 1
    return tuple(dict.fromkeys(found))


def says_used(text: str, asking: Collection[str]) -> bool:
    """Whether a sentence plainly says the person uses tools: a word of use and of the first
    person, and nothing that asks (a "?", a word of `asking`, the quiz's "what", "explain",
    "vs"; a clause that opens like a question), wishes, weighs, denies, contrasts or reports
    someone else (_NOT_USED)."""
    words = set(fold(text).split())
    if "?" in text or _USES.isdisjoint(words) or _FIRST_PERSON.isdisjoint(words):
        return False
    if not words.isdisjoint({*_NOT_USED, *WH_WORDS, *asking}):
        return False
    clauses = (fold(clause).split() for clause in CLAUSE_END.split(text.strip()))
    return not any(clause and clause[0] in ASKS_FIRST for clause in clauses)


def _stands_alone(name: str, text: str) -> bool:
    if len(name) > 1:
        return True
    return re.search(_ALONE.format(re.escape(name)), text, re.IGNORECASE) is not None
