"""``--format junit``: JUnit XML, as CI systems read test reports (the shape ESLint's and textlint's
junit formatters write).

``<testsuites>`` holds one ``<testsuite>`` per input (``name`` = the file). Each finding is a
``<testcase>`` named ``CODE line:col`` with a ``<failure>`` whose ``type`` is the severity and
whose ``message`` is the finding's message; a letter without findings has one passing testcase; an
input that could not be analysed has one testcase with an ``<error>``. Characters that XML 1.0
cannot hold are dropped.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import IO

from tonecheck.findings import Report
from tonecheck.summary import BatchSummary

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _suite(report: Report) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(report.source))
    failures = errors = 0
    if not report.ok:
        case = ET.SubElement(suite, "testcase", name="read", classname=_clean(report.source))
        error = ET.SubElement(
            case, "error", message=_clean(report.error_message or ""), type=report.error_kind or ""
        )
        error.text = _clean(report.error_message or "")
        errors = 1
    elif not report.findings:
        ET.SubElement(suite, "testcase", name="tonecheck", classname=_clean(report.source))
    for f in report.findings:
        case = ET.SubElement(
            suite,
            "testcase",
            name=f"{f.code} {f.line}:{f.column}",
            classname=_clean(report.source),
        )
        failure = ET.SubElement(case, "failure", message=_clean(f.message), type=str(f.severity))
        detail = (
            f"{report.source}:{f.line}:{f.column}: {f.code} {f.name} ({f.severity})\n{f.message}"
        )
        if f.suggestion:
            detail += f"\nTry: {f.suggestion}"
        failure.text = _clean(detail)
        failures += 1
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    return suite


_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_COUNTS = ("tests", "failures", "errors")


def _suite_xml(report: Report) -> str:
    suite = _suite(report)
    ET.indent(suite, level=1)
    return "  " + ET.tostring(suite, encoding="unicode").rstrip() + "\n"


def _root(totals: dict[str, int]) -> str:
    counts = " ".join(f'{key}="{totals[key]}"' for key in _COUNTS)
    return f'<testsuites name="tonecheck" {counts}>\n'


def render(reports: Iterable[Report]) -> str:
    """The JUnit XML document."""
    suites = [_suite(r) for r in reports]
    totals = {key: sum(int(s.get(key, "0")) for s in suites) for key in _COUNTS}
    body = []
    for suite in suites:
        ET.indent(suite, level=1)
        body.append("  " + ET.tostring(suite, encoding="unicode").rstrip() + "\n")
    return _HEAD + _root(totals) + "".join(body) + "</testsuites>\n"


class JunitWriter:
    """``.xml`` batch reports (JUnit): test suites are streamed into a temporary file (memory stays
    flat); ``finish`` writes the totals around them."""

    needs_text = False
    render = staticmethod(_suite_xml)

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._totals = dict.fromkeys(_COUNTS, 0)
        # Closed in finish(); an unnamed temporary file, so nothing is left behind if a run fails.
        self._suites = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def write(self, report: Report) -> None:
        self.write_rendered(_suite_xml(report))

    def write_rendered(self, text: str) -> None:
        for key in _COUNTS:  # the suite's own counts, read back from its first line
            self._totals[key] += int(re.search(f' {key}="(\\d+)"', text.split("\n", 1)[0])[1])  # type: ignore[index]
        self._suites.write(text)

    def finish(self, summary: BatchSummary) -> None:
        self._out.write(_HEAD + _root(self._totals))
        self._suites.seek(0)
        shutil.copyfileobj(self._suites, self._out)
        self._suites.close()
        self._out.write("</testsuites>\n")
