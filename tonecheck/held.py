"""Held messages as a workflow: the pieces of ``tonecheck held list|show|send|drop``.

``presend`` saves a held message as ``<ID>.eml`` in the hold folder with its record ``<ID>.json``
beside it (``presend.hold_record``: the wrapped command and its arguments, the time, why it was
held, the findings). Here they are listed, shown, sent (re-checked first, then handed byte for
byte to the saved command) and dropped. A message leaves the hold folder only once it was sent
(the command exited 0) or dropped. Nothing here prints or exits.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tonecheck.errors import TonecheckError
from tonecheck.presend import Decision, decide, default_hold_dir, send_message

ID_RE = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{10}(?:-\d+)?$")
SHOWN_HEADERS = ("From", "To", "Cc", "Bcc", "Subject", "Date")


@dataclass(frozen=True)
class Held:
    """One held message: its ID, its file, and its record (None if it has none, as messages held
    by a tonecheck older than the record)."""

    id: str
    path: Path
    record: dict[str, Any] | None

    @property
    def record_path(self) -> Path:
        return self.path.with_suffix(".json")

    def headers(self) -> dict[str, str]:
        """The message's From, To, Cc, Bcc, Subject and Date headers that it has, decoded."""
        from email import policy
        from email.parser import BytesHeaderParser

        try:
            with self.path.open("rb") as fh:
                head = BytesHeaderParser(policy=policy.default).parse(fh)
            return {h: " ".join(str(head[h]).split()) for h in SHOWN_HEADERS if h in head}
        except Exception:  # a malformed header is shown as nothing, never a crash
            return {}

    def summary(self) -> str:
        """``2 error(s), 4 warning(s)``, or the one-line reason it could not be checked."""
        record = self.record or {}
        counts = record.get("summary")
        if isinstance(counts, dict):
            parts = [
                f"{counts.get(k, 0)} {k[:-1]}(s)"
                for k in ("errors", "warnings", "suggestions")
                if counts.get(k)
            ]
            return ", ".join(parts) or "no findings"
        return str(record.get("why") or "no record")


def hold_folder(folder: Path | None) -> Path:
    """``--hold-dir``, or presend's default hold folder."""
    return folder or default_hold_dir()


def list_held(folder: Path | None = None) -> list[Held]:
    """Every held message in the folder, oldest first (IDs start with the UTC time)."""
    folder = hold_folder(folder)
    try:
        names = sorted(p.name for p in folder.iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise TonecheckError(
            f"cannot read the hold folder {folder} ({exc.strerror or exc})"
        ) from None
    return [
        _load(folder / name)
        for name in names
        if name.endswith(".eml") and ID_RE.match(name[: -len(".eml")])
    ]


def find_held(message_id: str, folder: Path | None = None) -> Held:
    """The held message with this ID (or the one whose ID starts with it).

    Raises:
        TonecheckError: kind ``not-found``, no such message (or several start so).
    """
    wanted = message_id.strip().removesuffix(".eml")
    folder = hold_folder(folder)
    messages = list_held(folder)
    exact = [m for m in messages if m.id == wanted]
    matches = exact or [m for m in messages if wanted and m.id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise TonecheckError(
            f"no held message {message_id!r} in {folder} (see `tonecheck held list`)",
            kind="not-found",
        )
    raise TonecheckError(
        f"{message_id!r} matches {len(matches)} held messages in {folder}; give more of the ID",
        kind="not-found",
    )


def _load(path: Path) -> Held:
    record: dict[str, Any] | None = None
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            record = loaded
    return Held(id=path.stem, path=path, record=record)


@contextlib.contextmanager
def _locked(held: Held) -> Iterator[None]:
    """Only one ``held send`` or ``held drop`` at a time for a message (an advisory lock on its
    record, released when the process ends however it ends)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    try:
        fh: IO[bytes] = held.record_path.open("rb")
    except FileNotFoundError:
        yield
        return
    with fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise TonecheckError(
                f"{held.id} is being sent or dropped by another tonecheck", kind="busy"
            ) from None
        yield


def drop(held: Held) -> None:
    """Remove a held message and its record (the message first: never one without the other
    left behind looking sendable).

    Raises:
        TonecheckError: when it cannot be removed (it is then still held).
    """
    with _locked(held):
        _remove(held)


def _remove(held: Held) -> None:
    try:
        held.path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise TonecheckError(
            f"cannot remove {held.path} ({exc.strerror or exc}); it is still held"
        ) from None
    with contextlib.suppress(FileNotFoundError):
        held.record_path.unlink()


@dataclass(frozen=True)
class Release:
    """What ``send`` did: ``decision`` is the re-check; ``status`` the command's exit status, or
    None when it was not run (the check held it again); ``removed`` whether the message left the
    hold folder (the command exited 0); ``edited`` whether it changed since it was held;
    ``remove_error`` why a message that was sent could not be removed."""

    decision: Decision
    status: int | None
    removed: bool
    edited: bool
    remove_error: str | None = None  # sent, but it could not be removed from the hold folder


def command_of(held: Held) -> list[str]:
    """The saved command and arguments.

    Raises:
        TonecheckError: kind ``no-record``, when the message has no usable record.
    """
    command = (held.record or {}).get("command")
    if not isinstance(command, list) or not command or not all(isinstance(a, str) for a in command):
        raise TonecheckError(
            f"{held.id} has no saved command (held by an older tonecheck?); send it with "
            f"`TONECHECK_FORCE=1 tonecheck presend -- COMMAND [ARGS...] < {held.path}`",
            kind="no-record",
        )
    return command


def send(held: Held, *, force: bool = False, fail_on: str | None = None) -> Release:
    """Re-check a held message with the settings it was held under (its config file, or the one
    found from the folder presend ran in; ``fail_on`` overrides the saved level), then, if it
    passes or ``force``, run the saved command in the saved folder with the message, byte for
    byte, on its standard input. The message leaves the hold folder only if the command exits 0.

    Raises:
        TonecheckError: no record, the message cannot be read or removed, the command cannot
            be started; the message is then still held.
    """
    record = held.record or {}
    command = command_of(held)
    with _locked(held):
        try:
            data = held.path.read_bytes()
        except OSError as exc:
            raise TonecheckError(f"cannot read {held.path} ({exc.strerror or exc})") from None
        import hashlib

        edited = record.get("sha256") not in (None, hashlib.sha256(data).hexdigest())
        cwd = record.get("cwd") if isinstance(record.get("cwd"), str) else None
        if cwd is not None and not Path(cwd).is_dir():
            cwd = None
        config = record.get("config")
        decision = decide(
            data,
            config=Path(config) if isinstance(config, str) else None,
            fail_on=fail_on or str(record.get("fail_on") or "error"),
            forced=force,
            start=Path(cwd) if cwd else None,
        )
        if not decision.send:
            return Release(decision, status=None, removed=False, edited=edited)
        status = send_message(command, data, cwd=cwd)
        if status != 0:
            return Release(decision, status=status, removed=False, edited=edited)
        try:
            _remove(held)
        except TonecheckError as exc:
            return Release(decision, status, removed=False, edited=edited, remove_error=exc.message)
        return Release(decision, status=status, removed=True, edited=edited)
