"""Golden end-to-end letters: the JSON output (findings, elements, tone) is pinned and reviewed.

A missing or different file fails. Regenerate after an intended change with
``pytest tests/test_golden.py --update-golden`` (or ``TONECHECK_UPDATE_GOLDEN=1``) and review the diff
before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tonecheck import lint_text

HERE = Path(__file__).parent / "golden" / "letters"
LETTERS = sorted(HERE.glob("*.txt"))


def summarise(path: Path) -> dict[str, object]:
    report = lint_text(path.read_text(encoding="utf-8"), path.name)
    assert report.tone is not None
    return {
        "tone": report.tone.tone,
        "length": report.length,
        "elements": report.elements,
        "findings": [[f.code, f.start, f.end, f.match] for f in report.findings],
    }


@pytest.mark.parametrize("path", LETTERS, ids=[p.stem for p in LETTERS])
def test_golden(path: Path, check_reviewed) -> None:
    check_reviewed(path.with_suffix(".json"), summarise(path))


def test_every_golden_file_has_its_letter() -> None:
    letters = {p.stem for p in LETTERS}
    assert len(letters) >= 5
    assert {p.stem for p in HERE.glob("*.json")} == letters


def test_golden_letters_cover_every_tone() -> None:
    tones = {summarise(p)["tone"] for p in LETTERS}
    assert tones == {"cool_cordial", "effusive", "curt", "pushy"}
