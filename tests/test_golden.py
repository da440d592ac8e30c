"""Golden end-to-end letters: the JSON output (findings, elements, tone) is pinned and reviewed.

Regenerate after an intended change with ``TONECHECK_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tonecheck.linter import lint_text

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
def test_golden(path: Path) -> None:
    expected_path = path.with_suffix(".json")
    got = summarise(path)
    if os.environ.get("TONECHECK_UPDATE_GOLDEN") or not expected_path.exists():
        expected_path.write_text(
            json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected


def test_golden_letters_cover_every_tone() -> None:
    tones = {
        json.loads(p.with_suffix(".json").read_text())["tone"]
        for p in LETTERS
        if p.with_suffix(".json").exists()
    }
    assert tones == {"cool_cordial", "effusive", "curt", "pushy"}
