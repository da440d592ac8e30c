"""Seconds per megabyte on pathological inputs, beside ordinary letters (issue 16).

Lints, in this process (the pipeline built once, before timing), the corpus letters and each
pathological input of ``tests/test_hostile_time.py`` at two sizes, and prints a Markdown table of
CPU seconds per MB of UTF-8 (``time.process_time``: a shared machine inflates wall time more). Linear code shows the same figure at both sizes; a quadratic one
grows tenfold from one size to the next.

    .venv/bin/python tests/benchmarks/hostile.py            # 20 KB and 200 KB
    .venv/bin/python tests/benchmarks/hostile.py --sizes 20000 200000 1000000

This is not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

import test_hostile_time as hostile  # noqa: E402

from tonecheck.config import Settings  # noqa: E402
from tonecheck.linter import lint_text  # noqa: E402


def seconds(text: str, settings: Settings, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        lint_text(text, "bench", settings)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    args = parser.parse_args()
    settings = Settings(max_bytes=max(1_000_000, *args.sizes) * 2)
    lint_text("Thank you for the interview.", "warm-up", settings)
    letters = [
        json.loads(line)["text"]
        for line in (ROOT / "corpora" / "letters.jsonl").read_text("utf-8").splitlines()
    ]
    for text in letters[:50]:
        lint_text(text, "warm-up", settings)
    start = time.process_time()
    for text in letters:
        lint_text(text, "letter", settings)
    total = time.process_time() - start
    megabytes = sum(len(t.encode()) for t in letters) / 1e6
    print("| input | size | CPU seconds | CPU s/MB |\n|---|---:|---:|---:|")
    print(f"| {len(letters)} corpus letters | {megabytes * 1e6:,.0f} B | {total:.2f} | "
          f"{total / megabytes:.1f} |")  # fmt: skip
    for size in args.sizes:
        for name, text in hostile.make_cases(size).items():
            took = seconds(text, settings)
            mb = len(text.encode()) / 1e6
            print(f"| {name} | {mb * 1e6:,.0f} B | {took:.2f} | {took / mb:.1f} |", flush=True)


if __name__ == "__main__":
    main()
