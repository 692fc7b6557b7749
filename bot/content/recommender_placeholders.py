"""The placeholders each template of knowledge/recommender.yaml may use, by section: the
code fills exactly these, and loading the file checks every template against them."""

from __future__ import annotations

from collections.abc import Mapping

# The placeholders each template may use; the code fills exactly these.
_SKILL_FIELDS = frozenset({"skill", "have", "need"})
PLACEHOLDERS: Mapping[str, Mapping[str, frozenset[str]]] = {
    "reasons": {
        "task_done": frozenset({"feel", "task"}),
        "task_not_done": frozenset({"feel", "task"}),
        "deep_learning_core": frozenset({"feel"}),
        "deep_learning_minor": frozenset({"feel"}),
        "code_same": frozenset({"code", "role_code"}),
        "code_close": frozenset({"code", "role_code"}),
        "code_differs": frozenset({"code", "role_code"}),
        "skill_meets": _SKILL_FIELDS,
        "skill_above": _SKILL_FIELDS,
        "skill_unused": _SKILL_FIELDS,
        "skill_close": _SKILL_FIELDS,
        "skill_modest": _SKILL_FIELDS,
        "skill_below": _SKILL_FIELDS,
    },
    "swap": {
        "task": frozenset({"felt", "task", "role"}),
        "task_more": frozenset({"task", "role", "answer"}),
        "task_less": frozenset({"task", "role", "answer"}),
        "deep_learning": frozenset({"felt", "role"}),
        "deep_learning_more": frozenset({"role", "answer"}),
        "deep_learning_less": frozenset({"role", "answer"}),
        "code": frozenset({"code", "role"}),
        "skill": frozenset({"skill", "level", "role"}),
        "skill_up": frozenset({"skill", "level", "role"}),
        "skill_down": frozenset({"skill", "level", "role"}),
        "skill_none": frozenset({"skill", "role"}),
    },
    "questions": {"task": frozenset({"task"}), "skill": frozenset({"skill"})},
    "summary": {
        "best": frozenset({"role", "score"}),
        "best_flat": frozenset({"role"}),
        "best_sparse": frozenset({"role"}),
        "confidence": frozenset({"confidence"}),
        "reason_for": frozenset({"text"}),
        "reason_against": frozenset({"text"}),
        "runner_up": frozenset({"role", "score"}),
        "runner_up_flat": frozenset({"role"}),
        "swap_hint": frozenset({"text"}),
        "tie_breaker": frozenset({"question"}),
        "tie_breaker_answered": frozenset({"question", "answer"}),
        "answered_interest": frozenset({"feel"}),
        "answered_skill": frozenset({"level"}),
        "answered_code": frozenset({"code"}),
        "gap": frozenset({"skill", "have", "need", "first_step"}),
        "tools_for_task": frozenset({"tools", "task"}),
        "tools_for_unwanted_task": frozenset({"tools", "task"}),
        "path_step": frozenset({"number", "step"}),
        "chart_saved": frozenset({"path"}),
    },
    "chart": {
        "title": frozenset({"role"}),
        "title_unrated": frozenset({"role"}),
        "gap": frozenset({"need"}),
        "top": frozenset({"role"}),
        "runner_up": frozenset({"role"}),
    },
}
