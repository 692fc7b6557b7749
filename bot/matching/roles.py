"""A job title from what someone typed (`/role mle`, `/role data engineer`): one of the nine
roles, the FAQ entry that owns a title outside them, or the closest names to choose from.

Never a guess: a name, alias or title typed exactly (folded), or a role name with a typo the
analyzer fixes, is found; anything else gets suggestions, so "data engineer" can never open
the deep learning engineer card because the two strings look alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.content.knowledge import Knowledge
from bot.content.knowledge_checks import title_places
from bot.content.text import fold
from bot.matching.analyzer import SLOT_TOKENS, Analyzer

SUGGEST_CUTOFF = 80  # a known name this close to what was typed is worth a button
MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class TitleLookup:
    """`found` is the answer id the typed title names ("role.<id>" or "faq.<slug>");
    otherwise `suggestions` holds the closest ones, best first (possibly none)."""

    found: str | None
    suggestions: tuple[str, ...] = ()

    @property
    def role_id(self) -> str | None:
        """The role's id when the title names one of the nine roles."""
        if self.found is None or not self.found.startswith("role."):
            return None
        return self.found.removeprefix("role.")


class RoleFinder:
    def __init__(self, analyzer: Analyzer, kb: Knowledge) -> None:
        self.analyzer = analyzer
        self.owner_by_title: dict[str, str] = {}
        for title, owner, _, _ in title_places(kb):
            self.owner_by_title.setdefault(fold(title), owner)
        self._titles = list(self.owner_by_title)
        self._role_words = {role: set(fold(card.name).split()) for role, card in kb.roles.items()}
        topics = [t.name for t in kb.skills.values()] + [t.name for t in kb.tasks.values()]
        topics += [t.name for t in kb.tools.values()]
        topic_words = {word for topic in topics for word in fold(topic).split()}
        # The words that say what kind of role a name is ("engineer", "researcher"): a role
        # name's words that no skill, task or tool name has.
        self._kinds = set[str]().union(*self._role_words.values()) - topic_words

    def lookup(self, typed: str) -> TitleLookup:
        folded = fold(typed)
        exact = self.owner_by_title.get(folded)
        if exact is not None:
            return TitleLookup(exact)
        role = self._role_named(typed)
        if role is not None:
            return TitleLookup(f"role.{role}")
        return TitleLookup(None, self._closest(folded))

    def find(self, typed: str) -> str | None:
        """The role id when the text names one of the nine roles, else None."""
        return self.lookup(typed).role_id

    def holding(self, typed: str) -> tuple[str, ...]:
        """The roles whose names hold every word typed, when one of the words says what kind
        of role it is: "researcher" is both researchers, "machine learning" (a skill) none."""
        words = set(fold(typed).split())
        if words.isdisjoint(self._kinds):
            return ()
        return tuple(role for role, held in self._role_words.items() if words <= held)

    def _role_named(self, typed: str) -> str | None:
        """A role the analyzer recognises as the whole text (abbreviations, typos within
        words): "ml enginer" is the ML engineer, "ml engineer manager" is not."""
        analysis = self.analyzer.analyze(typed)
        if analysis.content == (SLOT_TOKENS["role"],) and len(analysis.entities) == 1:
            entity = analysis.entities[0]
            return entity.id if entity.kind == "role" else None
        return None

    def _closest(self, folded: str) -> tuple[str, ...]:
        if not folded:
            return ()
        hits = process.extract(
            folded, self._titles, scorer=fuzz.token_set_ratio, score_cutoff=SUGGEST_CUTOFF, limit=20
        )
        best: dict[str, float] = {}
        for title, score, _ in hits:
            owner = self.owner_by_title[title]
            best[owner] = max(best.get(owner, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return tuple(owner for owner, _ in ranked[:MAX_SUGGESTIONS])
