"""Finding a batch's inputs: files named, and the letters in folders, in a stable order.

Only paths are listed here, never a letter's text: a file is read when its chunk is linted.
"""

from __future__ import annotations

import errno
import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from tonecheck.guards import display_name
from tonecheck.sources import DOCX_SUFFIXES, EMAIL_SUFFIXES

# Files a folder search picks up when no --glob is given (matched case-insensitively).
DEFAULT_SUFFIXES = (".txt", ".md", ".markdown", *EMAIL_SUFFIXES, *DOCX_SUFFIXES)


@dataclass(frozen=True)
class Found:
    """One input of a batch: a path, or a folder that could not be listed (``error_kind`` set)."""

    path: str
    error_kind: str | None = None
    error_message: str | None = None


def _wanted(name: str, relative: str, patterns: Sequence[str]) -> bool:
    if not patterns:
        return PurePath(name).suffix.lower() in DEFAULT_SUFFIXES
    return any(
        fnmatch.fnmatchcase(relative if "/" in pattern else name, pattern) for pattern in patterns
    )


def _links_to_folder(entry: os.DirEntry[str]) -> bool:
    """Whether a symbolic link leads to a folder (a broken link or a loop does not: as
    ``Path.is_dir``)."""
    try:
        return entry.is_dir()  # follows the link
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return False
        raise


def discover(paths: Iterable[str], patterns: Sequence[str] = ()) -> Iterator[Found]:
    """The inputs under ``paths``, in a stable order.

    A file given by name is always an input, whatever its name. A folder is searched recursively in
    name order; hidden files and folders (a name starting with ``.``) are skipped, and a file is an
    input when its name matches one of ``patterns`` (``fnmatch`` syntax; a pattern containing ``/``
    is matched against the path relative to the folder given), by default the supported suffixes.
    Inside a folder, links to files are followed but links to folders are not (as ``find`` and
    ``ripgrep`` do), so a link loop cannot make the search endless or leave the folder given. A path
    that does not exist, or a folder that cannot be listed, is still yielded, so that it is reported
    as an error rather than lost. The same file named twice is yielded once.
    """
    seen: set[str] = set()  # absolute, normalised paths (no "a/../") already yielded
    walked: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, path, patterns, seen, walked)
        elif (key := os.path.normpath(path.absolute())) not in seen:
            seen.add(key)
            yield Found(raw)


def _walk(
    folder: Path,
    root: Path,
    patterns: Sequence[str],
    seen: set[str],
    walked: set[tuple[int, int]],
) -> Iterator[Found]:
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in walked:
            return
        walked.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield Found(
            str(folder),
            "unreadable",
            f"{display_name(folder)}: cannot list the folder ({exc.strerror or exc}); its letters were skipped",
        )
        return
    # Paths are built as text from per-folder prefixes (pathlib per file was most of the cost):
    # ``prefix + name == str(folder / name)``, and likewise for the absolute path and the path
    # relative to the folder given.
    prefix = str(folder / "_")[:-1]
    absolute = str(Path(os.path.normpath(folder.absolute())) / "_")[:-1]
    below = folder.relative_to(root).as_posix()
    below = "" if below == "." else below + "/"
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(folder / name, root, patterns, seen, walked)
            continue
        if entry.is_symlink() and _links_to_folder(entry):
            continue  # a link to a folder: not followed
        if _wanted(name, below + name, patterns) and (key := absolute + name) not in seen:
            seen.add(key)
            yield Found(prefix + name)
