"""Measuring the rules against the labeled corpus.

``python tools/evaluate.py --split dev`` (from the repository root) prints, for one split:
- missing-element detection (the positive class is "missing"): precision, recall, F1 per element;
- overdone spans (hyperbole, enthusiasm, risk): a predicted span counts as correct when it overlaps a
  labeled span of its category; recall is the share of labeled spans overlapped by a prediction;
- false flags: how many cool_cordial letters get any hyperbole or enthusiasm finding.

Tune on ``train`` and ``dev``; run ``test`` once, for the final report.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corpus import LETTERS_PATH, Letter, load
from tonecheck.config import Settings
from tonecheck.findings import ELEMENT_NAMES as ELEMENTS
from tonecheck.findings import Report

SPAN_CATEGORIES = ("hyperbole", "enthusiasm", "risk")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def _overlaps(a: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _split(
    spans: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]]
) -> tuple[int, list[tuple[int, int]]]:
    """How many of ``spans`` overlap one of ``others``, and the ones that do not."""
    missed = [s for s in spans if not _overlaps(s, others)]
    return len(spans) - len(missed), missed


def evaluate(letters: Sequence[Letter], reports: Sequence[Report]) -> dict[str, Any]:
    """Compare reports with labels; returns a JSON-ready dict of metrics and error ids."""
    elements = {name: Counts() for name in ELEMENTS}
    spans = {cat: Counts() for cat in (*SPAN_CATEGORIES, "hyperbole+enthusiasm")}
    span_recall = {cat: Counts() for cat in spans}
    errors: dict[str, list[str]] = {}
    flagged_good: list[str] = []
    good = 0
    for letter, report in zip(letters, reports, strict=True):
        assert report.elements is not None
        for name in ELEMENTS:
            gold_missing = not getattr(letter, name)
            pred_missing = not report.elements[name]
            c = elements[name]
            if pred_missing and gold_missing:
                c.tp += 1
            elif pred_missing:
                c.fp += 1
                errors.setdefault(f"{name}:false_missing", []).append(letter.id)
            elif gold_missing:
                c.fn += 1
                errors.setdefault(f"{name}:missed_missing", []).append(letter.id)
        for cat in spans:
            cats = ("hyperbole", "enthusiasm") if cat == "hyperbole+enthusiasm" else (cat,)
            gold = [s for c in cats for s in letter.spans(c)]
            pred = [
                (f.start, f.end) for f in report.findings if f.category in cats and f.end > f.start
            ]
            hit, false = _split(pred, gold)
            spans[cat].tp += hit
            spans[cat].fp += len(false)
            hit, missed = _split(gold, pred)
            span_recall[cat].tp += hit
            span_recall[cat].fn += len(missed)
            for kind, wrong in (("false_span", false), ("missed_span", missed)):
                for s, e in wrong:
                    errors.setdefault(f"{cat}:{kind}", []).append(
                        f"{letter.id}:{letter.text[s:e]!r}"
                    )
        if letter.tone == "cool_cordial":
            good += 1
            if any(f.category in ("hyperbole", "enthusiasm") for f in report.findings):
                flagged_good.append(letter.id)
    span_metrics = {}
    for cat in spans:
        precision = spans[cat].prf()["precision"]
        recall = span_recall[cat].prf()["recall"]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        span_metrics[cat] = {"precision": precision, "recall": recall, "f1": round(f1, 3)}
    return {
        "letters": len(letters),
        "missing_element": {name: elements[name].prf() for name in ELEMENTS},
        "spans": span_metrics,
        "cool_cordial_flagged": {
            "flagged": len(flagged_good),
            "of": good,
            "share": round(len(flagged_good) / good, 3) if good else 0.0,
        },
        "errors": errors | {"cool_cordial_flagged": flagged_good},
    }


def run(split: Sequence[str], settings: Settings | None = None) -> dict[str, Any]:
    """Lint every letter of the split(s) and evaluate."""
    from tonecheck.linter import lint_text

    letters = load(LETTERS_PATH, split=list(split))
    reports = [lint_text(x.text, x.id, settings) for x in letters]
    return evaluate(letters, reports)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/evaluate.py")
    parser.add_argument("--split", action="append", choices=("train", "dev", "test"))
    parser.add_argument("--errors", action="store_true", help="also list the misjudged letters")
    args = parser.parse_args(argv)
    result = run(args.split or ["dev"])
    if not args.errors:
        result.pop("errors")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
