"""The README's example outputs are what tonecheck prints today (a user's manual shows real output)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tonecheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# A console block: "$ tonecheck lint examples/X" and the lines it printed, up to the next "$" or fence.
BLOCK = re.compile(r"^\$ tonecheck lint (examples/\S+)\n(.*?)(?=^\$ |^```)", re.M | re.S)


def test_the_readme_shows_both_examples() -> None:
    assert {m.group(1) for m in BLOCK.finditer(README)} >= {
        "examples/draft.txt",
        "examples/good.txt",
    }


@pytest.mark.parametrize("match", list(BLOCK.finditer(README)), ids=lambda m: m.group(1))
def test_readme_output_is_real(match: re.Match[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["lint", match.group(1), "--color", "never"])
    assert result.stdout.rstrip("\n") == match.group(2).rstrip("\n")
