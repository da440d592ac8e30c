"""The project's labeled corpus: typed records, loading by split, validation.

The rules' tests, the training code and the notebooks all read the corpus through this module, so
there is one definition of what a valid record is (see ``corpora/GUIDE.md``). A development tool: it
reads ``corpora/`` from the checkout, so it lives in ``tools/`` and is not part of the package.

Run ``python tools/corpus.py check FILE...`` from the repository root to validate files of letters.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tonecheck.config import Settings
from tonecheck.findings import ELEMENT_NAMES as ELEMENTS
from tonecheck.findings import TONES
from tonecheck.rules.length import length_verdict
from tonecheck.textutil import WORD_RE, count_words

KINDS = ("thank_you", "follow_up_no_response", "second_interview", "other")
SPAN_KEYS = ("hyperbole", "enthusiasm", "risk")
SPLITS = ("train", "dev", "test")
LENGTHS = ("ok", "too_short", "too_long")
NEAR_DUPLICATE_SHARE = 0.5  # no two letters may share more than half of their word 5-grams

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT / "corpora"
LETTERS_PATH = CORPUS_DIR / "letters.jsonl"
CHECKSUMS = "SHA256SUMS"  # in the corpus folder: the digest of each data file


@dataclass(frozen=True)
class Letter:
    """One labeled letter of the corpus."""

    id: str
    text: str
    kind: str
    tone: str
    thanks: bool
    pleasure: bool
    learned_detail: bool
    continued_interest: bool
    length: str
    hyperbole: tuple[str, ...]
    enthusiasm: tuple[str, ...]
    risk: tuple[str, ...]
    evidence: dict[str, str]
    split: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def elements(self) -> dict[str, bool]:
        """The four elements as a mapping name -> present."""
        return {name: bool(getattr(self, name)) for name in ELEMENTS}

    def spans(self, key: str) -> list[tuple[int, int]]:
        """Every (start, end) occurrence of the strings labeled under ``key``."""
        out: set[tuple[int, int]] = set()
        for needle in getattr(self, key):
            start = self.text.find(needle)
            while start != -1:
                out.add((start, start + len(needle)))
                start = self.text.find(needle, start + 1)
        return sorted(out)


def validate_record(raw: dict[str, Any], *, need_split: bool = True) -> list[str]:
    """Return the problems of one raw record (empty when it is valid)."""
    problems: list[str] = []
    rid = raw.get("id", "?")

    def bad(msg: str) -> None:
        problems.append(f"{rid}: {msg}")

    for key in ("id", "text", "kind", "tone", "length"):
        if not isinstance(raw.get(key), str) or not raw.get(key):
            bad(f"'{key}' must be a non-empty string")
    if problems:
        return problems
    text: str = raw["text"]
    if raw["kind"] not in KINDS:
        bad(f"kind {raw['kind']!r} not in {KINDS}")
    if raw["tone"] not in TONES:
        bad(f"tone {raw['tone']!r} not in {TONES}")
    for name in ELEMENTS:
        if not isinstance(raw.get(name), bool):
            bad(f"'{name}' must be true or false")
    for key in SPAN_KEYS:
        spans = raw.get(key)
        if not isinstance(spans, list) or not all(isinstance(s, str) and s for s in spans):
            bad(f"'{key}' must be a list of non-empty strings")
            continue
        for s in spans:
            if s not in text:
                bad(f"{key} span {s!r} is not a substring of the text")
    evidence = raw.get("evidence")
    if not isinstance(evidence, dict):
        bad("'evidence' must be an object")
    else:
        for name in ELEMENTS:
            present = raw.get(name) is True
            ev = evidence.get(name)
            if present and not (isinstance(ev, str) and ev and ev in text):
                bad(f"element {name} is present but its evidence is missing or not a substring")
            if not present and ev:
                bad(f"element {name} is absent but has evidence")
        for name in evidence:
            if name not in ELEMENTS:
                bad(f"unknown evidence key {name!r}")
    expected_length = length_verdict(count_words(text), Settings())
    if raw["length"] not in LENGTHS:
        bad(f"length {raw['length']!r} not in {LENGTHS}")
    elif raw["length"] != expected_length:
        bad(
            f"length is {raw['length']!r} but {count_words(text)} words make it {expected_length!r}"
        )
    if raw.get("tone") == "pushy" and not raw.get("risk"):
        bad("a pushy letter needs at least one risk span")
    if raw.get("risk") and raw.get("tone") != "pushy":
        bad("a letter with a risk span must be pushy (GUIDE section 5)")
    split = raw.get("split")
    if need_split and split not in SPLITS:
        bad(f"split {split!r} not in {SPLITS}")
    if "meta" in raw and not isinstance(raw["meta"], dict):
        bad("'meta' must be an object")
    return problems


def _record(raw: dict[str, Any]) -> Letter:
    return Letter(
        id=raw["id"],
        text=raw["text"],
        kind=raw["kind"],
        tone=raw["tone"],
        thanks=raw["thanks"],
        pleasure=raw["pleasure"],
        learned_detail=raw["learned_detail"],
        continued_interest=raw["continued_interest"],
        length=raw["length"],
        hyperbole=tuple(raw["hyperbole"]),
        enthusiasm=tuple(raw["enthusiasm"]),
        risk=tuple(raw["risk"]),
        evidence=dict(raw["evidence"]),
        split=raw.get("split"),
        meta=dict(raw.get("meta", {})),
    )


def read_raw(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the raw JSON records of a JSON Lines file, skipping blank lines."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from exc


def load(path: Path = LETTERS_PATH, split: str | Sequence[str] | None = None) -> list[Letter]:
    """Load letters, optionally only those of one split or several."""
    wanted = {split} if isinstance(split, str) else set(split) if split else None
    letters = [_record(r) for r in read_raw(path)]
    if wanted is not None:
        letters = [x for x in letters if x.split in wanted]
    return letters


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """The set of lower-cased word n-grams of ``text``."""
    words = [m.group(0).lower() for m in WORD_RE.finditer(text)]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def near_duplicates(
    items: Iterable[tuple[str, str]], share: float = NEAR_DUPLICATE_SHARE
) -> list[tuple[str, str, float]]:
    """Pairs of (id, text) items sharing more than ``share`` of the smaller one's 5-grams."""
    sets = [(i, shingles(t)) for i, t in items]
    index: dict[tuple[str, ...], list[int]] = {}
    for pos, (_, grams) in enumerate(sets):
        for g in grams:
            index.setdefault(g, []).append(pos)
    shared: dict[tuple[int, int], int] = {}
    for positions in index.values():
        if len(positions) > 50:  # boilerplate 5-grams ("thank you for your time") say nothing
            continue
        for a_i, a in enumerate(positions):
            for b in positions[a_i + 1 :]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    out = []
    for (a, b), count in shared.items():
        smaller = min(len(sets[a][1]), len(sets[b][1])) or 1
        ratio = count / smaller
        if ratio > share:
            out.append((sets[a][0], sets[b][0], round(ratio, 3)))
    return sorted(out)


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_checksums(root: Path = CORPUS_DIR) -> None:
    """Raise ``ValueError`` when a file listed in ``SHA256SUMS`` has changed."""
    for line in (root / CHECKSUMS).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, name = line.split(maxsplit=1)
        if sha256(root / name) != digest:
            raise ValueError(f"corpus file {name} does not match its checksum in SHA256SUMS")


