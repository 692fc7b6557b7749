"""Spell out every phrasing the bot answers to: templates filled with every name.

The matcher never needs this (it matches templates with slots); writers reviewing what the
bot can say (`kb export`) and the benchmark's plain-rapidfuzz baseline do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.content.knowledge import Knowledge
from bot.matching.analyzer import Entity
from bot.matching.phrasing_index import Phrasing, entity_names


def expand_phrasings(kb: Knowledge, phrasings: Iterable[Phrasing]) -> dict[str, set[str]]:
    """Answer id -> every concrete phrasing of it."""
    names = _names_by_entity(entity_names(kb))
    out: dict[str, set[str]] = {}
    for phrasing in phrasings:
        for answer_id, text in _expand(kb, phrasing, names):
            out.setdefault(answer_id, set()).add(text)
    return out


def _names_by_entity(names: Mapping[str, Entity]) -> dict[Entity, list[str]]:
    grouped: dict[Entity, list[str]] = {}
    for name, entity in names.items():
        grouped.setdefault(entity, []).append(name)
    return grouped


def _expand(
    kb: Knowledge, phrasing: Phrasing, names: Mapping[Entity, list[str]]
) -> Iterable[tuple[str, str]]:
    if not phrasing.slots:
        yield phrasing.target, phrasing.text
        return
    if phrasing.target == "compare":
        for a in kb.roles:
            for b in kb.roles:
                if a != b:
                    answer_id = f"compare.{min(a, b)}.{max(a, b)}"
                    filled = phrasing.text.replace("{role}", kb.roles[a].name.lower())
                    yield (
                        answer_id,
                        _fill_context(kb, filled.replace("{other}", kb.roles[b].name.lower())),
                    )
        return
    kind = phrasing.slots[0]
    for entity, spellings in names.items():
        if entity.kind != kind:
            continue
        answer_id = _answer_id(phrasing, entity)
        for spelling in spellings if phrasing.fills else spellings[:1]:
            text = phrasing.text.replace("{" + kind + "}", spelling)
            yield answer_id, _fill_context(kb, _fill_other(kb, text, entity))


def _answer_id(phrasing: Phrasing, entity: Entity) -> str:
    if not phrasing.fills:
        return phrasing.target
    prefix, _, facet = phrasing.target.partition(".")
    return f"{prefix}.{entity.id}" + (f".{facet}" if facet else "")


def _fill_other(kb: Knowledge, text: str, entity: Entity) -> str:
    """A second role in a phrasing with a fixed answer ("{role} vs {other} salary"):
    any role but the first reads as the question would."""
    if "{other}" not in text:
        return text
    other = next(role for role_id, role in kb.roles.items() if role_id != entity.id)
    return text.replace("{other}", other.name.lower())


def _fill_context(kb: Knowledge, text: str) -> str:
    """A template may name tasks, skills or tools as context; show it with examples."""
    for slot, things in (("{task}", kb.tasks), ("{skill}", kb.skills), ("{tool}", kb.tools)):
        for example in things.values():
            if slot not in text:
                break
            text = text.replace(slot, example.name, 1)
    return text
