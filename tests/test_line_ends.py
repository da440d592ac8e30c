"""A letter saved with Windows line ends (CRLF) reads exactly as the same letter with LF ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonecheck.linter import lint_text

LETTERS = sorted((Path(__file__).parent / "golden" / "letters").glob("*.txt"))


@pytest.mark.parametrize("path", LETTERS, ids=[p.stem for p in LETTERS])
def test_crlf_letter_reads_like_the_lf_letter(path: Path) -> None:
    lf = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    crlf = lf.replace("\n", "\r\n")
    a, b = lint_text(lf, "lf"), lint_text(crlf, "crlf")
    assert [(f.code, f.match) for f in a.findings] == [
        (f.code, f.match.replace("\r\n", "\n")) for f in b.findings
    ]
    assert a.elements == b.elements and a.length == b.length
    assert a.stats == b.stats
    assert a.tone is not None and b.tone is not None
    assert (a.tone.tone, round(a.tone.score, 6)) == (b.tone.tone, round(b.tone.score, 6))