def check_files(paths: Sequence[Path], *, need_split: bool) -> list[str]:
    """Validate records across files: each record, unique ids, no near-duplicates."""
    problems: list[str] = []
    seen: dict[str, Path] = {}
    items: list[tuple[str, str]] = []
    for path in paths:
        try:
            for raw in read_raw(path):
                problems += validate_record(raw, need_split=need_split)
                rid = str(raw.get("id"))
                if rid in seen:
                    problems.append(f"{rid}: duplicate id (also in {seen[rid]})")
                seen[rid] = path
                items.append((rid, str(raw.get("text", ""))))
        except ValueError as exc:
            problems.append(str(exc))
    for a, b, ratio in near_duplicates(items):
        problems.append(f"{a} ~ {b}: near-duplicates (share {ratio:.0%} of their word 5-grams)")
    return problems


SPLIT_SHARES = (("train", 0.6), ("dev", 0.2), ("test", 0.2))
SPLIT_SEED = "tonecheck-splits-v1"


def assign_splits(records: list[dict[str, Any]]) -> None:
    """Give every record without a split one, stratified by tone, deterministically.

    Existing splits are never changed (splits are fixed once drawn). New records are ordered by a
    seeded hash of their id within each tone and dealt so each tone's split shares stay near 60/20/20.
    """
    by_tone: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        by_tone.setdefault(rec["tone"], []).append(rec)
    for group in by_tone.values():
        counts = {name: sum(1 for r in group if r.get("split") == name) for name, _ in SPLIT_SHARES}
        fresh = sorted(
            (r for r in group if r.get("split") not in SPLITS),
            key=lambda r: hashlib.sha256(f"{SPLIT_SEED}:{r['id']}".encode()).hexdigest(),
        )
        for rec in fresh:
            total = sum(counts.values()) + 1
            # the split furthest below its share takes the next letter
            name = max(SPLIT_SHARES, key=lambda s: s[1] * total - counts[s[0]])[0]
            rec["split"] = name
            counts[name] += 1


