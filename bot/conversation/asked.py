"""What a typed message does besides the one question the matcher reads: asks more things
("what does an ML engineer do? and do I need a PhD?"), or asks nothing and introduces the
person ("hi, i am dewi from jakarta, econ graduate"). Testers' second questions went
unanswered, and their introductions got "I'm not sure I can answer that one"."""

from __future__ import annotations

from bot.content.asking import ASKS_FIRST, WH_WORDS
from bot.content.knowledge import Knowledge
from bot.content.quiz import Quiz
from bot.content.text import fold
from bot.conversation.context import TurnContext
from bot.matching.sentences import questions

# A message's other questions, each matched alone: at most this many read (each is a match
# of its own) and offered.
MOST_QUESTIONS_READ = 4
MOST_OTHER_ANSWERS = 2
# The greeting's FAQ entry, whose one-word phrasings ("hi", "hello") open an introduction,
# and the words that give a name ("hello, my name is Maria, I am a nurse ...").
GREETING = "greeting"
THANKS = "thanks"  # the entry shown for a message that opens with thanks
NAMED = "my name is"
# A message of at most this many words that opens with a greeting, and gives no name, is a
# greeting and no introduction: "hey im back", "hi its me again"; "hi, i am dewi from jakarta"
# says more.
GREETING_WORDS = 4
ASKS = ASKS_FIRST - {"am"} | {"did"}  # "hi, i am dewi" introduces
# A request or a command asks too: "hey, suggest a path for an accountant" and "hi, stop"
# were met as introductions (a reviewer's).
REQUESTS = frozenset({"suggest", "recommend", "help", "advice", "advise", "give", "show", "need"})
REQUESTS |= {"stop", "forget", "delete", "quit", "cancel", "restart", "menu"}  # not "back" (office)


def other_answers(text: str, answered: str | None, context: TurnContext) -> list[str]:
    """The confident answers a message's other questions (its sentences that end with "?")
    get alone, besides the one shown and the links under it: at most MOST_OTHER_ANSWERS,
    to offer as buttons (a button keeps a wrong guess cheap). Never small talk or an answer
    about the bot ("how are you?" beside a question offered "Hi!", a reviewer's)."""
    asked = questions(text, ASKS | WH_WORDS)[:MOST_QUESTIONS_READ]
    if len(asked) < 2:
        return []
    book = context.matcher.book
    shown = {answered, *(book.follow_ups(answered) if answered else ())}
    found: list[str] = []
    for question in asked:
        match = context.reader.match(question)
        if match.outcome != "answer" or match.id is None:
            continue
        if match.id not in {*shown, *found, *context.matcher.about_the_bot}:
            found.append(match.id)
    return found[:MOST_OTHER_ANSWERS]


def introduces(text: str, kb: Knowledge, quiz: Quiz) -> bool:
    """A message that greets ("hi, i am dewi from jakarta ...", its first word one of the
    greeting's one-word phrasings) or gives a name, and asks nothing: no "?" and no asking
    word ("hey, should i become a doctor or a lawyer" asks)."""
    named = NAMED in " ".join(fold(text).split()[:6])
    return not _asks(text, quiz) and (_opens_with(text, kb, GREETING) or named)


def greets_only(text: str, answer_id: str | None, *, met: bool) -> bool:
    """A greeting and little more: the greeting's entry answered it ("hello there"), or it
    was met as an introduction in a few words ("hey im back"). A longer introduction ("hi,
    i am dewi from jakarta, ...") is thanked for as one."""
    few = len(fold(text).split()) <= GREETING_WORDS
    return answer_id == f"faq.{GREETING}" or (met and few and NAMED not in fold(text))


def thanks(text: str, kb: Knowledge, quiz: Quiz) -> bool:
    """A message that opens with thanks and asks nothing ("Thank you very much for your help,
    this has given me a lot to think about": a tester got "I'm not sure I can answer")."""
    requests = REQUESTS - {"help"}  # "thank you for your help" requests nothing
    return not _asks(text, quiz, requests) and _opens_with(text, kb, THANKS)


def _opens_with(text: str, kb: Knowledge, slug: str) -> bool:
    """Whether a message's first word or two are a short phrasing of an FAQ entry."""
    words = fold(text).split()
    entry = kb.faq.get(slug)
    # Not "not bad", a thanks phrasing that opens many a reply ("not bad, suggest another").
    short = {fold(q) for q in entry.questions if len(q.split()) <= 2} if entry else set()
    short = {q for q in short if not q.startswith("not ")}
    return bool(words) and (words[0] in short or " ".join(words[:2]) in short)


def _asks(text: str, quiz: Quiz, requests: frozenset[str] = REQUESTS) -> bool:
    """A "?", an asking word, or a request ("thanks for your help" requests nothing)."""
    said = fold(text).replace(NAMED, " ").split()  # "my name is" asks nothing
    return "?" in text or not ASKS.union(requests, quiz.asking).isdisjoint(said)
