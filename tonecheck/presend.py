"""The pre-send check: the pieces of ``tonecheck presend``, a sendmail wrapper for mail clients.

The message travels as bytes and is never altered: it is checked (its body extracted as for
``.eml`` files), then either handed byte for byte to the real sendmail command, or saved unchanged
into the hold folder. ``decide`` applies the policy (what to do with a message, given the check,
``--force`` and ``--on-error``) and ``carry_out`` does it; the CLI prints what they return and picks
the exit code. Nothing here prints or exits.
"""

from __future__ import annotations

import contextlib
import enum
import os
import signal
import subprocess
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tonecheck.config import Settings, load_settings, reaches
from tonecheck.errors import TonecheckError
from tonecheck.findings import Report
from tonecheck.holding import (
    RECORD_VERSION,
    Message,
    default_hold_dir,
    hold_message,
    read_message,
)

__all__ = [
    "Decision",
    "Interrupted",
    "Message",
    "Outcome",
    "Reason",
    "Verdict",
    "carry_out",
    "check_message",
    "decide",
    "default_hold_dir",
    "describe",
    "force_requested",
    "hold_message",
    "hold_record",
    "interruptible",
    "read_message",
    "send_message",
    "settle",
]

FORCE_ENV = "TONECHECK_FORCE"
MESSAGE_NAME = "<message>"
FORWARDED_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking a message.

    ``report`` is None when tonecheck itself failed; ``error`` then says why (one line) and
    ``error_kind`` is a kebab-case id. ``blocked`` is True when a finding reaches ``fail_on``.
    """

    report: Report | None
    blocked: bool = False
    error: str | None = None
    error_kind: str | None = None

    @classmethod
    def failed(cls, message: str, kind: str) -> Verdict:
        """tonecheck could not check the message."""
        return cls(report=None, error=message, error_kind=kind)


def check_message(data: bytes, settings: Settings) -> Verdict:
    """Lint the body of a raw RFC 5322 message.

    Never raises (except KeyboardInterrupt and the like): whatever goes wrong while checking is
    returned as a failed Verdict, so that the caller can still send or hold the message.
    """
    try:
        from tonecheck.linter import lint_source
        from tonecheck.sources import EMAIL_SUFFIXES, source_from_bytes

        source = source_from_bytes(data, MESSAGE_NAME, EMAIL_SUFFIXES[0], settings.max_bytes)
        report = lint_source(source, settings)  # every body alternative the recipient may read
        if not report.ok:
            return Verdict.failed(report.error_message or "", report.error_kind or "internal-error")
    except TonecheckError as exc:
        return Verdict.failed(exc.message, exc.kind)
    except Exception as exc:  # a bug in tonecheck must never cost the user their message
        return Verdict.failed(
            f"tonecheck failed while checking ({describe(exc)})", "internal-error"
        )
    return Verdict(report=report, blocked=reaches(report.worst(), settings.fail_on))


def describe(exc: BaseException) -> str:
    """An unexpected exception in a few words on one line: ``MemoryError: out of memory``,
    ``RuntimeError: boom`` (the last line of a long message, which is where its cause usually is)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[-1] if lines else ("out of memory" if isinstance(exc, MemoryError) else "")
    text = text if len(text) <= 160 else text[:157] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class Reason(enum.Enum):
    """Why a message is sent or held."""

    PASSED = "passed"  # sent: no finding reaches fail_on
    FORCED = "forced"  # sent whatever the check says (--force or TONECHECK_FORCE)
    UNCHECKED = "unchecked"  # sent although tonecheck could not check it (--on-error send)
    NOT_CHECKED = "not-checked"  # held: tonecheck could not check it
    BLOCKED = "blocked"  # held: a finding reaches fail_on


@dataclass(frozen=True)
class Decision:
    """What to do with a message, and why."""

    verdict: Verdict
    reason: Reason
    fail_on: str = "error"
    config: str | None = None  # the config file the check used (None: the defaults)

    @property
    def send(self) -> bool:
        """Whether the message goes to the sendmail command (else it is held)."""
        return self.reason in (Reason.PASSED, Reason.FORCED, Reason.UNCHECKED)

    @property
    def show_findings(self) -> bool:
        """Whether the findings are worth showing: they hold the message, or it is forced out
        with findings."""
        report = self.verdict.report
        return report is not None and (
            self.verdict.blocked or (self.reason is Reason.FORCED and bool(report.findings))
        )


