"""``.html`` batch reports: one self-contained page, readable offline and without any network.

The page has a summary, a histogram of scores (inline SVG), a table of letters that sorts by any
column (click a header), and every letter with its findings highlighted where they occur. Styles and
script are inline and pinned by a Content-Security-Policy that allows nothing else (no fetches, no
external fonts or images), so a letter's text can never make the page load anything.

Opening the page with ``#selftest`` as its URL fragment makes its script click the score header and
record the resulting row order in ``<body data-selftest-asc=... data-selftest-desc=...>``, so that a
headless browser can check the sorting (see ``tests/test_report_html.py``).

Letters are streamed: each letter's section is written to a temporary file as it arrives, and only
one small row per letter is held for the table.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from html import escape
from importlib import resources
from typing import IO

from tonecheck._version import __version__
from tonecheck.findings import Finding, Report, Severity
from tonecheck.summary import BatchSummary, ranked

TOP_CODES = 3


def _asset(name: str) -> str:
    return resources.files("tonecheck.report").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@dataclass(frozen=True)
class _Row:
    """What the table keeps of a letter."""

    index: int
    source: str
    status: str
    error: str
    score: float | None
    tone: str
    length: str
    words: int | None
    errors: int
    warnings: int
    suggestions: int
    top_codes: str
    elements: tuple[tuple[str, bool], ...]
    codes: str

    @classmethod
    def of(cls, index: int, report: Report) -> _Row:
        severities = Counter(f.severity for f in report.findings)
        top = ranked(Counter(f.code for f in report.findings), TOP_CODES)
        return cls(
            index=index,
            source=report.source,
            status=report.status,
            error=report.error_kind or "",
            score=None if report.tone is None else round(report.tone.score, 1),
            tone="" if report.tone is None else report.tone.tone,
            length=report.length or "",
            words=None if report.stats is None else report.stats.words,
            errors=severities[Severity.ERROR],
            warnings=severities[Severity.WARNING],
            suggestions=severities[Severity.SUGGESTION],
            top_codes=" ".join(f"{code}×{n}" if n > 1 else code for code, n in top),
            elements=tuple((report.elements or {}).items()),
            codes=" ".join(sorted({f.code for f in report.findings})),
        )


def _td(value: object) -> str:
    shown = escape("" if value is None else str(value))
    return f'<td data-sort="{shown}">{shown}</td>'


_COLUMNS = (
    # (label, type, id)
    ("#", "num", "col-index"),
    ("letter", "text", "col-source"),
    ("status", "text", "col-status"),
    ("score", "num", "col-score"),
    ("tone", "text", "col-tone"),
    ("length", "text", "col-length"),
    ("words", "num", "col-words"),
    ("errors", "num", "col-errors"),
    ("warnings", "num", "col-warnings"),
    ("suggestions", "num", "col-suggestions"),
    ("thanks", "text", "col-thanks"),
    ("pleasure", "text", "col-pleasure"),
    ("detail", "text", "col-learned_detail"),
    ("interest", "text", "col-continued_interest"),
    ("top findings", "text", "col-codes"),
)
_ELEMENT_COLUMNS = ("thanks", "pleasure", "learned_detail", "continued_interest")


def _table_row(row: _Row) -> str:
    present = dict(row.elements)
    link = f'<a href="#letter-{row.index}">{escape(row.source)}</a>'
    status = row.status if not row.error else f"error: {row.error}"
    cells = [
        _td(row.index + 1),
        f'<td data-sort="{escape(row.source)}">{link}</td>',
        _td(status),
        _td(row.score),
        _td(row.tone),
        _td(row.length),
        _td(row.words),
        _td(row.errors if row.status == "ok" else None),
        _td(row.warnings if row.status == "ok" else None),
        _td(row.suggestions if row.status == "ok" else None),
        *(_element_td(present.get(name)) for name in _ELEMENT_COLUMNS),
        _td(row.top_codes),
    ]
    css = ' class="failed"' if row.status != "ok" else ""
    missing = " ".join(name for name, found in row.elements if not found)
    tone = row.tone if row.status == "ok" else "(error)"
    filters = (
        f' data-tone="{escape(tone)}" data-length="{escape(row.length)}"'
        f' data-missing="{missing}" data-codes="{row.codes}" data-source="{escape(row.source)}"'
    )
    return f'<tr data-index="{row.index}"{filters}{css}>' + "".join(cells) + "</tr>\n"


def _element_td(present: bool | None) -> str:
    if present is None:
        return '<td data-sort=""></td>'
    mark, label = ("✓", "has") if present else ("✗", "missing")
    return f'<td data-sort="{int(present)}" class="el-{label}">{mark}</td>'


def _finding_title(finding: Finding) -> str:
    return f"{finding.code} {finding.name} ({finding.severity}): {finding.message}"


def highlight(text: str, findings: tuple[Finding, ...], letter: int) -> str:
    """The letter's text as HTML, each finding's span wrapped in ``<mark>``.

    Findings may overlap (across categories): the text is cut at every start and end, and each
    piece is marked with the worst severity covering it and the messages of all of them. An empty
    anchor ``#f-<letter>-<n>`` sits where finding ``n`` starts.
    """
    spans = {i: f for i, f in enumerate(findings) if f.end > f.start and f.end <= len(text)}
    cuts = sorted(
        {0, len(text), *(f.start for f in spans.values()), *(f.end for f in spans.values())}
    )
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, f in spans.items():
        starts.setdefault(f.start, []).append(i)
        ends.setdefault(f.end, []).append(i)
    active: dict[int, Finding] = {}
    out: list[str] = []
    for lo, hi in itertools.pairwise(cuts):
        for i in ends.get(lo, ()):
            del active[i]
        for i in starts.get(lo, ()):
            active[i] = spans[i]
            out.append(f'<a class="anchor" id="f-{letter}-{i}"></a>')
        piece = escape(text[lo:hi])
        if not active:
            out.append(piece)
            continue
        covering = list(active.values())
        worst = max(f.severity for f in covering)
        categories = " ".join(sorted({f"cat-{f.category}" for f in covering}))
        title = escape("\n".join(_finding_title(f) for f in covering))
        out.append(f'<mark class="sev-{worst} {categories}" title="{title}">{piece}</mark>')
    return "".join(out)


def _letter_section(index: int, report: Report) -> str:
    head = f'<section class="letter" id="letter-{index}">\n<h3>{escape(report.source)}</h3>\n'
    if not report.ok:
        return (
            head
            + f'<p class="error">could not analyse ({escape(report.error_kind or "error")}): '
            + f"{escape(report.error_message or '')}</p>\n</section>\n"
        )
    meta = []
    if report.tone is not None:
        meta.append(f"score {report.tone.score:.0f}/100, {escape(report.tone.tone)}")
    if report.stats is not None:
        meta.append(f"{report.stats.words} words, {escape(report.length or '')}")
    if report.elements is not None:
        missing = [name for name, present in report.elements.items() if not present]
        meta.append("missing: " + escape(", ".join(missing)) if missing else "all elements present")
    parts = [head, f'<p class="meta">{"; ".join(meta)}</p>\n']
    if report.tone is not None and report.tone.drivers:
        reasons = "; ".join(d.description for d in report.tone.drivers[:3])
        parts.append(
            f'<p class="drivers">reads {escape(report.tone.tone)} mainly because of: '
            f"{escape(reasons)}</p>\n"
        )
    if report.text is not None:
        # A finding in another body alternative has no span in this text (kept for the numbering).
        here = tuple(replace(f, end=f.start) if report.elsewhere(f) else f for f in report.findings)
        parts.append(f'<pre class="text">{highlight(report.text, here, index)}</pre>\n')
    if report.findings:
        parts.append('<ol class="findings">\n')
        for i, f in enumerate(report.findings):
            where = (
                f"{escape(f.part or '')} {f.line}:{f.column}"
                if report.elsewhere(f)
                else f'<a href="#f-{index}-{i}">{f.line}:{f.column}</a>'
                if f.end > f.start
                else "letter"
            )
            suggestion = (
                f' <span class="try">try: {escape(f.suggestion)}</span>' if f.suggestion else ""
            )
            parts.append(
                f'<li class="sev-{f.severity}">{where} <code>{f.code}</code> '
                f'<span class="severity">{f.severity}</span> {escape(f.message)}{suggestion}</li>\n'
            )
        parts.append("</ol>\n")
    else:
        parts.append('<p class="clean">No findings.</p>\n')
    parts.append("</section>\n")
    return "".join(parts)


def histogram_svg(bins: list[int], width: int = 420, height: int = 150) -> str:
    """Scores in ten bins (0-10 ... 90-100) as an inline SVG bar chart, counts above the bars."""
    peak = max(bins) or 1
    bar = width / len(bins)
    plot = height - 34  # room for the count above a bar and the bin label below
    parts = []
    for i, count in enumerate(bins):
        h = round(plot * count / peak, 1)
        x = round(i * bar + 2, 1)
        mid = round(x + (bar - 4) / 2, 1)
        top = round(14 + plot - h, 1)
        parts.append(
            f'<rect x="{x}" y="{top}" width="{round(bar - 4, 1)}" height="{h}">'
            f"<title>score {i * 10}–{i * 10 + 10}: {count} letter(s)</title></rect>"
            f'<text x="{mid}" y="{height - 6}">{i * 10}</text>'
        )
        if count:
            parts.append(f'<text class="count" x="{mid}" y="{round(top - 3, 1)}">{count}</text>')
    return (
        f'<svg class="histogram" role="img" aria-label="letters per score band" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        + "".join(parts)
        + "</svg>"
    )


def _summary(summary: BatchSummary) -> str:
    out = ['<section id="summary">\n<h2>Summary</h2>\n<dl>\n']
    out += [f"<dt>{label}</dt><dd>{escape(value)}</dd>\n" for label, value in summary.rows()]
    out.append("</dl>\n")
    if summary.scored:
        out.append(
            f"<h3>Scores (letters per band of 10)</h3>\n{histogram_svg(summary.histogram)}\n"
        )
    else:
        out.append('<p class="note">No scores: the tone classifier is not installed.</p>\n')
    top = summary.top_findings()
    if top:
        out.append('<h3>Most frequent findings</h3>\n<table class="top">\n')
        out.append("<tr><th>code</th><th>rule</th><th>findings</th><th>letters</th></tr>\n")
        out += [
            f"<tr><td><code>{code}</code></td><td>{escape(name)}</td><td>{count:,}</td>"
            f"<td>{letters:,}</td></tr>\n"
            for code, name, count, letters in top
        ]
        out.append("</table>\n")
    out.append("</section>\n")
    return "".join(out)


_FILTER_CHOICES = (
    ("f-tone", "tone", ("cool_cordial", "effusive", "curt", "pushy", "(error)")),
    ("f-length", "length", ("ok", "too_short", "too_long")),
    ("f-missing", "missing element", _ELEMENT_COLUMNS),
)


def _filters(codes: list[str]) -> str:
    """The filter bar: tone, length, a missing element, a rule code, and a search box."""
    out = ['<form id="filters" class="filters">\n']
    out.append(
        '<label>search (file name or rule code) <input id="f-search" type="search"></label>\n'
    )
    for ident, label, values in (*_FILTER_CHOICES, ("f-code", "rule", tuple(codes))):
        options = "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)
        out.append(
            f'<label>{label} <select id="{ident}"><option value="">any</option>'
            f"{options}</select></label>\n"
        )
    out.append('<output id="shown" aria-live="polite"></output>\n</form>\n')
    return "".join(out)


class HtmlWriter:
    """Streams letters into a temporary file, then writes the whole page in ``finish``."""

    needs_text = True
    render = None  # the page needs every letter's Report (rows, then the letters)

    def __init__(self, out: IO[str], title: str = "tonecheck report") -> None:
        self._out = out
        self._title = title
        self._rows: list[_Row] = []
        # Closed in finish(); an unnamed temporary file, so nothing is left behind if a run fails.
        self._letters = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def write(self, report: Report) -> None:
        index = len(self._rows)
        self._rows.append(_Row.of(index, report))
        self._letters.write(_letter_section(index, report))

    def write_rendered(self, text: str) -> None:
        raise NotImplementedError("the HTML report is written from Reports")

    def finish(self, summary: BatchSummary) -> None:
        style, script = _asset("report.css"), _asset("report.js")
        csp = (
            f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        )
        out = self._out
        out.write(
            '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="tonecheck {__version__}">\n'
            f"<title>{escape(self._title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
            f"<header><h1>{escape(self._title)}</h1></header>\n<main>\n"
        )
        out.write(_summary(summary))
        out.write('<section id="table">\n<h2>Letters</h2>\n')
        out.write(_filters(sorted(summary.codes)))
        out.write('<table id="letters">\n<thead><tr>')
        for label, kind, ident in _COLUMNS:
            out.write(
                f'<th id="{ident}" data-type="{kind}"><button type="button">{label}</button></th>'
            )
        out.write("</tr></thead>\n<tbody>\n")
        for row in self._rows:
            out.write(_table_row(row))
        out.write("</tbody>\n</table>\n</section>\n")
        out.write('<section id="letters-text">\n<h2>The letters</h2>\n')
        self._letters.seek(0)
        shutil.copyfileobj(self._letters, out)
        self._letters.close()
        out.write(f"</section>\n</main>\n<script>{script}</script>\n</body>\n</html>\n")
