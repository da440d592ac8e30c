"""One editor buffer, linted: its findings placed in the buffer, as LSP diagnostics, hovers and
code actions. No server here (see :mod:`tonecheck.lsp.server`): plain functions of a buffer's text.

Offsets: for ``.txt`` and ``.md`` buffers tonecheck lints the buffer's text itself, so a finding's
offsets index the buffer. For ``.eml`` it lints the message's extracted body (without headers,
quoted replies and signature, see :func:`tonecheck.sources.email_body`); each line of the body is
found again in the raw message, in order, so that findings land where they are in the buffer. A
line that is not there as written (a quoted-printable or base64 body, HTML, ``format=flowed``) puts
its findings at the start of the body, with an empty range and no code action.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

from lsprotocol import types

from tonecheck.config import Settings
from tonecheck.errors import TonecheckError
from tonecheck.findings import ELEMENT_NAMES, Finding, Report, Severity
from tonecheck.linter import lint_safely
from tonecheck.lsp.positions import UTF16, LineIndex
from tonecheck.rules import RULES_BY_CODE
from tonecheck.sources import EMAIL_SUFFIXES, TEXT_SUFFIXES, email_body

SOURCE = "tonecheck"
SUMMARY_CODE = "summary"
# Editors' names for the buffers tonecheck reads (a file's suffix decides first).
TEXT_LANGUAGES = frozenset({"plaintext", "text", "markdown", "mail", "message"})
EMAIL_LANGUAGES = frozenset({"email", "eml"})
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}
ELEMENT_LABELS = {
    "thanks": "thanks",
    "pleasure": "pleasure",
    "learned_detail": "a specific detail",
    "continued_interest": "continued interest",
}


def buffer_kind(uri: str, language_id: str | None = None) -> str | None:
    """``"email"``, ``"text"`` or None (a buffer tonecheck does not lint), by suffix, then by the
    editor's language id."""
    suffix = PurePosixPath(unquote(urlparse(uri).path)).suffix.lower()
    if suffix in EMAIL_SUFFIXES:
        return "email"
    if suffix and suffix in TEXT_SUFFIXES:
        return "text"
    language = (language_id or "").lower()
    if language in EMAIL_LANGUAGES:
        return "email"
    return "text" if language in TEXT_LANGUAGES else None


@dataclass(frozen=True)
class Placed:
    """A finding and where it is in the buffer (character offsets); ``exact`` when the buffer's
    text there is the finding's match, so that replacing it is safe."""

    finding: Finding
    start: int
    end: int
    exact: bool


@dataclass(frozen=True)
class Analysis:
    """The result for one version of one buffer: findings placed in it, or the one problem that
    kept it from being linted (a bad config, a message without headers ...)."""

    text: str
    version: int | None
    index: LineIndex
    report: Report | None = None
    placed: tuple[Placed, ...] = ()
    letter_start: int = 0
    problem: str | None = None


class _BodyMap:
    """Body offsets -> buffer offsets, line by line (see the module docstring)."""

    def __init__(self, buffer: str, body: str) -> None:
        head_end = min(
            (i + len(sep) for sep in ("\r\n\r\n", "\n\n", "\r\r") if (i := buffer.find(sep)) >= 0),
            default=0,
        )
        self.body_start = head_end
        self.line_starts: list[int] = []
        self.where: list[int | None] = []
        cursor, position = head_end, 0
        for line in body.split("\n"):
            self.line_starts.append(position)
            found = buffer.find(line, cursor) if line.strip() else -1
            self.where.append(found if found >= 0 else None)
            if found >= 0:
                cursor = found + len(line)
            position += len(line) + 1

    def point(self, offset: int) -> int | None:
        """The buffer offset of a body offset on a line found as written, else None."""
        line = bisect_right(self.line_starts, offset) - 1
        base = self.where[line]
        return None if base is None else base + offset - self.line_starts[line]

    def place(self, start: int, end: int) -> tuple[int, int] | None:
        """The buffer offsets of a body span whose two ends are found, else None."""
        first, last = self.point(start), self.point(end)
        if first is None or last is None or last < first:
            return None
        return first, last


def analyse(
    text: str, name: str, kind: str, settings: Settings, version: int | None = None
) -> Analysis:
    """Lint one buffer's text (``kind`` from :func:`buffer_kind`); never raises for bad input."""
    index = LineIndex(text)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > settings.max_bytes:
        too_large = (
            f"{name}: too large to check ({size:,} bytes; the limit is {settings.max_bytes:,})"
        )
        return Analysis(text, version, index, problem=too_large)
    if not text.strip():
        return Analysis(text, version, index)
    body_map = None
    body = text
    if kind == "email":
        try:
            body = email_body(text.encode("utf-8", "surrogatepass"), name)
        except TonecheckError as exc:
            problem = None if exc.kind == "empty" else exc.message
            return Analysis(text, version, index, problem=problem)
        body_map = _BodyMap(text, body)
    report = lint_safely(body, name, settings)
    if not report.ok:
        problem = None if report.error_kind == "empty" else report.error_message
        return Analysis(text, version, index, problem=problem)
    letter_start = 0 if body_map is None else body_map.body_start
    placed = []
    for finding in report.findings:
        where = (
            (finding.start, finding.end)
            if body_map is None
            else body_map.place(finding.start, finding.end)
        )
        if where is None:
            where = (letter_start, letter_start)
        exact = text[where[0] : where[1]] == finding.match
        placed.append(Placed(finding, where[0], where[1], exact))
    return Analysis(text, version, index, report, tuple(placed), letter_start)


