"""``--format sarif``: a SARIF 2.1.0 log (OASIS), one run of tonecheck.

``tool.driver.rules`` describes every rule (its code as ``id``, its kebab-case ``name``, the first
paragraph of its doc as ``shortDescription``, the whole doc as ``help`` in text and Markdown, the
default severity as ``defaultConfiguration.level``, the category as a tag); each finding is a
``result`` with ``ruleId``/``ruleIndex``, ``level`` (``error``, ``warning``, or ``note`` for a
suggestion), the message, and a region with 1-based lines and columns counted in Unicode code points
(``columnKind``) plus the character offsets of CONTRACT.md. The suggestion, when there is one, is in
the result's ``properties``. A finding silenced by an inline ``tonecheck-disable`` comment is a result
with an ``inSource`` suppression. An input that could not be analysed is a tool execution notification
(``executionSuccessful`` is then false). The rules are handed in (this layer does not import them).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from typing import IO, Any, Protocol
from urllib.parse import quote

from tonecheck._version import __version__
from tonecheck.findings import Finding, Report, Severity
from tonecheck.summary import BatchSummary

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


class RuleInfo(Protocol):
    """What SARIF needs of a rule (``tonecheck.rules.Rule`` has it)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def doc(self) -> str: ...


def _short(doc: str) -> str:
    """The first paragraph of a rule's doc (its "What it does" section)."""
    for block in doc.split("\n\n"):
        block = block.strip()
        if block and not block.startswith("#"):
            return " ".join(block.split())
        if block.startswith("#") and "\n" in block:
            return " ".join(block.split("\n", 1)[1].split())
    return doc.strip()


def _rule(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _short(rule.doc)},
        "fullDescription": {"text": _short(rule.doc)},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def uri_of(source: str) -> str:
    """A relative URI reference for a file name (``\\`` as ``/``, unsafe characters escaped)."""
    return quote(source.replace("\\", "/"), safe="/:")


def _region(report: Report, f: Finding) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column}
    if f.end > f.start and report.text is not None:
        text = report.text
        end_line = text.count("\n", 0, f.end) + 1
        end_column = f.end - (text.rfind("\n", 0, f.end) + 1) + 1
        region.update(endLine=end_line, endColumn=end_column, snippet={"text": f.match})
    region.update(charOffset=f.start, charLength=f.end - f.start)
    return region


def _result(report: Report, f: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri_of(report.source)},
                    "region": _region(report, f),
                }
            }
        ],
        "properties": {"name": f.name, "category": f.category, "suggestion": f.suggestion},
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    return result


def report_items(
    report: Report, index: dict[str, int]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One input's ``results`` (its findings, then those suppressed inline) and tool execution
    ``notifications`` (one, if it could not be analysed)."""
    if not report.ok:
        notification = {
            "level": "error",
            "message": {"text": report.error_message or "could not be analysed"},
            "descriptor": {"id": report.error_kind or "error"},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": uri_of(report.source)}}}
            ],
        }
        return [], [notification]
    results = [_result(report, f, index) for f in report.findings]
    for f in report.suppressed:  # SARIF's own way to keep a finding silenced in the source
        suppressed = _result(report, f, index)
        suppressed["suppressions"] = [{"kind": "inSource", "status": "accepted"}]
        results.append(suppressed)
    return results, []


def sarif_log(
    reports: Iterable[Report],
    rules: Sequence[RuleInfo],
    results: list[Any] | None = None,
    notifications: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The SARIF log as a dict: of ``reports``, or of ``results`` and ``notifications`` already
    made by :func:`report_items`."""
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = [] if results is None else results
    notifications = [] if notifications is None else notifications
    for report in reports:
        found, failed = report_items(report, index)
        results.extend(found)
        notifications.extend(failed)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tonecheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


_MARK = "\x00results\x00"


class SarifWriter:
    """``.sarif`` batch reports: results are streamed into a temporary file (memory stays flat)
    and the log is written around them in ``finish``."""

    needs_text = True  # end lines and columns need the letter's text
    render = None

    def __init__(self, out: IO[str], rules: Sequence[RuleInfo]) -> None:
        self._out = out
        self._rules = rules
        self._index = {rule.code: i for i, rule in enumerate(rules)}
        self._notifications: list[dict[str, Any]] = []
        self._count = 0
        # Closed in finish(); an unnamed temporary file, so nothing is left behind if a run fails.
        self._results = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def write(self, report: Report) -> None:
        found, failed = report_items(report, self._index)
        self._notifications.extend(failed)
        for result in found:
            self._results.write(
                ("," if self._count else "") + json.dumps(result, ensure_ascii=False)
            )
            self._count += 1

    def write_rendered(self, text: str) -> None:
        raise NotImplementedError("the SARIF log is written from Reports")

    def finish(self, summary: BatchSummary) -> None:
        log = sarif_log((), self._rules, [_MARK], self._notifications)
        head, tail = json.dumps(log, ensure_ascii=False).split(json.dumps(_MARK), 1)
        self._out.write(head)
        self._results.seek(0)
        shutil.copyfileobj(self._results, self._out)
        self._results.close()
        self._out.write(tail + "\n")


def render(reports: Iterable[Report], rules: Sequence[RuleInfo]) -> str:
    """The SARIF log as indented JSON."""
    return json.dumps(sarif_log(reports, rules), ensure_ascii=False, indent=2) + "\n"
