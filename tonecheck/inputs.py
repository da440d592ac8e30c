"""Turning a command-line argument into a decoded Source: a path, or '-' for standard input."""

from __future__ import annotations

import sys
from pathlib import Path, PurePath

from tonecheck.config import Settings
from tonecheck.sources import Source, read_source, read_stdin_bytes, source_from_bytes


def _read_stdin(limit: int) -> bytes:
    """At most ``limit`` bytes of standard input, read in blocks (one ``read(limit)`` would
    allocate ``limit`` bytes up front, whatever came)."""
    parts: list[bytes] = []
    total = 0
    while total < limit:
        part = sys.stdin.buffer.read(min(1 << 16, limit - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
    return b"".join(parts)


def read_input(raw: str, settings: Settings, stdin_name: str | None = None) -> Source:
    """Read one argument: ``-`` is standard input, anything else a path.

    ``stdin_name`` (``--stdin-filename``) names standard input: its suffix says how to read it
    (``.eml`` as a message, ``.md`` as Markdown) and it is the name shown in the results.
    """
    if raw != "-":
        return read_source(Path(raw), settings.max_bytes)
    data = _read_stdin(settings.max_bytes + 1)
    source = read_stdin_bytes(data, settings.max_bytes)  # the size check, and the plain-text read
    if stdin_name is None:
        return source
    return source_from_bytes(data, stdin_name, PurePath(stdin_name).suffix, settings.max_bytes)
