"""Turning a command-line argument into a decoded Source: a path, or '-' for standard input."""

from __future__ import annotations

import sys
from pathlib import Path

from tonecheck.config import Settings
from tonecheck.sources import Source, read_source, read_stdin_bytes


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


def read_input(raw: str, settings: Settings) -> Source:
    """Read one argument: ``-`` is standard input, anything else a path."""
    if raw == "-":
        return read_stdin_bytes(_read_stdin(settings.max_bytes + 1), settings.max_bytes)
    return read_source(Path(raw), settings.max_bytes)
