"""The counts over a batch of Reports: the closing table and the HTML report's summary.

A low layer (it needs only ``findings``), so that the report writers can use it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from tonecheck.findings import Report, Severity

HISTOGRAM_BINS = 10
FAILURES_SHOWN = 10


def ranked(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    """The ``n`` most frequent keys with their counts; ties in key order, so runs agree."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


@dataclass
class BatchSummary:
    """Running counts over a batch: enough for the closing table and the HTML summary."""

    letters: int = 0
    error_kinds: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # the first FAILURES_SHOWN messages
    tones: Counter[str] = field(default_factory=Counter)
    lengths: Counter[str] = field(default_factory=Counter)
    # exact (a Fraction of the floats): the sum is the same whatever the order of the letters or
    # how a batch was cut into chunks, so --jobs 1 and --jobs 2 give the same mean to the last bit
    score_total: Fraction = Fraction(0)
    scored: int = 0
    histogram: list[int] = field(default_factory=lambda: [0] * HISTOGRAM_BINS)
    codes: Counter[str] = field(default_factory=Counter)  # findings per code
    letters_with: Counter[str] = field(default_factory=Counter)  # letters with each code
    names: dict[str, str] = field(default_factory=dict)
    worst: Severity | None = None

    def add(self, report: Report) -> None:
        """Count one result."""
        self.letters += 1
        if not report.ok:
            self.error_kinds[report.error_kind or "error"] += 1
            if len(self.failures) < FAILURES_SHOWN:
                self.failures.append(report.error_message or report.source)
            return
        if report.length:
            self.lengths[report.length] += 1
        if report.tone is not None:
            self.tones[report.tone.tone] += 1
            self.score_total += Fraction(report.tone.score)
            self.scored += 1
            bin_ = min(HISTOGRAM_BINS - 1, max(0, int(report.tone.score // HISTOGRAM_BINS)))
            self.histogram[bin_] += 1
        for finding in report.findings:
            self.codes[finding.code] += 1
            self.names.setdefault(finding.code, finding.name)
        self.letters_with.update({f.code for f in report.findings})
        worst = report.worst()
        if worst is not None and (self.worst is None or worst > self.worst):
            self.worst = worst

    def merge(self, other: BatchSummary) -> None:
        """Add the counts of ``other``, a summary of the letters that come after these."""
        self.letters += other.letters
        self.error_kinds.update(other.error_kinds)
        self.failures += other.failures[: FAILURES_SHOWN - len(self.failures)]
        self.tones.update(other.tones)
        self.lengths.update(other.lengths)
        self.score_total += other.score_total
        self.scored += other.scored
        self.histogram = [a + b for a, b in zip(self.histogram, other.histogram, strict=True)]
        self.codes.update(other.codes)
        self.letters_with.update(other.letters_with)
        for code, name in other.names.items():
            self.names.setdefault(code, name)
        if other.worst is not None and (self.worst is None or other.worst > self.worst):
            self.worst = other.worst

    @property
    def errors(self) -> int:
        return sum(self.error_kinds.values())

    @property
    def analysed(self) -> int:
        return self.letters - self.errors

    @property
    def mean_score(self) -> float | None:
        return float(self.score_total / self.scored) if self.scored else None

    def top_findings(self, n: int = 10) -> list[tuple[str, str, int, int]]:
        """The most frequent findings: (code, name, occurrences, letters)."""
        return [
            (code, self.names[code], count, self.letters_with[code])
            for code, count in ranked(self.codes, n)
        ]

    def rows(self) -> list[tuple[str, str]]:
        """The headline figures as (label, value), for the closing table and the HTML page."""

        def counts(counter: Counter[str]) -> str:
            return "  ".join(f"{k} {v:,}" for k, v in ranked(counter, len(counter)))

        mean = self.mean_score
        errors = f"{self.errors:,}" + (f"  ({counts(self.error_kinds)})" if self.errors else "")
        return [
            ("letters", f"{self.letters:,}"),
            ("analysed", f"{self.analysed:,}"),
            ("errors", errors),
            ("by tone", counts(self.tones) or "n/a (no tone classifier installed)"),
            ("mean score", "n/a" if mean is None else f"{mean:.1f}"),
            ("length", counts(self.lengths) or "n/a"),
        ]

    def render(self) -> str:
        """The closing table, for people."""
        out = [f"  {label:<11}{value}" for label, value in self.rows()]
        top = self.top_findings()
        if top:
            out.append("  most frequent findings:")
            out += [
                f"    {code:<7}{name:<32}{count:>6,} in {letters:,} letter(s)"
                for code, name, count, letters in top
            ]
        if self.failures:
            more = self.errors - len(self.failures)
            out.append("  could not analyse:")
            out += [f"    {message}" for message in self.failures]
            if more:
                out.append(f"    ... and {more:,} more (see the report)")
        return "\n".join(out) + "\n"
