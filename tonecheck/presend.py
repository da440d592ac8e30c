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
import hashlib
import os
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from tonecheck.config import Settings, load_settings, reaches
from tonecheck.errors import TonecheckError
from tonecheck.findings import Report

FORCE_ENV = "TONECHECK_FORCE"
MESSAGE_NAME = "<message>"


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
        return Verdict.failed(f"tonecheck failed while checking ({exc!r})", "internal-error")
    return Verdict(report=report, blocked=reaches(report.worst(), settings.fail_on))


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
    data: bytes,
    *,
    config: Path | None = None,
    fail_on: str = "error",
    forced: bool = False,
    on_error: str = "hold",
) -> Decision:
    """Check a raw message with the settings of ``config`` (``fail_on`` overriding its own) and
    decide: send it if it passes or is ``forced``; if tonecheck cannot check it (a bad config is
    such a failure too), hold it, or send it when ``on_error`` is ``"send"``; else hold it.

    Never raises (except KeyboardInterrupt and the like): the message must always go somewhere.
    """
    try:
        settings = load_settings(config).replace(fail_on=fail_on)
    except TonecheckError as exc:
        verdict = Verdict.failed(exc.message, exc.kind)
    else:
        verdict = check_message(data, settings)
    if forced:
        reason = Reason.FORCED
    elif verdict.error is not None:
        reason = Reason.UNCHECKED if on_error == "send" else Reason.NOT_CHECKED
    else:
        reason = Reason.BLOCKED if verdict.blocked else Reason.PASSED
    return Decision(verdict, reason)


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
    decision: Decision, data: bytes, command: Sequence[str], hold_dir: Path | None = None
) -> Outcome:
    """Send the message byte for byte, or hold it unchanged, as ``decision`` says; a message that
    cannot be sent is held. Never raises a TonecheckError: failures are in the Outcome."""
    send_error = None
    if decision.send:
        try:
            return Outcome(status=send_message(command, data))
        except TonecheckError as exc:
            send_error = exc.message
    try:
        return Outcome(held=hold_message(data, hold_dir), send_error=send_error)
    except TonecheckError as exc:
        return Outcome(send_error=send_error, hold_error=exc.message)


def force_requested(environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """Whether ``TONECHECK_FORCE`` asks to send anyway (``1``, ``true``, ``yes`` or ``on``)."""
    value = (os.environ if environ is None else environ).get(FORCE_ENV, "")
    return value.strip().lower() in ("1", "true", "yes", "on")


def default_hold_dir() -> Path:
    """``platformdirs.user_state_dir("tonecheck")/held`` (``~/.local/state/tonecheck/held``)."""
    import platformdirs

    return Path(platformdirs.user_state_dir("tonecheck", appauthor=False)) / "held"


def hold_message(data: bytes, folder: Path | None = None, now: datetime | None = None) -> Path:
    """Save the message, unchanged, as ``<UTC time>-<short hash>.eml`` in ``folder``.

    The file is written to a temporary name and then linked into place, so it appears complete or
    not at all, and an existing file is never overwritten (a ``-1``, ``-2``... suffix is added).
    The folder is created private (0700) and the file is readable by its owner only.

    Raises:
        TonecheckError: kind ``hold-failed``, when the message could not be saved.
    """
    folder = folder or default_hold_dir()
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    stem = f"{stamp}-{hashlib.sha256(data).hexdigest()[:10]}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".held-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            for n in range(10_000):
                target = folder / (f"{stem}.eml" if n == 0 else f"{stem}-{n}.eml")
                try:
                    os.link(tmp, target)  # fails if target exists: never overwrites
                except FileExistsError:
                    continue
                _sync_folder(folder)
                return target
            raise OSError("too many held messages with the same name")
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as exc:
        raise TonecheckError(
            f"could not save the message in {folder} ({exc.strerror or exc})", kind="hold-failed"
        ) from None


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def send_message(command: Sequence[str], data: bytes) -> int:
    """Run the sendmail ``command`` with the message, byte for byte, on its standard input.

    Its standard output and error are the caller's. Returns its exit status (``128 + n`` when it is
    killed by signal ``n``, as a shell reports it).

    Raises:
        TonecheckError: kind ``send-failed``, when the command cannot be started.
    """
    if not command:
        raise TonecheckError("no sendmail command given (after --)", kind="usage")
    try:
        completed = subprocess.run(list(command), input=data, check=False)
    except OSError as exc:
        raise TonecheckError(
            f"cannot run {command[0]!r} ({exc.strerror or exc})", kind="send-failed"
        ) from None
    return 128 - completed.returncode if completed.returncode < 0 else completed.returncode
