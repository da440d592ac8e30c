"""Measuring the rules against the labeled corpus.

``python tools/evaluate.py --corpus real --split dev`` (from the repository root) prints, for one corpus
(``synthetic``: the letters written for the project, ``corpora/letters.jsonl``; ``real``: published
letters, ``corpora/real/letters.jsonl``) and split:
- missing-element detection (the positive class is "missing"): precision, recall, F1 per element;
- overdone spans (hyperbole, enthusiasm, risk): a predicted span counts as correct when it overlaps a
  labeled span of its category; recall is the share of labeled spans overlapped by a prediction;
- false flags: how many cool_cordial letters get any hyperbole or enthusiasm finding;
- the tone classifier: macro-F1 over the four tones, the AUC of the score (cool_cordial against the
  rest) and the expected calibration error of P(cool_cordial) (10 equal-width bins);
- for the real letters, the same per source type (``--by-source-type``).

Tune on ``train`` and ``dev``; run ``test`` once, for the final report.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corpus import CORPUS_DIR, LETTERS_PATH, Letter, load, read_raw
from tonecheck.config import Settings
from tonecheck.findings import ELEMENT_NAMES as ELEMENTS
from tonecheck.findings import TONES, Report

SPAN_CATEGORIES = ("hyperbole", "enthusiasm", "risk")
CORPORA = {"synthetic": LETTERS_PATH, "real": CORPUS_DIR / "real" / "letters.jsonl"}


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
        "tone": tone_metrics(letters, reports),
        "spans": span_metrics,
        "cool_cordial_flagged": {
            "flagged": len(flagged_good),
            "of": good,
            "share": round(len(flagged_good) / good, 3) if good else 0.0,
        },
        "errors": errors | {"cool_cordial_flagged": flagged_good},
    }


def tone_metrics(letters: Sequence[Letter], reports: Sequence[Report]) -> dict[str, Any]:
    """Macro-F1 of the four tones, AUC of P(cool_cordial) and its calibration error (ECE)."""
    pairs = [(x.tone, r.tone) for x, r in zip(letters, reports, strict=True) if r.tone is not None]
    if not pairs:
        return {}
    f1s = []
    for tone in TONES:
        c = Counts()
        for gold, pred in pairs:
            c.tp += gold == tone and pred.tone == tone
            c.fp += gold != tone and pred.tone == tone
            c.fn += gold == tone and pred.tone != tone
        if c.tp + c.fn:  # a tone absent from the labels does not count
            f1s.append(c.prf()["f1"])
    cool = [(gold == "cool_cordial", pred.probabilities["cool_cordial"]) for gold, pred in pairs]
    return {
        "macro_f1": round(sum(f1s) / len(f1s), 3),
        "accuracy": round(sum(g == p.tone for g, p in pairs) / len(pairs), 3),
        "score_auc": round(auc(cool), 3),
        "ece": round(ece(cool), 3),
        "n": len(pairs),
    }


def auc(items: Sequence[tuple[bool, float]]) -> float:
    """The probability that a random positive scores above a random negative (ties count half)."""
    pos = [p for y, p in items if y]
    neg = [p for y, p in items if not y]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def ece(items: Sequence[tuple[bool, float]], bins: int = 10) -> float:
    """Expected calibration error: the bins' |share positive - mean probability|, weighted."""
    total = 0.0
    for b in range(bins):
        inside = [
            (y, p)
            for y, p in items
            if b / bins <= p < (b + 1) / bins or (b == bins - 1 and p == 1.0)
        ]
        if inside:
            share = sum(y for y, _ in inside) / len(inside)
            mean = sum(p for _, p in inside) / len(inside)
            total += abs(share - mean) * len(inside)
    return total / len(items) if items else 0.0


def run(
    split: Sequence[str],
    settings: Settings | None = None,
    corpus: str = "synthetic",
    element_detector: str = "learned",
) -> dict[str, Any]:
    """Lint every letter of the split(s) of one corpus and evaluate; ``element_detector="rules"``
    finds the four elements by the cue rules instead of the shipped learned detectors."""
    from tonecheck.linter import lint_text

    letters = load(CORPORA[corpus], split=list(split))
    nlp = None
    if element_detector != "learned":
        from tonecheck.pipeline import build_nlp

        nlp = build_nlp(settings or Settings(), element_detector=element_detector)
    reports = [lint_text(x.text, x.id, settings, nlp=nlp) for x in letters]
    return evaluate(letters, reports)


def by_source_type(split: Sequence[str]) -> dict[str, Any]:
    """The real letters' figures per source type."""
    from tonecheck.linter import lint_text

    kinds = {r["id"]: r["source_type"] for r in read_raw(CORPORA["real"])}
    letters = load(CORPORA["real"], split=list(split))
    out: dict[str, Any] = {}
    for kind in sorted(set(kinds.values())):
        group = [x for x in letters if kinds[x.id] == kind]
        if group:
            result = evaluate(group, [lint_text(x.text, x.id) for x in group])
            result.pop("errors")
            out[kind] = result
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/evaluate.py")
    parser.add_argument("--corpus", choices=tuple(CORPORA), default="synthetic")
    parser.add_argument("--split", action="append", choices=("train", "dev", "test"))
    parser.add_argument("--errors", action="store_true", help="also list the misjudged letters")
    parser.add_argument("--by-source-type", action="store_true", help="real letters only")
    parser.add_argument(
        "--element-detector",
        choices=("learned", "rules"),
        default="learned",
        help="how the four elements are found (rules: the cue rules, for comparison)",
    )
    args = parser.parse_args(argv)
    split = args.split or ["dev"]
    if args.by_source_type:
        print(json.dumps(by_source_type(split), indent=2))
        return 0
    result = run(split, corpus=args.corpus, element_detector=args.element_detector)
    if not args.errors:
        result.pop("errors")
    head = {"corpus": args.corpus, "split": split, "element_detector": args.element_detector}
    print(json.dumps({**head, **result}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
