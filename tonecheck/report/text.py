"""``--format text``: for people. ``file:line:col CODE message``, the excerpt, the suggestion, then a
per-letter summary (elements checklist, length, stats, tone). Colour only when asked (a terminal)."""

from __future__ import annotations

from collections.abc import Iterable

from tonecheck.findings import ELEMENT_NAMES, Finding, Report, Severity
from tonecheck.textutil import line_span, visible

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.SUGGESTION: "36"}
_LABELS = {
    "thanks": "thanks",
    "pleasure": "pleasure (recommended)",
    "learned_detail": "a specific detail",
    "continued_interest": "continued interest",
}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _shown(text: str) -> str:
    """Letter text and file names as printed: control characters, direction overrides and
    undecodable bytes escaped visibly (``\\x1b``), so that a letter cannot drive the terminal
    (clear it, retitle it, fake a line of output) and every finding stays on its lines."""
    return visible(text)


def _excerpt(report: Report, finding: Finding) -> str | None:
    text = report.text_of(finding)
    if text is None or finding.end <= finding.start:
        return None
    _, line_start, line_end = line_span(text, finding.start)
    line = text[line_start:line_end]
    if len(line) > 100:  # trim long lines around the match
        lo = max(0, finding.start - line_start - 40)
        line = ("..." if lo else "") + line[lo : lo + 100] + "..."
        col = finding.start - line_start - lo + (3 if lo else 0)
    else:
        col = finding.start - line_start
    width = max(1, min(finding.end, line_end) - finding.start)
    # escaped characters print wider: the caret moves by what is printed before the match
    shown = _shown(line)
    if len(shown) != len(line):
        width = len(_shown(line[col : col + width]))
        col = len(_shown(line[:col]))
    return f"    | {shown}\n    | {' ' * col}{'^' * min(width, max(1, len(shown) - col))}"


def render_report(report: Report, color: bool = False, summary: bool = True) -> str:
    """One input's findings and (unless ``summary`` is False: ``--quiet``) its summary."""
    out: list[str] = []
    if not report.ok:
        message = report.error_message or report.error_kind or "could not be analysed"
        message = message.removeprefix(f"{report.source}: ")  # messages name their file already
        out.append(_shown(f"{report.source}: error: {message}"))
        return "\n".join(out) + "\n"
    for f in report.findings:
        sev = _paint(str(f.severity), _COLORS[f.severity], color)
        where = f" (in the {f.part} part)" if report.elsewhere(f) else ""
        out.append(
            f"{_shown(report.source)}:{f.line}:{f.column}: {f.code} {sev} {_shown(f.message)}{where}"
        )
        excerpt = _excerpt(report, f)
        if excerpt:
            out.append(excerpt)
        if f.suggestion:
            out.append(f"    = try: {_shown(f.suggestion)}")
    if not summary:
        return "".join(line + "\n" for line in out)
    out.append("")
    out.append(f"{_shown(report.source)}: summary")
    if report.elements is not None:
        marks = [
            f"[{'x' if report.elements.get(name) else ' '}] {_LABELS[name]}"
            for name in ELEMENT_NAMES
        ]
        out.append("  elements: " + "  ".join(marks))
    if report.stats is not None:
        s = report.stats
        out.append(
            f"  length: {report.length} ({s.words} words, {s.sentences} sentences, "
            f"{s.paragraphs} paragraphs, reading grade {s.reading_grade:.1f})"
        )
    if len(report.parts) > 1:
        out.append(f"  read: the {' and the '.join(report.parts)} parts")
    if report.tone is not None:
        t = report.tone
        out.append(f"  tone: {t.tone}, score {t.score:.0f}/100")
        if t.drivers:
            reasons = "; ".join(d.description for d in t.drivers[:3])
            out.append(f"  reads {t.tone} mainly because of: {reasons}")
    counts: dict[Severity, int] = {}
    for f in report.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    tally = ", ".join(f"{counts[s]} {s}(s)" for s in sorted(counts, reverse=True)) or "no findings"
    if report.suppressed:
        tally += f"; {len(report.suppressed)} suppressed inline"
    out.append(f"  findings: {tally}")
    return "\n".join(out) + "\n"


def render(reports: Iterable[Report], color: bool = False, summary: bool = True) -> str:
    """All inputs, one after another."""
    if not summary:
        return "".join(render_report(r, color, summary) for r in reports)
    return "\n".join(render_report(r, color) for r in reports)
