"""Results as plain data: Severity, Finding, Report. No spaCy import here.

Formatters, the CLI and other programs consume these; see CONTRACT.md for the JSON shape.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1
CATEGORIES = ("hyperbole", "enthusiasm", "length", "missing-element", "risk", "tone", "placeholder")
ELEMENT_NAMES = ("thanks", "pleasure", "learned_detail", "continued_interest")
TONES = ("cool_cordial", "effusive", "curt", "pushy")


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``max()`` picks the worst."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Parse ``error``/``warning``/``suggestion`` (case-insensitive)."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (use error, warning or suggestion)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Finding:
    """One thing tonecheck found, anchored to character offsets of the analysed text."""

    start: int
    end: int
    code: str
    name: str = field(compare=False)
    category: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    line: int = field(compare=False, default=1)
    column: int = field(compare=False, default=1)
    match: str = field(compare=False, default="")
    suggestion: str | None = field(compare=False, default=None)
    # An e-mail's body alternative the finding is in ("text/plain", "text/html"); None otherwise.
    part: str | None = field(compare=False, default=None)

    def to_dict(self) -> dict[str, Any]:
        """The CONTRACT.md FINDING object (``part`` added for e-mail messages only)."""
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "match": self.match,
            "suggestion": self.suggestion,
        }
        if self.part is not None:
            out["part"] = self.part
        return out


@dataclass(frozen=True)
class Evidence:
    """Where an element was found: the sentence that carries it."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Driver:
    """A feature that pushed the tone score, for explaining it."""

    feature: str
    weight: float
    toward: str
    description: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "weight": round(self.weight, 4),
            "toward": self.toward,
            "description": self.description,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Stats:
    """Descriptive statistics of a letter."""

    words: int
    sentences: int
    paragraphs: int
    reading_grade: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "paragraphs": self.paragraphs,
            "reading_grade": round(self.reading_grade, 1),
        }


@dataclass(frozen=True)
class ToneResult:
    """The classifier's judgment of a letter."""

    score: float
    tone: str
    probabilities: dict[str, float]
    drivers: tuple[Driver, ...] = ()


@dataclass(frozen=True)
class Report:
    """The result for one input: either an analysis or an error (``status == "error"``)."""

    source: str
    status: str = "ok"
    error_kind: str | None = None
    error_message: str | None = None
    findings: tuple[Finding, ...] = ()
    elements: dict[str, bool] | None = None
    evidence: dict[str, Evidence | None] | None = None
    length: str | None = None
    stats: Stats | None = None
    tone: ToneResult | None = None
    text: str | None = field(default=None, repr=False)
    suppressed: tuple[Finding, ...] = ()
    # An e-mail's body alternatives that were checked, the one ``text`` is first; () otherwise.
    parts: tuple[str, ...] = ()
    # The other alternatives' texts, (part, text), that their findings' offsets index.
    part_texts: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @classmethod
    def failed(cls, source: str, kind: str, message: str) -> Report:
        """A result for an input that could not be analysed."""
        return cls(source=source, status="error", error_kind=kind, error_message=message)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def elsewhere(self, finding: Finding) -> bool:
        """Whether ``finding`` is in another body alternative than the one ``text`` is."""
        return finding.part is not None and bool(self.parts) and finding.part != self.parts[0]

    def text_of(self, finding: Finding) -> str | None:
        """The text that ``finding``'s offsets index (``text``, or another alternative's)."""
        if not self.elsewhere(finding):
            return self.text
        return dict(self.part_texts).get(finding.part or "")

    def worst(self) -> Severity | None:
        """The highest severity among the findings, or None."""
        return max((f.severity for f in self.findings), default=None)

    def to_dict(self) -> dict[str, Any]:
        """The CONTRACT.md RESULT object, as plain JSON-ready values.

        Keys: ``source``, ``status``, ``error`` (``{"kind", "message"}`` or None), ``score``,
        ``tone``, ``tone_probabilities``, ``tone_drivers``, ``elements``, ``evidence``, ``length``,
        ``stats``, ``findings`` (each :meth:`Finding.to_dict`, sorted by ``start``) and
        ``suppressed`` (findings silenced by inline ``tonecheck-disable`` comments, same shape).
        For an input that could not be analysed the analysis keys are None and the lists empty.
        ``json.dumps(report.to_dict())`` is one RESULT of ``--format json``.
        """
        tone = self.tone
        return {
            "source": self.source,
            "status": self.status,
            "error": (
                {"kind": self.error_kind, "message": self.error_message}
                if self.status == "error"
                else None
            ),
            "score": None if tone is None else round(tone.score, 1),
            "tone": None if tone is None else tone.tone,
            "tone_probabilities": (
                None if tone is None else {k: round(v, 4) for k, v in tone.probabilities.items()}
            ),
            "tone_drivers": None if tone is None else [d.to_dict() for d in tone.drivers],
            "elements": self.elements,
            "evidence": (
                None
                if self.evidence is None
                else {k: (v.to_dict() if v else None) for k, v in self.evidence.items()}
            ),
            "length": self.length,
            "stats": None if self.stats is None else self.stats.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "suppressed": [f.to_dict() for f in self.suppressed],
            **({"parts": list(self.parts)} if self.parts else {}),
        }
