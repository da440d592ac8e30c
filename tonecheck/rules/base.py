"""What a rule is: a documented unit with a stable code, plus the few kinds the engine runs.

Kinds (STYLE.md):
- ``existence``: a phrase list (``data/<file>.txt``) matched with spaCy's PhraseMatcher on LOWER;
- ``pattern``: token patterns for spaCy's Matcher (``data/<file>.jsonl``);
- ``occurrence``, ``metric``, ``element`` and ``custom``: a ``check(ctx)`` function, used only where no
  data-driven kind fits.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from tonecheck.findings import Severity

if TYPE_CHECKING:
    from tonecheck.nlp.context import CheckContext

KINDS = ("existence", "pattern", "occurrence", "metric", "element", "custom", "model")


@dataclass(frozen=True)
class Examples:
    """Letters (or fragments) the rule must flag (``bad``) and must leave alone (``good``)."""

    bad: tuple[str, ...]
    good: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    """A raw match of a rule, in character offsets of the analysed text."""

    code: str
    start: int
    end: int
    suggestion: str | None = None
    detail: str | None = None  # replaces {detail} in the rule's message


@dataclass(frozen=True)
class Rule:
    """One rule. ``message`` may use ``{match}`` and ``{detail}``; it must end with a period."""

    code: str
    name: str
    category: str
    severity: Severity
    kind: str
    message: str
    suggestion: str | None
    doc: str
    examples: Examples
    data: str | None = None
    patterns: str | None = None  # extra Matcher patterns (JSON Lines) for an existence rule
    check: Callable[[CheckContext], Iterator[Hit]] | None = field(default=None, compare=False)

    def render_message(self, match: str, detail: str | None) -> str:
        """The finding's message for one match."""
        short = match if len(match) <= 60 else match[:57] + "..."
        return self.message.format(match=short.replace("\n", " "), detail=detail or "")


@dataclass(frozen=True)
class PhraseEntry:
    """One line of a phrase file: the phrase and, optionally, a cooler alternative.

    A line starting with ``!`` is an exception (a match inside it does not count); one starting
    with ``+`` is a strong entry (its meaning is up to the rule that reads the file).
    """

    phrase: str
    suggestion: str | None = None
    exception: bool = False
    strong: bool = False


def data_text(name: str) -> str:
    """The text of a data file shipped in ``tonecheck/data``."""
    return resources.files("tonecheck.data").joinpath(name).read_text(encoding="utf-8")


@cache
def phrase_file(name: str) -> tuple[PhraseEntry, ...]:
    """Parse a phrase file: one lower-case phrase a line, ``phrase => suggestion``, ``#`` comments."""
    entries = []
    for raw in data_text(name).splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        exception = line.startswith("!")
        strong = line.startswith("+")
        if exception or strong:
            line = line[1:].strip()
        phrase, _, suggestion = line.partition("=>")
        entries.append(PhraseEntry(phrase.strip(), suggestion.strip() or None, exception, strong))
    return tuple(entries)


@cache
def pattern_file(name: str) -> tuple[dict[str, Any], ...]:
    """Parse a JSON Lines pattern file: ``{"pattern": [...], "suggestion": "..."}`` per line, and
    optionally one ``{"gate": [regex, ...]}`` line: the patterns then run only on the sentences
    where one of the regexes matches the lower-cased text."""
    out = []
    for raw in data_text(name).splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            out.append(json.loads(raw))
    return tuple(out)


@cache
def word_set(name: str) -> frozenset[str]:
    """A phrase file read as a set of lower-case entries (suggestions and exceptions ignored)."""
    return frozenset(e.phrase for e in phrase_file(name) if not e.exception)


def make_doc(*, what: str, why: str, example: str, instead: str) -> str:
    """A rule's documentation in the three sections every rule has."""
    return (
        f"## What it does\n{what}\n\n## Why it matters\n{why}\n\n"
        f"## Example\n{example}\n\nUse instead:\n{instead}\n"
    )
