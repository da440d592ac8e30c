"""``.csv`` batch reports: one row a letter, for spreadsheets and dataframes.

Columns (``COLUMNS``): ``source``, ``status``, ``error`` (the error kind) and ``error_message``,
``score``, ``tone``, ``length``, ``words``, one column per element (``true``/``false``), a count per
finding category (``n_hyperbole`` ... ``n_tone``), ``findings`` (all of them), counts per severity,
and ``top_codes`` (the letter's most frequent codes, ``TC201:3 TC101:1``). Analysis columns are
empty for a letter that could not be analysed. A text cell that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``) gets a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import IO

from tonecheck.findings import CATEGORIES, ELEMENT_NAMES, Report, Severity
from tonecheck.summary import BatchSummary, ranked

TOP_CODES = 5
COLUMNS: tuple[str, ...] = (
    "source",
    "status",
    "error",
    "error_message",
    "score",
    "tone",
    "length",
    "words",
    *ELEMENT_NAMES,
    *(f"n_{c.replace('-', '_')}" for c in CATEGORIES),
    "findings",
    "errors",
    "warnings",
    "suggestions",
    "top_codes",
)


def _cell(text: str | None) -> str:
    if not text:
        return ""
    return "'" + text if text[0] in "=+-@\t\r" else text


def row(report: Report) -> list[object]:
    """One letter's row, in ``COLUMNS`` order."""
    head: list[object] = [_cell(report.source), report.status]
    if not report.ok:
        return [*head, report.error_kind, _cell(report.error_message)] + [""] * (len(COLUMNS) - 4)
    tone = report.tone
    elements = report.elements or {}
    categories = Counter(f.category for f in report.findings)
    severities = Counter(f.severity for f in report.findings)
    top = ranked(Counter(f.code for f in report.findings), TOP_CODES)
    return [
        *head,
        "",
        "",
        "" if tone is None else round(tone.score, 1),
        "" if tone is None else tone.tone,
        report.length or "",
        "" if report.stats is None else report.stats.words,
        *(str(elements[e]).lower() if e in elements else "" for e in ELEMENT_NAMES),
        *(categories[c] for c in CATEGORIES),
        len(report.findings),
        severities[Severity.ERROR],
        severities[Severity.WARNING],
        severities[Severity.SUGGESTION],
        " ".join(f"{code}:{n}" for code, n in top),
    ]


class CsvWriter:
    """Streams one row per Report (UTF-8, ``\\n`` line ends, a header row first)."""

    needs_text = False

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._writer = csv.writer(out, lineterminator="\n")
        self._writer.writerow(COLUMNS)

    @staticmethod
    def render(report: Report) -> str:
        """The letter's row as CSV text (what ``write`` writes), for a worker process to render."""
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(row(report))
        return buffer.getvalue()

    def write(self, report: Report) -> None:
        self._writer.writerow(row(report))

    def write_rendered(self, text: str) -> None:
        self._out.write(text)

    def finish(self, summary: BatchSummary) -> None:
        """Nothing to add: every row is already written."""
