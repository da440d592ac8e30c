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
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from tonecheck.findings import Report

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


def render(reports: Iterable[Report]) -> str:
    """The JUnit XML document."""
    root = ET.Element("testsuites", name="tonecheck")
    for report in reports:
        root.append(_suite(report))
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in root)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
