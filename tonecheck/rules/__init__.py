"""The rule registry: every rule, by code, and the checks of codes that settings name.

Codes are stable; a retired code is never reused. The registry refuses two rules with one code, a
code that is not ``TC`` and three digits, or a retired one, when it is imported.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from tonecheck.config import Settings
from tonecheck.errors import ConfigError
from tonecheck.rules import elements, enthusiasm, hyperbole, length, placeholder, risk, tone
from tonecheck.rules.model import Examples, Existence, Hit, Match, Rule

RETIRED_CODES: frozenset[str] = frozenset()
_RULE_CODE_RE = re.compile(r"^TC\d{3}$")
_CODE_OR_PREFIX_RE = re.compile(r"^TC\d{0,3}$")


def _register(*groups: Iterable[Rule]) -> dict[str, Rule]:
    by_code: dict[str, Rule] = {}
    for rule in (r for group in groups for r in group):
        if not _RULE_CODE_RE.match(rule.code) or rule.code in RETIRED_CODES:
            raise ValueError(f"{rule.code}: not a usable rule code")
        if rule.code in by_code:
            raise ValueError(f"{rule.code}: two rules share this code")
        by_code[rule.code] = rule
    return by_code


RULES_BY_CODE: dict[str, Rule] = _register(
    hyperbole.RULES,
    enthusiasm.RULES,
    length.RULES,
    elements.RULES,
    risk.RULES,
    tone.RULES,
    placeholder.RULES,
)
ALL_RULES: tuple[Rule, ...] = tuple(RULES_BY_CODE.values())


def check_codes(where: str, codes: Iterable[str], *, prefixes: bool = True) -> tuple[str, ...]:
    """Normalise rule codes (``tc101`` -> ``TC101``) and check each names at least one rule.

    Args:
        where: what the codes came from, for the message (``"config key 'select'"``, ``"--ignore"``).
        codes: the codes as written.
        prefixes: whether a prefix such as ``TC2`` (every TC2xx rule) is allowed.

    Raises:
        ConfigError: naming ``where`` and the first code that matches no rule.
    """
    out: list[str] = []
    for raw in codes:
        code = raw.strip().upper()
        if prefixes:
            names_a_rule = any(known.startswith(code) for known in RULES_BY_CODE)
        else:
            names_a_rule = code in RULES_BY_CODE
        if not _CODE_OR_PREFIX_RE.match(code) or not names_a_rule:
            close = difflib.get_close_matches(code, RULES_BY_CODE, n=1)
            hint = f" (did you mean {close[0]}?)" if close else " (see `tonecheck rules`)"
            raise ConfigError(f"{where}: unknown rule code {raw!r}{hint}")
        if code not in out:
            out.append(code)
    return tuple(out)


def check_phrase_rule(where: str, code: str) -> str:
    """``code`` normalised, if it names a rule that reads a phrase list (``extra_phrases``)."""
    (full,) = check_codes(where, [code], prefixes=False)
    rule = RULES_BY_CODE[full]
    if not (isinstance(rule, Existence) and rule.data):
        lists = ", ".join(
            r.code for r in ALL_RULES if isinstance(r, Existence) and r.data is not None
        )
        raise ConfigError(f"{where}.{code}: {full} does not read a phrase list (these do: {lists})")
    return full


def validate_settings(settings: Settings) -> None:
    """Check every rule code that ``settings`` names (settings built in code, not read from a file,
    are checked here when the pipeline is built).

    Raises:
        ConfigError: naming the settings' source and the first unknown code.
    """
    source = settings.source or "<settings>"
    check_codes(f"{source}: config key 'select'", settings.select)
    check_codes(f"{source}: config key 'ignore'", settings.ignore)
    check_codes(f"{source}: config key 'severity'", settings.severity, prefixes=False)
    for code in settings.extra_phrases:
        check_phrase_rule(f"{source}: config key 'extra_phrases'", code)


__all__ = [
    "ALL_RULES",
    "RETIRED_CODES",
    "RULES_BY_CODE",
    "Examples",
    "Hit",
    "Match",
    "Rule",
    "check_codes",
    "check_phrase_rule",
    "validate_settings",
]
