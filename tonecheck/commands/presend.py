"""What ``tonecheck presend`` says on standard error before it sends or holds a message."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import typer

from tonecheck import presend as ps
from tonecheck.commands.options import ExitCode
from tonecheck.presend import FORCE_ENV, Decision, Reason
from tonecheck.textutil import visible

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
        out.append(f"tonecheck: error: {visible(verdict.error)}")
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


def run(
    command: list[str],
    fail_on: str,
    hold_dir: Path | None,
    on_error: str,
    force: bool,
    config: Path | None,
    quiet: bool,
) -> int:
    """``tonecheck presend``: read the message, check it, then send it or hold it; the exit status."""

    forced = force or ps.force_requested()
    try:
        data = ps.read_message(sys.stdin.buffer)
    except Exception as exc:  # nothing was read whole: nothing is sent; the mail client keeps it
        typer.echo(
            f"tonecheck: error: could not read the message ({ps.describe(exc)}); nothing was sent",
            err=True,
        )
        return ExitCode.ERROR
    try:  # any failure of tonecheck's own before the send holds the message (or sends it)
        with ps.interruptible():
            decision = ps.decide(
                data, config=config, fail_on=fail_on, forced=forced, on_error=on_error
            )
            said = notes(decision, force=force, quiet=quiet)
    except (KeyboardInterrupt, ps.Interrupted) as exc:  # held, whatever --force or --on-error say
        signame = "SIGINT" if isinstance(exc, KeyboardInterrupt) else str(exc)
        failed = ps.Verdict.failed(f"{signame} came while checking the message", "interrupted")
        decision = ps.settle(failed, fail_on=fail_on)
        said = f"tonecheck: error: {failed.error}\n"
    except Exception as exc:
        failed = ps.Verdict.failed(f"tonecheck failed ({ps.describe(exc)})", "internal-error")
        decision = ps.settle(failed, fail_on=fail_on, forced=forced, on_error=on_error)
        said = f"tonecheck: error: {failed.error}\n"
    sys.stderr.write(said)
    outcome = ps.carry_out(decision, data, command, hold_dir)
    if outcome.send_error is not None:
        typer.echo(f"tonecheck: error: {outcome.send_error}", err=True)
    if outcome.hold_error is not None:
        typer.echo(f"tonecheck: error: {outcome.hold_error}; nothing was sent", err=True)
        return ExitCode.ERROR
    if outcome.held is None:
        assert outcome.status is not None
        return outcome.status
    if outcome.send_error is not None:
        why, advice, code = "the sendmail command could not be run", "", ExitCode.ERROR
    elif decision.reason is ps.Reason.NOT_CHECKED:
        why, advice, code = "tonecheck could not check it", "", ExitCode.ERROR
    else:
        why = f"a finding is at or above --fail-on {fail_on}"
        advice = f"edit the message and send it again, or send it anyway with {ps.FORCE_ENV}=1"
        code = ExitCode.FINDINGS
    typer.echo(
        f"tonecheck: not sent: {why}. The message is held unchanged in {outcome.held}", err=True
    )
    if advice:
        typer.echo(f"tonecheck: {advice}", err=True)
    where = "" if hold_dir is None else f" --hold-dir {shlex.quote(str(hold_dir))}"
    held = outcome.held.stem
    typer.echo(
        f"tonecheck: held as {held}: `tonecheck held show|send|drop {held}{where}`", err=True
    )
    return code
