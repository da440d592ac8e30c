"""``--format json``: one JSON document, the shape pinned in CONTRACT.md."""

from __future__ import annotations

import json
from collections.abc import Iterable

from tonecheck import __version__
from tonecheck.findings import SCHEMA_VERSION, Report


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
    """One RESULT as a single JSON line (for ``.jsonl`` reports)."""
    return json.dumps(report.to_dict(), ensure_ascii=False) + "\n"
