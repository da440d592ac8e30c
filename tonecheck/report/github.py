"""``--format github``: GitHub Actions workflow commands, one annotation a finding.

``::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message``. Severities map to
``error``, ``warning`` and ``notice`` (a suggestion). Values are escaped as the runner unescapes
them (actions/toolkit, ``command.ts``): in the message ``%``, ``\\r`` and ``\\n``; in a property
also ``:`` and ``,``. An input that could not be analysed becomes an ``::error file=F::`` line.
"""

from __future__ import annotations

from collections.abc import Iterable

from tonecheck.findings import Finding, Report, Severity

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=...``, ``title=...``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def end_position(text: str, finding: Finding) -> tuple[int, int]:
    """1-based line and column of the last character of a finding's span."""
    last = max(finding.start, finding.end - 1)
    line = text.count("\n", 0, last) + 1
    column = last - (text.rfind("\n", 0, last) + 1) + 1
    return line, column


def _annotation(report: Report, f: Finding) -> str:
    props = [f"file={escape_property(report.source)}", f"line={f.line}", f"col={f.column}"]
    if f.end > f.start and report.text is not None:
        end_line, end_col = end_position(report.text, f)
        props += [f"endLine={end_line}", f"endColumn={end_col}"]
    props.append(f"title={escape_property(f'{f.code} {f.name}')}")
    message = f.message if not f.suggestion else f"{f.message} Try: {f.suggestion}"
    return f"::{LEVELS[f.severity]} {','.join(props)}::{escape_data(message)}"


def render(reports: Iterable[Report]) -> str:
    """One workflow command a finding (and one per input that could not be analysed)."""
    out: list[str] = []
    for report in reports:
        if not report.ok:
            message = report.error_message or report.error_kind or "could not be analysed"
            out.append(f"::error file={escape_property(report.source)}::{escape_data(message)}")
            continue
        out.extend(_annotation(report, f) for f in report.findings)
    return "".join(line + "\n" for line in out)
