"""Turning a command-line argument into a decoded Source: a path, or '-' for standard input."""

from __future__ import annotations

import sys
from pathlib import Path

from tonecheck.config import Settings
from tonecheck.sources import Source, read_source, read_stdin_bytes


def read_input(raw: str, settings: Settings) -> Source:
    """Read one argument: ``-`` is standard input, anything else a path."""
    if raw == "-":
        return read_stdin_bytes(sys.stdin.buffer.read(settings.max_bytes + 1), settings.max_bytes)
    return read_source(Path(raw), settings.max_bytes)
