"""Guards on hostile inputs (issue 16): the ``.docx`` zip-bomb guard, and how an input is named.

Kept apart from :mod:`tonecheck.sources` (which reads and decodes inputs) so each stays small.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tonecheck.errors import InputError
from tonecheck.textutil import visible

# A .docx is a zip archive: refuse one that would inflate far beyond the size limit (a zip bomb),
# measured while inflating (the sizes a zip declares can lie), or whose XML holds more elements than
# a letter could (parsing costs per element: 7 million empty paragraphs in a 62 KB file took
# minutes and gigabytes). A letter's parts hold a few thousand elements.
DOCX_INFLATE_FACTOR = 50
DOCX_BYTES_PER_ELEMENT = 10  # at most max_bytes / 10 XML tags in all (100,000 by default)
DOCX_BOUNDS_FLOOR = 1_000_000  # the bounds of a max_bytes of 1 MB (the default) at least
_INFLATE_BLOCK = 1 << 16


def check_docx_size(data: bytes, name: str, max_bytes: int) -> None:
    """Inflate every member of the archive in blocks, without keeping it, and refuse the document
    (``too-large``) as soon as it inflates past ``DOCX_INFLATE_FACTOR * max_bytes`` bytes or its XML
    parts hold more than ``max_bytes / DOCX_BYTES_PER_ELEMENT`` tags. No size the archive declares
    is trusted: memory stays at one block, and the work at most the limit."""
    # Word's own parts (styles, theme, settings) inflate to about 0.8 MB and 25,000 tags even for a
    # one-line letter, so a max_bytes lowered below the default does not lower these bounds; the
    # letter's text is still held to max_bytes.
    base = max(max_bytes, DOCX_BOUNDS_FLOOR)
    limit = DOCX_INFLATE_FACTOR * base
    max_tags = base // DOCX_BYTES_PER_ELEMENT
    inflated = tags = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                xml = info.filename.lower().endswith((".xml", ".rels"))
                with archive.open(info) as member:
                    while block := member.read(_INFLATE_BLOCK):
                        inflated += len(block)
                        if inflated > limit:
                            raise InputError(
                                f"{name}: the document inflates to more than {limit:,} bytes "
                                f"(a zip bomb? see max_bytes)",
                                kind="too-large",
                            )
                        if xml:
                            tags += block.count(b"<")
                            if tags > max_tags:
                                raise InputError(
                                    f"{name}: the document holds more than {max_tags:,} XML "
                                    f"elements, far more than a letter (see max_bytes)",
                                    kind="too-large",
                                )
    except InputError:
        raise
    except Exception as exc:  # zipfile and zlib raise many kinds on a damaged or lying archive
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, zipfile.BadZipFile) and "not a zip file" in detail.lower():
            detail = "it is not a zip archive"
        raise InputError(f"{name}: not a valid .docx file ({detail})", kind="bad-docx") from None


def display_name(path: str | Path) -> str:
    """How an input is named in reports and messages: its path, with bytes that are not UTF-8
    (``\\xe9``) and control characters such as a line feed (``\\n``) or ESC (``\\x1b``) escaped,
    so that any file name can be written out and every message stays on one line."""
    return visible(str(path))
