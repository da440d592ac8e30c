"""The report file of a batch: its format (by suffix), its writer, and a check that it can be
written and is not one of the inputs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Protocol

from tonecheck.batch.discovery import Found
from tonecheck.errors import TonecheckError
from tonecheck.findings import Report
from tonecheck.report.csv import CsvWriter
from tonecheck.report.html import HtmlWriter
from tonecheck.report.json import JsonlWriter
from tonecheck.report.junit import JunitWriter
from tonecheck.report.sarif import SarifWriter
from tonecheck.summary import BatchSummary

REPORT_SUFFIXES = (".jsonl", ".csv", ".html", ".htm", ".sarif", ".xml")

Render = Callable[[Report], str]


class ReportWriter(Protocol):
    """Streams Reports into a report file; ``finish`` closes it off (the HTML page needs the totals).

    A writer whose ``render`` is a function (Report -> its text in the file) can be given text that
    a worker process rendered (``write_rendered``); otherwise it is given Reports (``write``).
    """

    needs_text: bool

    @property
    def render(self) -> Render | None: ...

    def write(self, report: Report) -> None: ...

    def write_rendered(self, text: str) -> None: ...

    def finish(self, summary: BatchSummary) -> None: ...


def report_format(path: Path) -> str:
    """``jsonl``, ``csv``, ``html``, ``sarif`` or ``xml`` (JUnit), from a report path's suffix.

    Raises:
        TonecheckError: kind ``usage``, for any other suffix.
    """
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise TonecheckError(
            f"{path}: unknown report format '{suffix}' (use .jsonl, .csv, .html, .sarif or .xml)",
            kind="usage",
        )
    return "html" if suffix == ".htm" else suffix[1:]


def writer_for(path: Path, out: IO[str]) -> ReportWriter:
    """The writer for a report path, by its suffix (``.jsonl``, ``.csv``, ``.html``, ``.sarif``,
    ``.xml``)."""
    fmt = report_format(path)
    if fmt == "sarif":
        from tonecheck.rules import ALL_RULES

        return SarifWriter(out, ALL_RULES)
    if fmt == "xml":
        return JunitWriter(out)
    if fmt == "csv":
        return CsvWriter(out)
    if fmt == "html":
        return HtmlWriter(out)
    return JsonlWriter(out)


def check_output(output: Path, items: Iterable[Found]) -> None:
    """Refuse a report path that cannot be written, or that is one of the inputs.

    Raises:
        TonecheckError: kind ``usage``.
    """
    report_format(output)
    folder = output.parent
    if not folder.is_dir():
        raise TonecheckError(f"{output}: the folder {folder} does not exist", kind="usage")
    if output.is_dir():
        raise TonecheckError(f"{output}: is a folder; give a report file name", kind="usage")
    try:
        target = output.stat()
    except OSError:
        return  # no report there yet: it cannot be one of the inputs
    for item in items:
        try:
            info = Path(item.path).stat()  # follows symbolic links; hard links share the inode
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            raise TonecheckError(
                f"{output}: the report would overwrite one of the inputs; choose another --output",
                kind="usage",
            )
