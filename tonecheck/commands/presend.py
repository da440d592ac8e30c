"""What ``tonecheck presend`` says on standard error before it sends or holds a message."""

from __future__ import annotations

from tonecheck.presend import FORCE_ENV, Decision, Reason

SHOWN_CODES = 6  # a passing message's findings named on its one line; the rest are counted


def notes(decision: Decision, *, force: bool, quiet: bool = False) -> str:
    """The findings that hold the message (or that it is forced out with), the error that kept
    tonecheck from checking it, a warning when it is sent anyway, and, when it passes with
    warnings (or errors below ``--fail-on``), one line naming them (not with ``quiet``)."""
    verdict, reason = decision.verdict, decision.reason
    out: list[str] = []
    if decision.show_findings:
        import os
        import sys

        from tonecheck.report import text as text_report
        from tonecheck.report.color import use_color

        assert verdict.report is not None
        color = use_color("auto", sys.stderr, os.environ)
        out.append(text_report.render([verdict.report], color=color).rstrip("\n"))
    if verdict.error is not None:
        out.append(f"tonecheck: error: {verdict.error}")
    if reason is Reason.FORCED:
        why = "--force" if force else f"{FORCE_ENV} is set"
        out.append(f"tonecheck: warning: {why}: sending whatever the check says")
    elif reason is Reason.UNCHECKED:
        out.append("tonecheck: warning: sending the message unchecked (--on-error send)")
    elif reason is Reason.PASSED and not quiet and verdict.report is not None:
        from tonecheck.findings import Severity

        worth = [f for f in verdict.report.findings if f.severity >= Severity.WARNING]
        if worth:
            counts = [
                f"{n} {s}(s)"
                for s in ("error", "warning")
                if (n := sum(str(f.severity) == s for f in worth))
            ]
            named = ", ".join(
                f"{f.code} {f.name} ({f.line}:{f.column})" for f in worth[:SHOWN_CODES]
            )
            more = f" and {len(worth) - SHOWN_CODES} more" if len(worth) > SHOWN_CODES else ""
            out.append(
                f"tonecheck: sent with {' and '.join(counts)}: {named}{more} "
                "(`tonecheck lint` shows them; --quiet says nothing)"
            )
    return "".join(line + "\n" for line in out)