def decide(
    data: Message,
    *,
    config: Path | None = None,
    fail_on: str = "error",
    forced: bool = False,
    on_error: str = "hold",
    start: Path | None = None,
) -> Decision:
    """Check a raw message with the settings of ``config`` (``fail_on`` overriding its own; without
    ``config``, the nearest config file upward from ``start``, default the working folder) and
    decide: send it if it passes or is ``forced``; if tonecheck cannot check it (a bad config, a
    message too large for memory, a bug: any failure), hold it, or send it when ``on_error`` is
    ``"send"``; else hold it.

    Never raises (except KeyboardInterrupt and the like): the message must always go somewhere.
    """
    source = None
    if not isinstance(data, bytes):
        verdict = Verdict.failed("the message is too large to check (out of memory)", "too-large")
    else:
        try:
            settings = load_settings(config, start=start).replace(fail_on=fail_on)
        except TonecheckError as exc:
            verdict = Verdict.failed(exc.message, exc.kind)
        except Exception as exc:  # a bug in tonecheck must never cost the user their message
            verdict = Verdict.failed(
                f"tonecheck failed reading its config ({describe(exc)})", "internal-error"
            )
        else:
            source = settings.source
            verdict = check_message(data, settings)
    return settle(verdict, fail_on=fail_on, forced=forced, on_error=on_error, config=source)


def settle(
    verdict: Verdict,
    *,
    fail_on: str = "error",
    forced: bool = False,
    on_error: str = "hold",
    config: str | None = None,
) -> Decision:
    """The policy: what becomes of a message, given its ``verdict`` (see ``decide``)."""
    if forced:
        reason = Reason.FORCED
    elif verdict.error is not None:
        reason = Reason.UNCHECKED if on_error == "send" else Reason.NOT_CHECKED
    else:
        reason = Reason.BLOCKED if verdict.blocked else Reason.PASSED
    return Decision(verdict, reason, fail_on=fail_on, config=config)


@dataclass(frozen=True)
class Outcome:
    """What became of a message: sent (``status``, the command's exit status) or held in ``held``.

    ``send_error`` says why the sendmail command could not be run (the message is then held);
    ``hold_error`` why the message could not be held (then nothing was sent and it is nowhere).
    """

    status: int | None = None
    held: Path | None = None
    send_error: str | None = None
    hold_error: str | None = None


def carry_out(
    decision: Decision, data: Message, command: Sequence[str], hold_dir: Path | None = None
) -> Outcome:
    """Send the message byte for byte, or hold it unchanged, as ``decision`` says; a message that
    cannot be sent is held, with its record (``hold_record``) beside it. Never raises a
    TonecheckError: failures are in the Outcome."""
    send_error = None
    if decision.send:
        try:
            return Outcome(status=send_message(command, data))
        except TonecheckError as exc:
            send_error = exc.message
            if not isinstance(data, bytes):
                data.seek(0)
    try:
        record: dict[str, Any] | None = hold_record(decision, command, send_error)
    except Exception:  # a bug here must not cost the message: hold it with a bare record
        record = None
    try:
        return Outcome(held=hold_message(data, hold_dir, record=record), send_error=send_error)
    except TonecheckError as exc:
        return Outcome(send_error=send_error, hold_error=exc.message)


