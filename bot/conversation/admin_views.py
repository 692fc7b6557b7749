"""The admins' replies: usage figures and the questions the bot could not answer. Kept apart
from `views` because only the admin commands read them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.content.knowledge import Knowledge
from bot.conversation.events import Reply
from bot.storage.analytics import Miss


def stats_report(kb: Knowledge, people: int, events: Mapping[tuple[str, str], int]) -> Reply:
    started = sum(n for (kind, _), n in events.items() if kind == "quiz_started")
    finished = {d: n for (kind, d), n in events.items() if kind == "quiz_finished"}
    lines = [
        kb.text("stats_report", people=people, started=started, finished=sum(finished.values()))
    ]
    lines += [
        kb.text("stats_role_line", role=kb.roles[rid].name, count=n)
        for rid, n in sorted(finished.items(), key=lambda kv: (-kv[1], kv[0]))
        if rid in kb.roles
    ]
    return Reply("stats_report", "\n".join(lines))


def misses_report(kb: Knowledge, misses: Sequence[Miss]) -> Reply:
    if not misses:
        return Reply("misses_none", kb.text("misses_none"))
    lines = [kb.text("misses_report")]
    lines += [kb.text("misses_line", count=m.count, text=m.text) for m in misses]
    return Reply("misses_report", "\n".join(lines))
