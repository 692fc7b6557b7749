"""Composed answers name tasks, skills and roles mid-sentence as a sentence writes them."""

from __future__ import annotations

from bot.content.knowledge import Knowledge
from bot.matching.compose import RoleTexts


def test_a_name_mid_sentence_is_lower_case_but_keeps_its_acronym(kb: Knowledge) -> None:
    # A tester read "deployment, ai infrastructure" on a role's card.
    role = next(r for r, role in kb.roles.items() if "ai_infrastructure" in role.tasks)
    card = RoleTexts(kb).role(role)
    assert "AI infrastructure" in card
    assert "ai infrastructure" not in card
    assert "deployment" in RoleTexts(kb).role("machine_learning_engineer")