def hold_record(
    decision: Decision, command: Sequence[str], send_error: str | None = None
) -> dict[str, Any]:
    """What is saved beside a held message (``<ID>.json``) to send it later exactly as it would
    have gone: the command and its arguments, the folder it ran in, the check's settings, and why
    it was held, with a summary of the findings. The time and the message's hash are added by
    ``hold_message``."""
    verdict = decision.verdict
    if send_error is not None:
        reason, why = "send-failed", send_error
    elif verdict.error is not None:
        reason, why = "not-checked", verdict.error
    else:
        reason, why = (
            decision.reason.value,
            f"a finding is at or above --fail-on {decision.fail_on}",
        )
    record: dict[str, Any] = {
        "tonecheck_held": RECORD_VERSION,
        "reason": reason,
        "why": why,
        "command": list(command),
        "cwd": _cwd(),
        "fail_on": decision.fail_on,
        "config": decision.config,
        "error": None
        if verdict.error is None
        else {"kind": verdict.error_kind, "message": verdict.error},
        "summary": None,
        "findings": [],
    }
    report = verdict.report
    if report is not None:
        counts = {"error": 0, "warning": 0, "suggestion": 0}
        for finding in report.findings:
            counts[str(finding.severity)] = counts.get(str(finding.severity), 0) + 1
        record["summary"] = {
            "errors": counts["error"],
            "warnings": counts["warning"],
            "suggestions": counts["suggestion"],
            "score": None if report.tone is None else round(report.tone.score, 1),
            "tone": None if report.tone is None else report.tone.tone,
        }
        record["findings"] = [
            {
                "code": f.code,
                "name": f.name,
                "severity": str(f.severity),
                "line": f.line,
                "column": f.column,
                "message": f.message,
            }
            for f in report.findings
        ]
    return record


def _cwd() -> str | None:
    try:
        return str(Path.cwd())
    except OSError:  # the folder was removed under us
        return None


def force_requested(environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """Whether ``TONECHECK_FORCE`` asks to send anyway (``1``, ``true``, ``yes`` or ``on``)."""
    value = (os.environ if environ is None else environ).get(FORCE_ENV, "")
    return value.strip().lower() in ("1", "true", "yes", "on")


class Interrupted(BaseException):
    """SIGTERM or SIGHUP came while tonecheck was checking a message (SIGINT is
    KeyboardInterrupt). Like KeyboardInterrupt, not an Exception: nothing on the way catches it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """While checking, SIGTERM and SIGHUP raise Interrupted instead of ending the process at once,
    so that the message can still be held."""

    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                previous[getattr(signal, name)] = signal.signal(getattr(signal, name), stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def send_message(command: Sequence[str], data: Message, cwd: str | None = None) -> int:
    """Run the sendmail ``command`` (in folder ``cwd``, default this one) with the message, byte
    for byte, on its standard input.

    Its standard output and error are the caller's. While it runs, SIGTERM, SIGINT and SIGHUP sent
    to tonecheck are passed on to it, and tonecheck waits for it: the outcome is the command's own
    (it may well deliver the message anyway). Returns its exit status (``128 + n`` when it is
    killed by signal ``n``, as a shell reports it).

    Raises:
        TonecheckError: kind ``send-failed``, when the command cannot be started (or a signal
            came just before it was).
    """
    if not command:
        raise TonecheckError("no sendmail command given (after --)", kind="usage")
    running: list[subprocess.Popen[bytes]] = []
    early: list[int] = []

    def forward(signum: int, frame: object) -> None:
        if running:
            with contextlib.suppress(OSError):
                running[0].send_signal(signum)
        else:
            early.append(signum)

    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for name in FORWARDED_SIGNALS:
            if hasattr(signal, name):
                number = getattr(signal, name)
                previous[number] = signal.signal(number, forward)
    try:
        if early:  # a signal while getting ready: COMMAND is not started, the message is held
            name = signal.Signals(early[0]).name
            raise TonecheckError(f"{name} came before {command[0]!r} was run", kind="send-failed")
        try:
            process = subprocess.Popen(
                list(command),
                stdin=subprocess.PIPE if isinstance(data, bytes) else data,
                cwd=cwd,
            )
        except (OSError, ValueError) as exc:  # ValueError: a NUL byte in an argument
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise TonecheckError(f"cannot run {command[0]!r} ({why})", kind="send-failed") from None
        running.append(process)
        for number in early:  # came while it was being started
            with contextlib.suppress(OSError):
                process.send_signal(number)
        process.communicate(data if isinstance(data, bytes) else None)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    return 128 - process.returncode if process.returncode < 0 else process.returncode
