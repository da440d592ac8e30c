"""The phrase and pattern files shipped with tonecheck, and their loaders.

A bottom layer: the annotators (``tonecheck.nlp``), the rules and the classifier all read these files,
so the loaders live beside the files rather than with any one reader.

Phrase files (``*.txt``): one lower-case phrase a line, ``phrase => suggestion``, ``#`` comments; a line
starting with ``!`` is an exception (a match inside it does not count), one starting with ``+`` a strong
entry (its meaning is up to the reader). Pattern files (``*.jsonl``): ``{"pattern": [...],
"suggestion": "..."}`` a line, spaCy Matcher token patterns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class PhraseEntry:
    """One line of a phrase file: the phrase and, optionally, a cooler alternative."""

    phrase: str
    suggestion: str | None = None
    exception: bool = False
    strong: bool = False


def data_text(name: str) -> str:
    """The text of a data file shipped in ``tonecheck/data``."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def phrase_file(name: str) -> tuple[PhraseEntry, ...]:
    """Parse a phrase file (see the module docstring)."""
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
    """Parse a JSON Lines pattern file: one ``{"pattern": [...], "suggestion": ...}`` a line."""
    out = []
    for raw in data_text(name).splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            out.append(json.loads(raw))
    return tuple(out)


@cache
def word_set(name: str) -> frozenset[str]:
    """A phrase file read as a set of lower-case entries (suggestions and exceptions ignored)."""
    return frozenset(e.phrase for e in phrase_file(name) if not e.exception)
