"""What a rule is: a documented unit with a stable code, and the kinds the engine runs.

A rule is data plus a kind (STYLE.md). The kind says how the engine finds the rule's matches; the
rule's other fields say what a finding of it reads like. A check, when a kind needs one, says only
where and what (a :class:`Match`); the engine stamps the rule's code on it (a :class:`Hit`), and
:func:`tonecheck.rules.engine.to_finding` attaches the name, severity and message.

Kinds:

- :class:`Existence`: a phrase list (``data/<file>.txt``, spaCy's PhraseMatcher on LOWER), and/or a
  regular expression on the text; every match is a finding;
- :class:`Pattern`: token patterns for spaCy's Matcher (``data/<file>.jsonl``);
- :class:`Occurrence`: matches of a regular expression counted per letter, with a limit from the
  settings; every match is a finding once the count is over the limit;
- :class:`Metric`: a measured value (words of the letter, of a sentence, of a paragraph; the
  reading grade) against a limit from the settings;
- :class:`Element`: a required or recommended element that is absent (an occurrence with min 1);
- :class:`Model`: a threshold on the tone classifier's judgment;
- :class:`Custom`: a ``check(ctx)`` function, only where no other kind fits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from tonecheck.findings import Severity, ToneResult

if TYPE_CHECKING:
    from tonecheck.config import Settings
    from tonecheck.rules.context import CheckContext


@dataclass(frozen=True)
class Examples:
    """Letters (or fragments) the rule must flag (``bad``) and must leave alone (``good``)."""

    bad: tuple[str, ...]
    good: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """Where a check found something: character offsets of the letter, optionally a cooler
    alternative (``suggestion``) and the text that replaces ``{detail}`` in the rule's message."""

    start: int
    end: int
    suggestion: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class Hit:
    """A match with the code of the rule that made it: what ``doc._.tonecheck_hits`` holds, as
    plain data (:meth:`to_plain`, :meth:`from_plain`)."""

    code: str
    start: int
    end: int
    suggestion: str | None = None
    detail: str | None = None

    def to_plain(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "suggestion": self.suggestion,
            "detail": self.detail,
        }

    @classmethod
    def from_plain(cls, data: dict[str, Any]) -> Hit:
        return cls(data["code"], data["start"], data["end"], data["suggestion"], data["detail"])


@dataclass(frozen=True, kw_only=True)
class Rule:
    """The fields every rule has. ``message`` may use ``{match}`` and ``{detail}`` and ends with
    a period; ``doc`` has the three sections of :func:`make_doc`."""

    kind: ClassVar[str]

    code: str
    name: str
    category: str
    severity: Severity
    message: str
    suggestion: str | None
    doc: str
    examples: Examples

    def render_message(self, match: str, detail: str | None) -> str:
        """The finding's message for one match."""
        short = match if len(match) <= 60 else match[:57] + "..."
        return self.message.format(match=short.replace("\n", " "), detail=detail or "")


@dataclass(frozen=True, kw_only=True)
class Existence(Rule):
    """Every match of a phrase list (``data``) or of a regular expression (``regex``) is a finding.

    ``patterns`` adds spaCy Matcher patterns (JSON Lines) to a phrase list; ``skip_names`` leaves
    out matches that look like a name ("Perfect Day Foods", a quoted "Dream Team"); ``negatable``
    leaves out matches that the clause negates ("I do not have any other offers", "there is no
    need to reply by Friday") or that only offer help ("let me know by Friday if you need
    anything"); see :func:`tonecheck.rules.engine.negated`; ``alone_ok`` (a regular expression for
    one mild marker) leaves out a match that it matches whole when that match is the letter's only
    finding of its category (the contract: one mild marker, such as a single emoticon, is not an
    overdone span)."""

    kind: ClassVar[str] = "existence"
    data: str | None = None
    regex: str | None = None
    patterns: str | None = None
    skip_names: bool = False
    negatable: bool = False
    alone_ok: str | None = None


@dataclass(frozen=True, kw_only=True)
class Pattern(Rule):
    """Every match of the token patterns in ``data`` (JSON Lines) is a finding; of overlapping
    matches the longest wins (the engine's one overlap policy)."""

    kind: ClassVar[str] = "pattern"
    data: str


@dataclass(frozen=True, kw_only=True)
class Occurrence(Rule):
    """Count the matches of ``count`` in the letter; when the count is over the setting named
    ``limit``, every match of ``each`` is a finding (``{detail}`` is the count)."""

    kind: ClassVar[str] = "occurrence"
    count: str
    each: str
    limit: str


@dataclass(frozen=True, kw_only=True)
class Metric(Rule):
    """A measured value against a limit from the settings.

    ``measure``: ``words`` or ``reading_grade``; ``scope``: ``letter``, ``sentence`` or
    ``paragraph`` (a sentence or paragraph over the limit is a finding on its span, a letter one
    is a finding without a span); ``limit``: the setting's name; ``over``: True when the finding is
    for a value above the limit, False for one below; ``detail``: the ``{detail}`` text, formatted
    with ``value`` and ``limit``; ``min_words``: letters shorter than this are not measured."""

    kind: ClassVar[str] = "metric"
    measure: str
    scope: str
    limit: str
    over: bool = True
    detail: str = "{value}"
    min_words: int = 0

    def fires(self, value: float, settings: Settings) -> bool:
        """Whether ``value`` is past the limit (over it, or under it when ``over`` is False)."""
        limit: float = getattr(settings, self.limit)
        return value > limit if self.over else value < limit


@dataclass(frozen=True, kw_only=True)
class Element(Rule):
    """Fires when ``element`` is absent; a ``required`` rule only while the element is in the
    ``required_elements`` setting."""

    kind: ClassVar[str] = "element"
    element: str
    required: bool = True


@dataclass(frozen=True, kw_only=True)
class Model(Rule):
    """A threshold on the tone classifier: ``judge(tone)`` returns the match, or None."""

    kind: ClassVar[str] = "model"
    judge: Callable[[ToneResult], Match | None] = field(compare=False)


@dataclass(frozen=True, kw_only=True)
class Custom(Rule):
    """A ``check(ctx)`` function, for what no data-driven kind expresses."""

    kind: ClassVar[str] = "custom"
    check: Callable[[CheckContext], Iterator[Match]] = field(compare=False)


KINDS = tuple(k.kind for k in (Existence, Pattern, Occurrence, Metric, Element, Model, Custom))


def make_doc(*, what: str, why: str, example: str, instead: str) -> str:
    """A rule's documentation in the three sections every rule has."""
    return (
        f"## What it does\n{what}\n\n## Why it matters\n{why}\n\n"
        f"## Example\n{example}\n\nUse instead:\n{instead}\n"
    )
