"""Measure how hard-wrapping changes the sentences tonecheck finds in the corpus letters.

Each letter's lines longer than ``--width`` columns are wrapped at that width (``textwrap.fill``,
as a mail client or ``fmt`` does; greeting and sign-off lines stay as they are); a letter counts as
kept when its sentences, white space collapsed, are exactly those of the unwrapped letter.

    python tools/measure_wrap.py [--width 72]
"""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path

from tonecheck.config import Settings
from tonecheck.linter import get_nlp

ROOT = Path(__file__).resolve().parent.parent


def wrap(text: str, width: int) -> str:
    return "\n".join(
        textwrap.fill(line, width) if len(line) > width else line for line in text.split("\n")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=72)
    width = parser.parse_args().width
    nlp = get_nlp(Settings())
    letters = [
        json.loads(line)["text"]
        for path in sorted((ROOT / "corpora").rglob("letters.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]

    def sentences(text: str) -> list[str]:
        return [" ".join(text[s:e].split()) for s, e in nlp(text)._.tonecheck_sentences]

    same = kept = total = 0
    for text in letters:
        before, after = sentences(text), sentences(wrap(text, width))
        total += len(before)
        kept += len(set(before) & set(after))
        same += before == after
    print(
        f"{len(letters)} letters wrapped at {width} columns: {same} segmented exactly as unwrapped; "
        f"{kept}/{total} sentences ({kept / total:.3f}) found unchanged"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
