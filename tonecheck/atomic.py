"""Writing a file atomically, so that a crash never leaves half a report over an old one."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


def _new_file_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)  # keep the mode of the file being replaced
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_output(path: Path) -> Iterator[IO[str]]:
    """Write ``path`` atomically: into a hidden temporary file in the same folder, then
    ``os.replace``. If the block raises (or the process dies), the old file is left as it was and
    the temporary file is removed (or, after a hard crash, left hidden beside it)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).chmod(_new_file_mode(path))
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
