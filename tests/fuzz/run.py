"""The long fuzz run (issue 16): at least 50,000 hostile inputs through the property of
``tests/fuzz_cases.py`` (letters, e-mail messages, Word documents), random each run.

    .venv/bin/python tests/fuzz/run.py                 # 30,000 letters, 12,000 e-mails, 8,000 .docx
    .venv/bin/python tests/fuzz/run.py --scale 0.1     # a tenth of that
    .venv/bin/python tests/fuzz/run.py --seed 7        # repeatable
    .venv/bin/python tests/fuzz/run.py --only letters  # one part (run the parts side by side)

Prints how many cases each part ran and took, and exits 1 at the first failing case (hypothesis
shrinks it and prints it), else 0. Not collected by pytest (no ``test_`` name).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tools")]

import fuzz_cases as fc  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PARTS: list[tuple[str, int, st.SearchStrategy[Any], Callable[[Any], None]]] = [
    ("letters", 30_000, fc.letters(), fc.check_letter),
    ("e-mails", 12_000, fc.emails(), lambda data: fc.check_file(data, ".eml")),
    (".docx", 8_000, fc.docx_files(), lambda data: fc.check_file(data, ".docx")),
]


def counted(check: Callable[[Any], None], ran: list[int], name: str) -> Callable[[Any], None]:
    def one(value: Any) -> None:
        ran[0] += 1
        check(value)
        if ran[0] % 1000 == 0:
            print(f"{name}: {ran[0]:,} cases so far, no failure", flush=True)

    return one


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--only", choices=[p[0] for p in PARTS], help="run one part only")
    args = parser.parse_args()
    total = 0
    for name, count, strategy, check in PARTS:
        if args.only and name != args.only:
            continue
        ran = [0]
        one = counted(check, ran, name)
        test = settings(
            max_examples=max(1, int(count * args.scale)),
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )(given(strategy)(one))
        if args.seed is not None:
            test = seed(args.seed)(test)
        start = time.perf_counter()
        try:
            test()
        except Exception as exc:  # hypothesis has printed the shrunk case
            print(f"{name}: FAILED after {ran[0]:,} cases: {exc!r}", flush=True)
            return 1
        took = time.perf_counter() - start
        print(f"{name}: {ran[0]:,} cases, no failure ({took:.0f} s)", flush=True)
        total += ran[0]
    print(f"total: {total:,} cases, no traceback, no offset or line/column violation, "
          "no control character in the output, every refusal one line")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
