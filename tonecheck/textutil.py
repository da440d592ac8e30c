"""Small text helpers shared by the rules, the corpus tools and the classifier.

Kept free of spaCy so the corpus checks and the formatters stay cheap to import.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

# A word: a run of letters or digits, keeping inner apostrophes and hyphens ("don't", "follow-up").
WORD_RE = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")


def count_words(text: str) -> int:
    """Count the words of ``text`` as the corpus guide defines them (section 6)."""
    return len(WORD_RE.findall(text))


# A line end as universal newlines read it (Python's ``open``, editors): CRLF, LF or a lone CR.
LINE_END_RE = re.compile(r"\r\n|\r|\n")


@lru_cache(maxsize=8)
def _line_index(text: str) -> tuple[list[int], list[int]]:
    """Where each line of ``text`` starts, and where each ends (before its line end). Built once
    per text (a string caches its hash, so the look-up is cheap) and searched by bisection: a
    letter with thousands of findings on one long line costs no more than one with a few."""
    starts = [0]
    ends = []
    for m in LINE_END_RE.finditer(text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    return starts, ends


def line_span(text: str, offset: int) -> tuple[int, int, int]:
    """The 1-based line number of ``offset`` in ``text``, and the start and end of that line
    (the end before its line end). Lines end at CRLF, LF or a lone CR (universal newlines)."""
    starts, ends = _line_index(text)
    i = bisect_right(starts, offset) - 1
    return i + 1, starts[i], ends[i]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of ``offset`` in ``text`` (universal newlines: a
    line ends at CRLF, LF or a lone CR; an offset inside a CRLF stays on its line)."""
    line, start, _ = line_span(text, offset)
    return line, offset - start + 1


# Characters that show nothing: zero-width spaces and joiners, the word joiner, the BOM (a "zero
# width no-break space" inside a text), the soft hyphen. A text of only these and white space is empty.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"


def is_blank(text: str) -> bool:
    """Whether ``text`` holds nothing visible: only white space and zero-width characters."""
    return not text.strip(_BLANK)


# Every character ``str.isspace`` accepts, and the invisible ones (``strip`` drops any mix of them).
_BLANK = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000" + INVISIBLE
)


# What a terminal could act on or hide, shown escaped instead: C0 controls but the tab, DEL, C1
# controls (0x9b starts a CSI sequence on some terminals), line and paragraph separators, the
# bidirectional overrides and isolates ("Trojan source"), and lone surrogates: a file name that is
# not UTF-8 reaches Python with its bad bytes as U+DC80..U+DCFF (``surrogateescape``).
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the byte surrogateescape stood for
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character (line ends included), line separator, direction
    override and lone surrogate written as a visible escape (``\\x1b``, ``\\u202e``; an undecodable
    byte of a file name as ``\\xe9``), so that it prints on one line and a terminal shows it
    rather than obeys it. Text without any is returned as it is."""
    if _UNSAFE_RE.search(text) is None:
        return text
    return _UNSAFE_RE.sub(_escape, text)


def line_breaks(space: str) -> int:
    """How many line ends a run of white space holds: LF, CRLF (once), a lone CR, NEL and the
    Unicode line separator count one, the paragraph separator (U+2029) two (a blank line)."""
    n = space.count("\n")
    if "\r" in space:
        n += space.count("\r") - space.count("\r\n")
    if not space.isascii():
        n += space.count("\u2028") + 2 * space.count("\u2029") + space.count("\x85")
    return n
