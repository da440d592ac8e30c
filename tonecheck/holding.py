"""Keeping a message safe: reading it whole from standard input, and saving it, unchanged, in the
hold folder with its record (the pieces ``presend`` holds a message with; ``held`` releases it).
Nothing here prints or exits."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from tonecheck.errors import TonecheckError

RECORD_VERSION = 1  # the "tonecheck_held" field of a held message's JSON record

# A message as presend has it: its bytes, or (when they do not fit in memory) the file they were
# spooled to, positioned at the start.
Message = bytes | IO[bytes]


def read_message(stream: IO[bytes]) -> Message:
    """Read the whole message from ``stream`` (standard input), keeping every byte.

    The message is first copied, a chunk at a time, to an unnamed temporary file, so that a
    message too large for memory is still all there: it is then returned as that file (at its
    start) instead of as bytes, and can be held or sent unchanged. Without a usable temporary
    folder the message is read straight into memory.
    """
    try:
        spool: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (returned open)
    except OSError:
        return stream.read()
    kept: list[bytes] = []
    while chunk := stream.read(1 << 16):
        if kept:
            kept.append(chunk)
            continue
        try:
            spool.write(chunk)
        except OSError:  # the temporary folder is full: keep the rest in memory
            spool.seek(0)
            kept = [spool.read(), chunk]
    if kept:
        spool.close()
        return b"".join(kept)
    spool.seek(0)
    try:
        data = spool.read()
    except MemoryError:
        spool.seek(0)
        return spool
    spool.close()
    return data


def default_hold_dir() -> Path:
    """``platformdirs.user_state_dir("tonecheck")/held`` (``~/.local/state/tonecheck/held``)."""
    import platformdirs

    return Path(platformdirs.user_state_dir("tonecheck", appauthor=False)) / "held"


def hold_message(
    data: Message,
    folder: Path | None = None,
    now: datetime | None = None,
    record: dict[str, Any] | None = None,
) -> Path:
    """Save the message, unchanged, as ``<ID>.eml`` in ``folder``, with its ``record`` (plus the
    time, ``held_at``, and the message's ``sha256`` and ``size``) as ``<ID>.json`` beside it. The
    ID is ``<UTC time>-<short hash>``.

    Both files are written to temporary names and then linked into place, the record first, so
    each appears complete or not at all and a message never appears without its record; an
    existing file is never overwritten (a ``-1``, ``-2``... suffix is added to the ID). The folder
    is created private (0700) and the files are readable by their owner only.

    Raises:
        TonecheckError: kind ``hold-failed``, when the message could not be saved.
    """
    folder = folder or default_hold_dir()
    when = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    temporary: list[str] = []
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".held-", suffix=".tmp", dir=folder)
        temporary.append(tmp)
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            if isinstance(data, bytes):
                digest.update(data)
                out.write(data)
                size = len(data)
            else:
                size = 0
                while chunk := data.read(1 << 16):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        fields = {
            **(record or {"tonecheck_held": RECORD_VERSION}),
            "held_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "sha256": digest.hexdigest(),
            "size": size,
        }
        fd, side = tempfile.mkstemp(prefix=".held-", suffix=".tmp", dir=folder)
        temporary.append(side)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(fields, out, ensure_ascii=False, indent=2)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        stem = f"{when.strftime('%Y%m%dT%H%M%SZ')}-{digest.hexdigest()[:10]}"
        for n in range(10_000):
            name = stem if n == 0 else f"{stem}-{n}"
            try:
                os.link(side, folder / f"{name}.json")  # fails if it exists: never overwrites
            except FileExistsError:
                continue
            try:
                os.link(tmp, folder / f"{name}.eml")
            except FileExistsError:  # a message held by an older tonecheck, without a record
                (folder / f"{name}.json").unlink()
                continue
            except OSError:
                (folder / f"{name}.json").unlink()
                raise
            _sync_folder(folder)
            return folder / f"{name}.eml"
        raise OSError("too many held messages with the same name")
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise TonecheckError(
            f"could not save the message in {folder} ({why})", kind="hold-failed"
        ) from None
    finally:
        for name in temporary:
            Path(name).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
