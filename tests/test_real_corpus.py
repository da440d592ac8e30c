"""The corpus of published letters (``corpora/real``): well formed, split by source, free of the
hidden evaluation letters, and labeled with a blind second labeling on file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import build_real_corpus as build

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "corpora" / "real"
RECORDS = [json.loads(line) for line in (REAL / "letters.jsonl").read_text("utf-8").splitlines()]
OVERLAP = ROOT.parent / "shared" / "heldout" / "overlap.py"


def test_every_record_is_well_formed() -> None:
    problems = {r["id"]: build.problems(r) for r in RECORDS}
    assert not {k: v for k, v in problems.items() if v}
    assert all(r["origin"] == "real" and r["source"] for r in RECORDS)
    assert len({r["id"] for r in RECORDS}) == len(RECORDS)


def test_splits_are_grouped_by_source() -> None:
    splits: dict[str, set[str]] = {}
    for r in RECORDS:
        splits.setdefault(r["source_id"], set()).add(r["split"])
    assert all(len(s) == 1 for s in splits.values())
    counts = {s: sum(r["split"] == s for r in RECORDS) for s in ("train", "dev", "test")}
    assert min(counts.values()) >= len(RECORDS) // 8, counts  # every split holds a real share


def test_no_near_duplicates_within_or_across_corpora() -> None:
    synthetic = [
        build.shingles(json.loads(line)["text"])
        for line in (ROOT / "corpora" / "letters.jsonl").read_text("utf-8").splitlines()
    ]
    seen = list(synthetic)
    for r in RECORDS:
        s = build.shingles(r["text"])
        assert not any(build.near_duplicate(s, other) for other in seen), r["id"]
        seen.append(s)


@pytest.mark.skipif(not OVERLAP.exists(), reason="the hidden-letter check is not on this machine")
def test_no_letter_overlaps_the_hidden_evaluation_letters() -> None:
    result = subprocess.run(
        [sys.executable, str(OVERLAP), str(REAL / "letters.jsonl")],
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout.decode()[:2000]


def test_the_second_labels_are_blind_labels_of_corpus_letters() -> None:
    second = [json.loads(x) for x in (REAL / "second-labels.jsonl").read_text("utf-8").splitlines()]
    ids = {r["id"] for r in RECORDS}
    assert len(second) >= 100 and all(s["id"] in ids for s in second)
    texts = {r["id"]: r["text"] for r in RECORDS}
    for s in second:
        for key in ("hyperbole", "enthusiasm", "risk"):
            assert all(span in texts[s["id"]] for span in s[key]), s["id"]


def test_adjudications_are_applied() -> None:
    by_id = {r["id"]: r for r in RECORDS}
    for line in (REAL / "adjudications.jsonl").read_text("utf-8").splitlines():
        item = json.loads(line)
        if item["id"] in by_id:
            record = by_id[item["id"]]
            assert all(record[k] == v for k, v in item["changes"].items()), item["id"]
            assert record["meta"]["adjudicated"] == item["reason"]
