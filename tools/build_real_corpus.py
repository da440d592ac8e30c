"""Assemble ``corpora/real/letters.jsonl`` from collectors' files: check, dedupe, split by source.

    python tools/build_real_corpus.py /work/staging/real-*.jsonl

Each input line is a labeled real letter (schema: ``corpora/GUIDE.md`` section 1, plus ``source``,
``source_id``, ``source_type`` and ``meta``). The script:

- checks every record (the labels' vocabularies, spans and evidence are exact substrings, pushy
  letters and only pushy letters have risk spans, length matches the word count);
- drops near-duplicates: a letter sharing more than half of its word 5-grams with a letter kept
  before it, in this corpus or in the written-for-the-project one (``corpora/letters.jsonl``);
- assigns splits by source, so that one site's letters never sit on two sides: a source keeps the
  split it has in the existing file (splits are fixed once written); new sources, in the order of
  ``sha256(source_id)``, each go to the split furthest below its share of letters (60/20/20);
- applies the adjudications in ``corpora/real/adjudications.jsonl`` (``{"id", "changes",
  "reason"}``: where the blind second labeling disagreed and the third reading changed a label);
- refuses (exit 1) if ``--overlap`` names the hidden-letter check and it flags any letter.

Records are written sorted by id, keys in a fixed order, so the file is reproducible.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from tonecheck.config import Settings
from tonecheck.findings import ELEMENT_NAMES, TONES
from tonecheck.rules.length import length_verdict
from tonecheck.textutil import count_words

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpora" / "real" / "letters.jsonl"
ADJUDICATIONS = ROOT / "corpora" / "real" / "adjudications.jsonl"
SYNTHETIC = ROOT / "corpora" / "letters.jsonl"
KINDS = ("thank_you", "second_interview", "follow_up_no_response", "other")
SOURCE_TYPES = (
    "career_centre",
    "advice_site",
    "template_site",
    "forum",
    "recruiter_collection",
    "repository",
    "blog",
    "news",
    "government",
)
KEYS = (
    "id",
    "origin",
    "split",
    "source",
    "source_id",
    "source_type",
    "kind",
    "tone",
    *ELEMENT_NAMES,
    "length",
    "hyperbole",
    "enthusiasm",
    "risk",
    "evidence",
    "text",
    "meta",
)


SHARES = {"train": 0.6, "dev": 0.2, "test": 0.2}


def assign_splits(records: list[dict[str, Any]], fixed: dict[str, str]) -> None:
    """Set ``split`` on every record, one split per source (see the module docstring)."""
    by_source: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_source.setdefault(r["source_id"], []).append(r)
    counts = dict.fromkeys(SHARES, 0)
    for source, group in by_source.items():
        if source in fixed:
            counts[fixed[source]] += len(group)
    new = sorted(
        (s for s in by_source if s not in fixed),
        key=lambda s: hashlib.sha256(s.encode("utf-8")).hexdigest(),
    )
    total = sum(counts.values()) + sum(len(by_source[s]) for s in new)
    for source in new:
        split = min(SHARES, key=lambda k: counts[k] / (SHARES[k] * total))
        fixed[source] = split
        counts[split] += len(by_source[source])
    for r in records:
        r["split"] = fixed[r["source_id"]]


def problems(r: dict[str, Any]) -> list[str]:
    """What is wrong with one record (empty when it is well formed)."""
    out = []
    text = r.get("text", "")
    if not isinstance(text, str) or not text.strip():
        return ["no text"]
    if r.get("tone") not in TONES:
        out.append(f"tone {r.get('tone')!r}")
    if r.get("kind") not in KINDS:
        out.append(f"kind {r.get('kind')!r}")
    if r.get("source_type") not in SOURCE_TYPES:
        out.append(f"source_type {r.get('source_type')!r}")
    if not r.get("source") or not r.get("source_id"):
        out.append("no source")
    for name in ELEMENT_NAMES:
        present = r.get(name)
        evidence = (r.get("evidence") or {}).get(name)
        if not isinstance(present, bool):
            out.append(f"{name} not a bool")
        elif present and (not evidence or evidence not in text):
            out.append(f"{name}: evidence missing or not in the text")
        elif not present and evidence:
            out.append(f"{name}: evidence for an absent element")
    for key in ("hyperbole", "enthusiasm", "risk"):
        for span in r.get(key) or []:
            if span not in text:
                out.append(f"{key} span not in the text: {span[:40]!r}")
    if bool(r.get("risk")) != (r.get("tone") == "pushy"):
        out.append("risk spans and the pushy tone must go together")
    expected = length_verdict(count_words(text), Settings())
    if r.get("length") != expected:
        out.append(f"length {r.get('length')!r}, the word count says {expected}")
    return out


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 5]) for i in range(max(1, len(words) - 4))}


def near_duplicate(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> bool:
    return bool(a) and bool(b) and len(a & b) > 0.5 * min(len(a), len(b))


def build(paths: list[Path], overlap: Path | None) -> tuple[list[dict[str, Any]], list[str]]:
    log: list[str] = []
    kept: list[dict[str, Any]] = []
    adjudicated: dict[str, dict[str, Any]] = {}
    reasons: dict[str, str] = {}
    if ADJUDICATIONS.exists():
        for line in ADJUDICATIONS.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            adjudicated[item["id"]] = item["changes"]
            reasons[item["id"]] = item["reason"]
    seen = [shingles(json.loads(line)["text"]) for line in SYNTHETIC.open(encoding="utf-8")]
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            r.setdefault("origin", "real")
            if r.get("id") in adjudicated:
                r.update(adjudicated[r["id"]])
                r.setdefault("meta", {})["adjudicated"] = reasons[r["id"]]
            bad = problems(r)
            if bad:
                log.append(f"{path.name}:{n} {r.get('id')}: left out ({'; '.join(bad)})")
                continue
            s = shingles(r["text"])
            if any(near_duplicate(s, other) for other in seen):
                log.append(f"{path.name}:{n} {r['id']}: left out (near-duplicate)")
                continue
            seen.append(s)
            r["hyperbole"] = r.get("hyperbole") or []
            r["enthusiasm"] = r.get("enthusiasm") or []
            r["risk"] = r.get("risk") or []
            r["evidence"] = {k: v for k, v in (r.get("evidence") or {}).items() if r.get(k)}
            kept.append(r)
    fixed: dict[str, str] = {}
    if OUT.exists():
        for line in OUT.read_text(encoding="utf-8").splitlines():
            old = json.loads(line)
            fixed[old["source_id"]] = old["split"]
    assign_splits(kept, fixed)
    kept = [{k: r.get(k) for k in KEYS} for r in kept]
    kept.sort(key=lambda r: r["id"])
    if overlap is not None:
        tmp = OUT.with_suffix(".candidates.jsonl")
        tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept))
        result = subprocess.run([sys.executable, str(overlap), str(tmp)], capture_output=True)
        tmp.unlink()
        if result.returncode != 0:
            sys.stdout.write(result.stdout.decode())
            raise SystemExit("the hidden-letter check flagged letters: remove them at the source")
    return kept, log


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--overlap", type=Path, help="the hidden-letter check (overlap.py)")
    args = parser.parse_args()
    kept, log = build(args.inputs, args.overlap)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), "utf-8")
    for line in log:
        print(line)
    splits = {s: sum(r["split"] == s for r in kept) for s in ("train", "dev", "test")}
    sources = len({r["source_id"] for r in kept})
    print(f"{len(kept)} letters from {sources} sources -> {OUT.relative_to(ROOT)}: {splits}")


if __name__ == "__main__":
    main()
