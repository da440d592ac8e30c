"""tonecheck: a tone checker for the note a candidate sends after a job interview.

Public API::

    from tonecheck import lint_text, lint_paths, Report, Finding, Severity
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tonecheck._version import __version__
from tonecheck.findings import Finding, Report, Severity

if TYPE_CHECKING:
    from tonecheck.linter import lint_paths, lint_text

__all__ = ["Finding", "Report", "Severity", "__version__", "lint_paths", "lint_text"]


def __getattr__(name: str) -> Any:
    # The linter imports spaCy; load it only when it is used, so `tonecheck --help` stays fast.
    if name in ("lint_text", "lint_paths"):
        from tonecheck import linter

        return getattr(linter, name)
    raise AttributeError(name)