def assemble(parts: Sequence[Path], out: Path = LETTERS_PATH) -> int:
    """Merge new letters from ``parts`` into ``out`` (kept ones keep their split), write checksums."""
    existing = list(read_raw(out)) if out.exists() else []
    seen = {r["id"] for r in existing}
    added = [r for p in parts for r in read_raw(p) if r["id"] not in seen]
    records = existing + added
    assign_splits(records)
    keys = (
        "id",
        "split",
        "kind",
        "tone",
        "thanks",
        "pleasure",
        "learned_detail",
        "continued_interest",
        "length",
        "hyperbole",
        "enthusiasm",
        "risk",
        "evidence",
        "text",
        "meta",
    )
    with out.open("w", encoding="utf-8") as fh:
        for rec in records:
            ordered = {k: rec[k] for k in keys if k in rec}
            fh.write(json.dumps(ordered, ensure_ascii=False) + "\n")
    write_checksums(out.parent)
    return len(added)


def write_checksums(root: Path = CORPUS_DIR) -> None:
    """Write ``SHA256SUMS`` for the corpus data files."""
    names = sorted(p.name for p in root.glob("*.jsonl"))
    lines = [f"{sha256(root / n)}  {n}" for n in names]
    (root / CHECKSUMS).write_text("\n".join(lines) + "\n", encoding="utf-8")


SECOND_LABELS_PATH = CORPUS_DIR / "second-labels.jsonl"


def cohen_kappa(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Cohen's kappa of two labelings of the same items."""
    n = len(a)
    if n == 0 or n != len(b):
        raise ValueError("kappa needs two labelings of the same, non-empty items")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    labels = set(a) | set(b)
    expected = sum((list(a).count(k) / n) * (list(b).count(k) / n) for k in labels)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(
    second: Path = SECOND_LABELS_PATH, first: Path = LETTERS_PATH
) -> dict[str, dict[str, float]]:
    """Agreement between the corpus labels and an independent second labeling, per label.

    Spans are compared as "the letter has any span of this category" (kappa) and, for letters
    where both marked some, by overlap (share of the first labeler's spans the second overlapped).
    """
    gold = {x.id: x for x in load(first)}
    other = [r for r in read_raw(second) if r["id"] in gold]
    out: dict[str, dict[str, float]] = {}
    labels = [
        ("tone", "tone"),
        *[(e, e) for e in ELEMENTS],
        ("length", "length"),
        *[(f"{k} (any)", k) for k in SPAN_KEYS],
    ]

    def value(record: dict[str, Any], key: str) -> Any:
        v = record[key]
        return bool(v) if key in SPAN_KEYS else v

    for name, key in labels:
        a = [value(_as_raw(gold[r["id"]]), key) for r in other]
        b = [value(r, key) for r in other]
        agree = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
        out[name] = {
            "kappa": round(cohen_kappa(a, b), 3),
            "agreement": round(agree, 3),
            "n": len(a),
        }
    for key in SPAN_KEYS:
        hit = total = 0
        for r in other:
            letter = gold[r["id"]]
            mine = letter.spans(key)
            theirs = Letter(**{**_as_raw(letter), key: tuple(r[key])}).spans(key)
            total += len(mine)
            hit += sum(1 for s, e in mine if any(s < e2 and s2 < e for s2, e2 in theirs))
        out[f"{key} spans overlapped"] = {
            "share": round(hit / total, 3) if total else 1.0,
            "n": total,
        }
    return out


def _as_raw(letter: Letter) -> dict[str, Any]:
    return {f: getattr(letter, f) for f in letter.__dataclass_fields__}


def main(argv: Sequence[str] | None = None) -> int:
    """``python tools/corpus.py check [--no-split] [FILE...]`` (default: the corpus) or
    ``assemble PART...``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "agreement":
        print(json.dumps(agreement(), indent=2))
        return 0
    if args and args[0] == "assemble":
        added = assemble([Path(a) for a in args[1:]])
        print(f"added {added} letter(s) to {LETTERS_PATH}")
        return 0
    if not args or args[0] != "check":
        print(
            "usage: python tools/corpus.py check [--no-split] [FILE...] | assemble PART...",
            file=sys.stderr,
        )
        return 2
    args = args[1:]
    options = [a for a in args if a.startswith("-")]
    if set(options) - {"--no-split"}:
        print(
            f"unknown option {options[0]!r}; usage: check [--no-split] [FILE...]", file=sys.stderr
        )
        return 2
    need_split = "--no-split" not in options
    # without a file, the project's corpus: a check of nothing would pass without looking
    paths = [Path(a) for a in args if a not in options] or [LETTERS_PATH]
    problems = check_files(paths, need_split=need_split)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in {len(paths)} file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
