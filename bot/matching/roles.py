"""A role from what someone typed (`/role mle`, `/tools data enginer`): a name or alias,
typos tolerated."""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz, process

from bot.content.schema import Role
from bot.content.text import fold
from bot.matching.analyzer import Analyzer

ROLE_NAME_CUTOFF = 80  # a typed role name this close to a known name or alias is that role


class RoleFinder:
    def __init__(self, analyzer: Analyzer, roles: Mapping[str, Role]) -> None:
        self.analyzer = analyzer
        self.role_by_name = {
            fold(alias): role_id
            for role_id, role in roles.items()
            for alias in (role.name, *role.aliases)
        }

    def find(self, typed: str) -> str | None:
        """The role id: first a role the analyzer recognises in the text (abbreviations,
        typos within words), then the closest whole name or alias."""
        roles = [e.id for e in self.analyzer.analyze(typed).entities if e.kind == "role"]
        if roles:
            return roles[0]
        best = process.extractOne(
            fold(typed), list(self.role_by_name), scorer=fuzz.ratio, score_cutoff=ROLE_NAME_CUTOFF
        )
        return self.role_by_name[best[0]] if best else None
