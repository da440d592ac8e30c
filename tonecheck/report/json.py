"""``--format json``: one JSON document, the shape pinned in CONTRACT.md; and ``.jsonl`` batch
reports, one RESULT a line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from tonecheck._version import __version__
from tonecheck.findings import SCHEMA_VERSION, Report
from tonecheck.summary import BatchSummary


def envelope(reports: Iterable[Report]) -> dict[str, object]:
    """The top-level JSON object."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tonecheck_version": __version__,
        "results": [r.to_dict() for r in reports],
    }


def render(reports: Iterable[Report]) -> str:
    """Render reports as the JSON document of CONTRACT.md."""
    return json.dumps(envelope(reports), ensure_ascii=False, indent=2) + "\n"


def render_line(report: Report) -> str:
    """One RESULT as a single compact JSON line (for ``.jsonl`` reports), UTF-8 as written."""
    return json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"


class JsonlWriter:
    """``.jsonl``: one CONTRACT.md RESULT a line."""

    needs_text = False
    render = staticmethod(render_line)

    def __init__(self, out: IO[str]) -> None:
        self._out = out

    def write(self, report: Report) -> None:
        self._out.write(render_line(report))

    def write_rendered(self, text: str) -> None:
        self._out.write(text)

    def finish(self, summary: BatchSummary) -> None:
        """Nothing to add: every line is already written."""
