"""The ids of the messages the code uses, with the placeholders each may contain.

The words themselves live in knowledge/messages.yaml; validation checks that every id here
exists there and uses only its own placeholders, so a wording change can never break a reply.
"""

from __future__ import annotations

REQUIRED_MESSAGES: dict[str, frozenset[str]] = {
    "greeting": frozenset(),
    "help_intro": frozenset(),
    "help_line": frozenset({"command", "text"}),
    "not_answered": frozenset(),
    "did_you_mean": frozenset(),
    "empty_input": frozenset(),
    "unreadable_input": frozenset(),
    "error_apology": frozenset(),
}
