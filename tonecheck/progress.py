"""A one-line progress bar for long runs (``tonecheck batch``), drawn only on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """A one-line progress bar on standard error, drawn only when that is a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.width = width
        self.enabled = total > 0 and self.stream.isatty()
        self._start = self._last = time.monotonic()
        self._drawn = False

    def update(self, done: int) -> None:
        """Redraw for ``done`` letters (at most ten times a second, and at the end)."""
        now = time.monotonic()
        if not self.enabled or (done < self.total and now - self._last < 0.1):
            return
        self._last = now
        filled = self.width * done // self.total
        rate = done / max(now - self._start, 1e-6)
        eta = (self.total - done) / rate
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(
            f"\r[{bar}] {done:,}/{self.total:,} letters  {rate:,.0f}/s  ETA {eta:,.0f}s \x1b[K"
        )
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Clear the bar."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False
