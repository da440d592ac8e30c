"""Inline suppression in Markdown letters: ``<!-- tonecheck-disable ... -->`` comments.

The forms (ESLint's words, in HTML comments as Vale's ``<!-- vale off -->``, so they stay invisible
when the Markdown is rendered):

- ``<!-- tonecheck-disable -->`` ... ``<!-- tonecheck-enable -->``: no findings in between;
- ``<!-- tonecheck-disable TC102, TC2 -->`` ... ``<!-- tonecheck-enable TC102, TC2 -->`` (or a bare
  ``<!-- tonecheck-enable -->``): only those codes (prefixes allowed, as ``--select``);
- ``<!-- tonecheck-disable-next-line TC102 -->``: findings that start on the next line (all of them
  without codes).

A region without its ``tonecheck-enable`` runs to the end of the letter. Text after ``--`` in a
comment is a reason for people, not codes. A region that opens before any text of the letter also
covers the whole-letter findings (missing elements, length, tone), which sit at offset 0.

The comments are blanked (replaced by spaces, line ends kept) before the letter is analysed, so
they count for nothing and every offset stays the offset in the file. A suppressed finding is not
lost: it is kept in ``Report.suppressed`` and counted in the summary and in JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tonecheck.findings import Finding

MARKDOWN_SUFFIXES = (".md", ".markdown")
_DIRECTIVE = re.compile(
    r"<!--[ \t]*tonecheck-(?P<verb>disable-next-line|disable|enable)\b(?P<rest>.*?)-->", re.DOTALL
)
_CODE = re.compile(r"^TC\d{1,3}$")


@dataclass(frozen=True)
class Region:
    """Offsets ``[start, end)`` where findings of ``codes`` (prefixes; empty: every code) are
    suppressed."""

    start: int
    end: int
    codes: tuple[str, ...] = ()

    def covers(self, finding: Finding) -> bool:
        if not self.start <= finding.start < self.end:
            return False
        return not self.codes or any(finding.code.startswith(c) for c in self.codes)


def applies_to(source: str) -> bool:
    """Whether a letter's name says it is Markdown (the comments are only read there)."""
    return source.lower().endswith(MARKDOWN_SUFFIXES)


def _codes(rest: str) -> tuple[str, ...]:
    rest = rest.split("--", 1)[0]
    words = [w.strip().upper() for w in re.split(r"[\s,]+", rest) if w.strip()]
    return tuple(w for w in words if _CODE.match(w))


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def regions(text: str) -> tuple[Region, ...]:
    """The suppressed regions of a Markdown letter, in order."""
    out: list[Region] = []
    open_all: int | None = None
    open_codes: dict[str, int] = {}
    for m in _DIRECTIVE.finditer(text):
        verb, codes = m["verb"], _codes(m["rest"])
        # Before any text of the letter: the region covers the whole-letter findings at offset 0.
        here = 0 if not _DIRECTIVE.sub("", text[: m.start()]).strip() else m.end()
        if verb == "disable-next-line":
            line_start = _line_end(text, m.end()) + 1
            if line_start <= len(text):
                out.append(Region(line_start, _line_end(text, line_start) + 1, codes))
        elif verb == "disable":
            if not codes:
                open_all = here if open_all is None else open_all
            for code in codes:
                open_codes.setdefault(code, here)
        else:
            closing = codes or tuple(open_codes)
            for code in closing:
                if code in open_codes:
                    out.append(Region(open_codes.pop(code), m.start(), (code,)))
            if not codes and open_all is not None:
                out.append(Region(open_all, m.start()))
                open_all = None
    end = len(text) + 1
    if open_all is not None:
        out.append(Region(open_all, end))
    out.extend(Region(start, end, (code,)) for code, start in open_codes.items())
    return tuple(sorted(out, key=lambda r: (r.start, r.end)))


def blank(text: str) -> str:
    """The letter with every directive comment replaced by spaces (line ends kept)."""
    return _DIRECTIVE.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group()), text)


def has_directives(text: str) -> bool:
    return _DIRECTIVE.search(text) is not None


def split(
    findings: Iterable[Finding], found: tuple[Region, ...]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """(kept, suppressed) findings."""
    kept: list[Finding] = []
    gone: list[Finding] = []
    for f in findings:
        (gone if any(r.covers(f) for r in found) else kept).append(f)
    return tuple(kept), tuple(gone)
