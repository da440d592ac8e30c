"""``--format concise``: one line a finding, ``file:line:col: CODE severity message``.

The shape of compilers' and ruff's concise output, so editors' quickfix lists (Vim's default
``errorformat`` ``%f:%l:%c: %m``, Emacs' compilation mode) and ``grep`` read it. Nothing else is
printed: no excerpt, no summary; inputs that could not be analysed are reported on standard error
by the command line.
"""

from __future__ import annotations

from collections.abc import Iterable

from tonecheck.findings import Report


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render(reports: Iterable[Report]) -> str:
    """Every finding of every analysed report, one line each."""
    lines = [
        f"{r.source}:{f.line}:{f.column}: {f.code} {f.severity} {_one_line(f.message)}"
        for r in reports
        if r.ok
        for f in r.findings
    ]
    return "".join(line + "\n" for line in lines)