def _range(analysis: Analysis, start: int, end: int, encoding: str) -> types.Range:
    first = analysis.index.position(start, encoding)
    last = analysis.index.position(end, encoding)
    return types.Range(types.Position(*first), types.Position(*last))


def summary_message(report: Report, settings: Settings) -> str:
    """The letter in one line: tone and score, missing elements, length, counts of findings."""
    parts = []
    if report.tone is not None:
        parts.append(f"tone {report.tone.tone}, score {report.tone.score:.0f}/100")
    missing = [
        ELEMENT_LABELS[name] + ("" if name in settings.required_elements else " (recommended)")
        for name in ELEMENT_NAMES
        if report.elements is not None and not report.elements[name]
    ]
    parts.append("missing: " + ", ".join(missing) if missing else "all elements present")
    if report.stats is not None:
        parts.append(f"{report.stats.words} words ({report.length})")
    counts = {level: 0 for level in Severity}
    for finding in report.findings:
        counts[finding.severity] += 1
    parts.append(
        ", ".join(f"{counts[level]} {level}(s)" for level in sorted(Severity, reverse=True))
    )
    return "tonecheck: " + "; ".join(parts)


def diagnostics(
    analysis: Analysis, settings: Settings, encoding: str = UTF16
) -> list[types.Diagnostic]:
    """The buffer's diagnostics: one per finding, then the letter summary at the letter's start."""
    at_start = _range(analysis, analysis.letter_start, analysis.letter_start, encoding)
    if analysis.problem is not None:
        return [
            types.Diagnostic(
                at_start, analysis.problem, severity=types.DiagnosticSeverity.Error, source=SOURCE
            )
        ]
    if analysis.report is None:
        return []
    out = []
    for item in analysis.placed:
        f = item.finding
        out.append(
            types.Diagnostic(
                range=_range(analysis, item.start, item.end, encoding),
                message=f.message,
                severity=SEVERITIES[f.severity],
                code=f.code,
                source=SOURCE,
                data={"name": f.name, "category": f.category, "suggestion": f.suggestion},
            )
        )
    report = analysis.report
    out.append(
        types.Diagnostic(
            range=at_start,
            message=summary_message(report, settings),
            severity=types.DiagnosticSeverity.Information,
            code=SUMMARY_CODE,
            source=SOURCE,
            data={
                "score": None if report.tone is None else round(report.tone.score, 1),
                "tone": None if report.tone is None else report.tone.tone,
                "elements": report.elements,
                "length": report.length,
                "words": None if report.stats is None else report.stats.words,
            },
        )
    )
    return out


def rule_doc(code: str) -> str:
    """A rule's documentation as ``tonecheck rule CODE`` prints it."""
    rule = RULES_BY_CODE[code]
    return (
        f"# {rule.code} {rule.name}\n\n"
        f"category: {rule.category}; default severity: {rule.severity}\n\n{rule.doc}"
    )


def _covers(item: Placed, offset: int) -> bool:
    if item.start == item.end:
        return offset == item.start
    return item.start <= offset < item.end


def hover(analysis: Analysis, offset: int, encoding: str = UTF16) -> types.Hover | None:
    """The message, suggestion and rule documentation of the findings under ``offset``."""
    items = [item for item in analysis.placed if _covers(item, offset)]
    if not items:
        return None
    sections = []
    for item in items:
        f = item.finding
        try_line = f"\n\nTry: {f.suggestion}" if f.suggestion else ""
        sections.append(f"**{f.code}** {f.message}{try_line}\n\n{rule_doc(f.code)}")
    first = items[0]
    return types.Hover(
        contents=types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(sections)),
        range=_range(analysis, first.start, first.end, encoding),
    )


def drop_in(item: Placed) -> str | None:
    """The text that can replace the finding's match as it stands, or None: only a suggestion
    for the span itself ('dream job' -> 'a role I am keen on', '!!' -> '.', an emoji -> ''), not
    advice ('(leave this out)') or a template ('I valued our conversation about ...')."""
    f = item.finding
    text = f.suggestion
    if text is None or not item.exact or item.start == item.end:
        return None
    if text.startswith("(") or "..." in text or "…" in text or "[" in text:
        return None
    if text and f.match[:1].isupper() and not f.match.isupper():
        text = text[:1].upper() + text[1:]
    return text


def code_actions(
    analysis: Analysis, uri: str, start: int, end: int, encoding: str = UTF16
) -> list[types.CodeAction]:
    """Quick fixes for the findings that touch ``start``-``end``: replace the match with the
    drop-in suggestion."""
    actions = []
    for item in analysis.placed:
        if item.end < start or item.start > end:
            continue
        new_text = drop_in(item)
        if new_text is None:
            continue
        f = item.finding
        where = _range(analysis, item.start, item.end, encoding)
        title = f"Replace '{f.match}' with '{new_text}'" if new_text else f"Remove '{f.match}'"
        diagnostic = types.Diagnostic(
            where, f.message, severity=SEVERITIES[f.severity], code=f.code, source=SOURCE
        )
        actions.append(
            types.CodeAction(
                title=f"{title} ({f.code})",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True,
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(where, new_text)]}),
            )
        )
    return actions
