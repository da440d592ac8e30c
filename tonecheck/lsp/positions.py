"""Character offsets <-> LSP positions.

tonecheck's offsets are Python ``str`` indices (code points). An LSP position is a line and a column
counted in the *code units* of the negotiated position encoding: UTF-16 by default (an emoji or any
character outside the Basic Multilingual Plane is two units), UTF-8 (one to four bytes) or UTF-32
(code points). Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` and nowhere else (the LSP's definition;
Python's ``str.splitlines`` also splits at form feeds, ``\\u2028`` and others, which would shift every
later line).
"""

from __future__ import annotations

import re
from bisect import bisect_right

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def code_units(text: str, encoding: str = UTF16) -> int:
    """How many code units of ``encoding`` the string ``text`` takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class LineIndex:
    """The lines of one text, to turn offsets into positions and back (``bisect``, no scan)."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        ends: list[int] = []
        for brk in _LINE_BREAK.finditer(text):
            ends.append(brk.start())
            starts.append(brk.end())
        ends.append(len(text))
        self.starts = starts
        self.ends = ends  # where each line's content ends, before its line break

    def position(self, offset: int, encoding: str = UTF16) -> tuple[int, int]:
        """The (line, column) of a character offset, both 0-based, the column in code units."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        column = code_units(self.text[start : min(offset, self.ends[line])], encoding)
        return line, column

    def offset(self, line: int, column: int, encoding: str = UTF16) -> int:
        """The character offset of a position; a column past the line's end is its end, a line past
        the last one is the end of the text (as the LSP says a client may send)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.ends[line]
        if encoding == UTF32:
            return start + max(0, min(column, end - start))
        units = 0
        for index in range(start, end):
            if units >= column:
                return index
            units += code_units(self.text[index], encoding)
        return end
