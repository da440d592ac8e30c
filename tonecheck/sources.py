"""Reading inputs: plain text and Markdown in UTF-8 (with or without BOM) or UTF-16 with BOM.

Every problem becomes an :class:`InputError` with a kebab-case ``kind`` and a one-line message naming
the file. Inputs are only ever opened for reading.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from tonecheck.errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
DEFAULT_MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Source:
    """A decoded input: where it came from and the text that offsets refer to."""

    name: str
    text: str


def decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (BOM optional) or UTF-16 with a BOM; reject binary data."""
    if not data.strip():
        raise InputError(f"{name}: file is empty", kind="empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: not valid UTF-16 ({exc.reason})", kind="bad-encoding"
            ) from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{name}: looks like a binary file, not text", kind="binary")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: not valid UTF-8 at byte {exc.start} (save it as UTF-8)",
                kind="bad-encoding",
            ) from None
    if not text.strip():
        raise InputError(f"{name}: file is empty", kind="empty")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 8:
        raise InputError(f"{name}: looks like a binary file, not text", kind="binary")
    return text


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file's bytes with a size limit; OS errors become InputError."""
    name = str(path)
    try:
        if path.is_dir():
            raise InputError(f"{name}: is a folder, not a file", kind="not-text")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{name}: file is too large ({size:,} bytes; the limit is {max_bytes:,})",
                kind="too-large",
            )
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file", kind="not-found") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied", kind="unreadable") from None
    except OSError as exc:
        raise InputError(
            f"{name}: cannot read ({exc.strerror or exc})", kind="unreadable"
        ) from None
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: file is too large (the limit is {max_bytes:,} bytes)", kind="too-large"
        )
    return data


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and decode one input file."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise InputError(
            f"{path}: unsupported file type '{suffix}' (use .txt or .md)", kind="not-text"
        )
    return Source(str(path), decode(read_bytes(path, max_bytes), str(path)))


def read_stdin_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Decode text given on standard input."""
    if len(data) > max_bytes:
        raise InputError(
            f"<stdin>: input is too large (the limit is {max_bytes:,} bytes)", kind="too-large"
        )
    return Source("<stdin>", decode(data, "<stdin>"))
