"""``tonecheck lint``: read the inputs (files, folders searched like ``batch``, standard input),
lint them, render them in the chosen format, and choose the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from tonecheck.batch.discovery import discover
from tonecheck.config import Settings, reaches
from tonecheck.errors import TonecheckError
from tonecheck.findings import Report, Severity
from tonecheck.inputs import read_input
from tonecheck.linter import lint_source
from tonecheck.report.color import use_color
from tonecheck.textutil import visible

FORMATS = ("text", "json", "concise", "github", "sarif", "junit")
# Human formats report an input that could not be analysed on standard error only (one line);
# the machine formats carry it in the document itself.
HUMAN_FORMATS = ("text", "concise")


@dataclass(frozen=True)
class LintOptions:
    """The display options of ``lint`` (the settings are separate: they are shared with batch)."""

    output_format: str = "text"
    color: str = "auto"
    quiet: bool = False
    min_severity: Severity | None = None
    stdin_filename: str | None = None


def lint_inputs(
    paths: Sequence[str], settings: Settings, stdin_name: str | None
) -> Iterator[Report]:
    """One Report per input, in order: folders are searched recursively as ``batch`` does."""
    for found in discover(paths):
        if found.error_kind is not None:
            yield Report.failed(found.path, found.error_kind, found.error_message or "")
            continue
        name = (stdin_name or "<stdin>") if found.path == "-" else found.path
        try:
            source = read_input(found.path, settings, stdin_name)
        except TonecheckError as exc:
            yield Report.failed(name, exc.kind, exc.message)
            continue
        yield lint_source(source, settings)


def shown(report: Report, min_severity: Severity | None) -> Report:
    """The report with only the findings at or above ``min_severity`` (the display filter)."""
    if min_severity is None or not report.ok:
        return report
    return replace(report, findings=tuple(f for f in report.findings if f.severity >= min_severity))


def render(reports: list[Report], options: LintOptions) -> str:
    """The reports in ``options.output_format``."""
    fmt = options.output_format
    if fmt == "json":
        from tonecheck.report import json as json_report

        return json_report.render(reports)
    if fmt == "concise":
        from tonecheck.report import concise

        return concise.render(reports)
    if fmt == "github":
        from tonecheck.report import github

        return github.render(reports)
    if fmt == "sarif":
        from tonecheck.report import sarif
        from tonecheck.rules import ALL_RULES

        return sarif.render(reports, ALL_RULES)
    if fmt == "junit":
        from tonecheck.report import junit

        return junit.render(reports)
    from tonecheck.report import text

    color = use_color(options.color, sys.stdout, os.environ)
    return text.render([r for r in reports if r.ok], color=color, summary=not options.quiet)


def exit_code(reports: list[Report], fail_on: str) -> int:
    """CONTRACT.md: 2 if an input could not be analysed, else 1 if a finding reaches
    ``fail_on``, else 0."""
    if any(not r.ok for r in reports):
        return 2
    return 1 if any(reaches(r.worst(), fail_on) for r in reports) else 0


def run(paths: Sequence[str], settings: Settings, options: LintOptions) -> int:
    """Lint, print, and return the exit code (counted on every finding, whatever is shown)."""
    reports = list(lint_inputs(paths, settings, options.stdin_filename))
    if not reports:
        print("tonecheck: warning: no letters found", file=sys.stderr)
    sys.stdout.write(render([shown(r, options.min_severity) for r in reports], options))
    if options.output_format in HUMAN_FORMATS:
        sys.stdout.flush()
        for r in reports:
            if not r.ok:
                print(f"tonecheck: error: {visible(r.error_message or '')}", file=sys.stderr)
    return exit_code(reports, settings.fail_on)
