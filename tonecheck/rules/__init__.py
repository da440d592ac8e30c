"""The rule registry: every rule, by code. Codes are stable; a retired code is never reused."""

from __future__ import annotations

from tonecheck.rules import elements, enthusiasm, hyperbole, length, risk, tone
from tonecheck.rules.base import Examples, Hit, Rule

ALL_RULES: tuple[Rule, ...] = (
    *hyperbole.RULES,
    *enthusiasm.RULES,
    *length.RULES,
    *elements.RULES,
    *risk.RULES,
    *tone.RULES,
)
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
RETIRED_CODES: frozenset[str] = frozenset()

__all__ = ["ALL_RULES", "RETIRED_CODES", "RULES_BY_CODE", "Examples", "Hit", "Rule"]
