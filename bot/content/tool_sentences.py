"""Tools named in a sentence on the quiz's tools step: "I use Python, C++, PyTorch and Docker
on the cluster", "at work I use excel and spss, and some R for stats".

Such a sentence is never ticked: a reading of one was tried and withdrawn, as it ticked tools
people said they did not use or only knew of ("i use excel, my team uses spark", "i use R
instead of Python"; CHANGELOG), and no list of words could hold it. But sent to the FAQ it
got "did you mean" a tool's card (testers'). So the step names the tools it recognises and
says how to tick them: the person decides, and nothing is noted that they did not say.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from bot.content.asking import ASKS_FIRST, CLAUSE_END, WH_WORDS
from bot.content.text import fold

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


def asks(text: str, asking: Collection[str]) -> bool:
    """Whether a sentence asks something: a "?", a word of `asking` (the quiz's: "what",
    "explain", "vs") or "or" ("python or r for data science" weighs two), or a clause that
    opens like a question ("i use python, is that enough"). It is the FAQ's then."""
    words = fold(text).split()
    if "?" in text or not {*WH_WORDS, *asking, "or"}.isdisjoint(words):
        return True
    clauses = (fold(clause).split() for clause in CLAUSE_END.split(text.strip()))
    return any(clause and clause[0] in ASKS_FIRST for clause in clauses)


def _stands_alone(name: str, text: str) -> bool:
    if len(name) > 1:
        return True
    return re.search(_ALONE.format(re.escape(name)), text, re.IGNORECASE) is not None
