"""Train the sentence-level element detectors and write ``models/elements.json``.

    python tools/train_elements.py                 # train, write the model, print the dev table
    python tools/train_elements.py --report        # the letter-level table (synthetic test, real dev)
    python tools/train_elements.py --report --final   # ... and real test (only to report, at the end)
    python tools/train_elements.py --reproduce OUT # retrain from the inputs recorded in the model

Data: the synthetic corpus (``corpora/letters.jsonl``, its ``split`` field) and real letters (JSON
Lines files with the same schema plus ``source_id``; by default ``corpora/real/letters.jsonl``), with
their ``split`` field (grouped by source), or for a file without one by
``int(sha256(source_id), 16) % 10``: 0-5 train, 6-7 dev, 8-9 test. Real files may still be growing:
only complete lines are read, and the model records how many lines of each file it used (and their
hash), so ``--reproduce`` retrains from exactly the same letters.

Sentence examples: tonecheck's own sentences; a sentence is positive for an element when it overlaps
the letter's evidence for it. Negatives come from letters without the element, and for learned
detail and interest also from the other sentences of a letter with it (OTHER_SENTENCES_WEIGHT).

Per element: a logistic regression (scikit-learn, lbfgs, class_weight="balanced") for each
configuration of the grid (C, the weight of real sentences); the threshold maximises letter-level F1
of "missing E" on real dev (smoothed, near-ties broken by synthetic dev: see choose_threshold); the
configuration maximises real dev F1 plus synthetic dev F1 at that threshold (real dev alone is too
small to choose between near-equal configurations, and synthetic must not drop). Real test is never
used to choose anything.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tonecheck.nlp.element_model import (  # noqa: E402
    ELEMENTS,
    MODEL_FORMAT,
    ElementModel,
    SentenceContext,
    tokens,
)

SYNTHETIC = ROOT / "corpora" / "letters.jsonl"
# The real letters: the corpus's own folder once they land there, and the collectors' files meanwhile
# (a letter in both is read once).
DEFAULT_REAL = [str(ROOT / "corpora" / "real" / "letters.jsonl")]
OUT = ROOT / "models" / "elements.json"
COMMON_WORDS = 5000
MIN_DF = 2
GRID_C = (0.1, 0.3, 1.0, 3.0)
GRID_REAL_WEIGHT = (1.0, 3.0)
DIGITS = 4
# Real dev F1 differences smaller than this (about one letter in 40) do not decide a threshold.
THRESHOLD_TOLERANCE = 0.015
# A threshold may cost synthetic dev at most this much F1 against its best threshold (issue 14: the
# synthetic test figures must not drop by more than 0.03).
SYNTHETIC_GUARD = 0.02
# The weight, as negatives, of the sentences of a letter with the element other than its evidence.
# A second sentence may carry thanks too ("Thank you again"), so those are left out; a letter rarely
# names two details or states its interest twice, and its generic sentences ("learning more about
# the role") are the negatives that matter most.
OTHER_SENTENCES_WEIGHT = {
    "thanks": 0.0,
    "pleasure": 0.0,
    "learned_detail": 1.0,
    "continued_interest": 1.0,
}

CUE_FILES = {
    "thanks": "elements-thanks.txt",
    "pleasure": "elements-pleasure.txt",
    "interest": "elements-interest-cues.txt",
    "detail": "elements-detail-cues.txt",
}
# Generic references a detector must not take for a learned detail (issue 14, CONTRACT.md).
GENERIC_REFERENCES = (
    "company culture",
    "current projects",
    "learn more about the role",
    "learning more about",
    "learning more about the position",
    "learning more about the role",
    "next steps",
    "the company culture",
    "the information you shared",
    "the opportunity",
    "the position",
    "the responsibilities",
    "the role",
    "the team and position",
    "the team and the position",
    "your company",
    "your company culture",
    "your current projects",
    "your innovative approach",
    "your management style",
    "your mission",
    "your organization",
    "your team",
)

# Withdrawing, or having accepted elsewhere: the letter states no continued interest.
WITHDRAWAL = (
    "accepted a position",
    "accepted an offer",
    "accepted another",
    "decided to accept",
    "decided to pursue",
    "decline",
    "declining",
    "no longer",
    "remove my application",
    "remove my name",
    "rescind",
    "turn down",
    "withdraw",
    "withdrawing",
)

# Ways real letters state interest that the rule cues do not know (read in real train and dev
# letters; CONTRACT.md: a hope to be considered is interest, a claim of fit is not).
INTEREST_EXTRA = (
    "become part of",
    "chance to possibly work",
    "consider me for",
    "considered for future",
    "contribute to",
    "excitement about this opportunity",
    "future openings",
    "future opportunities",
    "future vacancies",
    "keep me in mind",
    "most want",
    "passion for",
    "passion towards",
    "reapply",
    "renew my application",
    "work together",
)

# The cue feature that marks another sentence of a letter with the element as carrying it too.
CUE_LABELS = {"thanks": "cue:thanks", "pleasure": "cue:pleasure"}


def split_of(source_id: str) -> str:
    """The fixed split of a real source (the same rule as the corpus)."""
    h = int(hashlib.sha256(source_id.encode()).hexdigest(), 16) % 10
    return "train" if h <= 5 else "dev" if h <= 7 else "test"


@dataclass
class Letter:
    id: str
    corpus: str  # "synthetic" or "real"
    split: str
    text: str
    source: str
    labels: dict[str, bool]
    evidence: dict[str, str]
    sentences: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """A real letters file read up to ``lines`` complete lines."""

    path: str
    lines: int
    sha256: str


def read_prefix(path: Path, lines: int | None = None) -> tuple[list[str], str]:
    """The complete lines of a JSON Lines file (the first ``lines`` of them), and their hash."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], hashlib.sha256(b"").hexdigest()
    complete = data.split(b"\n")[:-1]  # a last line without "\n" may still be being written
    if lines is not None:
        complete = complete[:lines]
    raw = b"".join(line + b"\n" for line in complete)
    return [line.decode("utf-8") for line in complete], hashlib.sha256(raw).hexdigest()


def load_letters(
    real: Sequence[tuple[Path, int | None]],
) -> tuple[list[Letter], list[Source], str]:
    letters: list[Letter] = []
    seen: set[str] = set()
    syn_lines, syn_hash = read_prefix(SYNTHETIC)
    for line in syn_lines:
        row = json.loads(line)
        letters.append(_letter(row, "synthetic", row["split"]))
        seen.add(row["text"])
    sources = []
    for path, limit in real:
        lines, digest = read_prefix(path, limit)
        sources.append(Source(_shown(path), len(lines), digest))
        for line in lines:
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(row, dict) or "text" not in row or "source_id" not in row:
                continue
            if row["text"] in seen:
                continue  # the same letter from two collectors
            seen.add(row["text"])
            # the corpus's own split (grouped by source); the hash rule for collectors' files
            split = row.get("split") or split_of(str(row["source_id"]))
            letters.append(_letter(row, "real", split))
    return letters, sources, syn_hash


def _letter(row: dict[str, Any], corpus: str, split: str) -> Letter:
    evidence = row.get("evidence") or {}
    return Letter(
        id=str(row["id"]),
        corpus=corpus,
        split=split,
        text=row["text"],
        source=str(row.get("source_id", "synthetic")),
        labels={e: bool(row.get(e)) for e in ELEMENTS},
        evidence={k: v for k, v in evidence.items() if isinstance(v, str)},
    )


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


@cache
def _rules_nlp() -> Any:
    from tonecheck.pipeline import build_nlp

    return build_nlp(element_detector="rules")


def rules_elements(text: str) -> dict[str, bool]:
    """The elements the cue rules find (the detector the model is compared with)."""
    return {e: v is not None for e, v in _rules_nlp()(text)._.tonecheck_elements.items()}


def add_sentences(letters: Iterable[Letter]) -> None:
    from tonecheck.config import Settings
    from tonecheck.linter import get_nlp

    nlp = get_nlp(Settings())
    with nlp.select_pipes(enable=["tonecheck_sentences"]):
        for letter in letters:
            doc = nlp(letter.text)
            letter.sentences = [(s, e) for s, e in doc._.tonecheck_sentences]


def sentence_labels(
    letter: Letter, element: str, feats: list[dict[str, float]] | None = None
) -> list[tuple[int, float]]:
    """Per sentence: (1 if it carries the element else 0, its weight in training; 0 leaves it out).
    With ``feats``, another sentence of a letter with thanks or pleasure that has that element's
    cue (not vetoed) counts as carrying it too ("Thank you again for your time")."""
    n = len(letter.sentences)
    if not letter.labels[element]:
        return [(0, 1.0)] * n
    ev = letter.evidence.get(element)
    start = letter.text.find(ev) if ev else -1
    if start < 0:
        return [(0, 0.0)] * n  # the evidence is not in the text: nothing known per sentence
    end = start + len(ev or "")
    other = OTHER_SENTENCES_WEIGHT[element]
    labels = [(1, 1.0) if s < end and start < e else (0, other) for s, e in letter.sentences]
    cue = CUE_LABELS.get(element)
    if feats is not None and cue is not None:
        labels = [(1, 1.0) if cue in f else label for label, f in zip(labels, feats, strict=True)]
    return labels


# --- the model's vocabulary and data -----------------------------------------------------------


def parse_cues() -> dict[str, list[str]]:
    from tonecheck.data import phrase_file, word_set

    groups: dict[str, set[str]] = {}
    for key, name in CUE_FILES.items():
        for entry in phrase_file(name):
            suffix = "_exc" if entry.exception else ""
            if entry.strong:
                suffix = "_after" if key == "detail" else "_strong"
            groups.setdefault(key + suffix, set()).add(" ".join(tokens(entry.phrase)))
    groups["interest_target"] = {
        " ".join(tokens(w)) for w in word_set("elements-interest-targets.txt")
    }
    groups["generic"] = {" ".join(tokens(w)) for w in word_set("elements-generic.txt")}
    groups["generic_ref"] = {" ".join(tokens(p)) for p in GENERIC_REFERENCES}
    groups["withdrawal"] = {" ".join(tokens(p)) for p in WITHDRAWAL}
    groups["interest_extra"] = {" ".join(tokens(p)) for p in INTEREST_EXTRA}
    return {k: sorted(p for p in v if p) for k, v in sorted(groups.items())}


def common_words(n: int) -> list[str]:
    from wordfreq import top_n_list

    words = []
    for w in top_n_list("en", n * 2):
        if w.isalpha() and w.isascii():
            words.append(w)
        if len(words) == n:
            break
    return sorted(words)


def base_model(cues: dict[str, list[str]], common: list[str]) -> ElementModel:
    """A model with every weight zero: used for its feature function at train time."""
    return ElementModel(
        {
            "format": MODEL_FORMAT,
            "elements": list(ELEMENTS),
            "thresholds": dict.fromkeys(ELEMENTS, 0.5),
            "intercepts": dict.fromkeys(ELEMENTS, 0.0),
            "weights": {},
            "common_words": common,
            "cues": cues,
        }
    )


def letter_features(model: ElementModel, letter: Letter) -> list[dict[str, float]]:
    n = len(letter.sentences)
    return [
        model.features(letter.text[s:e], SentenceContext(i, n))
        for i, (s, e) in enumerate(letter.sentences)
    ]


# --- evaluation --------------------------------------------------------------------------------


def prf(pred_missing: Sequence[bool], gold_missing: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred_missing, gold_missing, strict=True))
    fp = sum(p and not g for p, g in zip(pred_missing, gold_missing, strict=True))
    fn = sum(g and not p for p, g in zip(pred_missing, gold_missing, strict=True))
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def f1_missing(best: Sequence[float], gold: Sequence[bool], threshold: float) -> float:
    return prf([b < threshold for b in best], [not g for g in gold])[2]


def choose_threshold(
    real: tuple[list[float], list[bool]], syn: tuple[list[float], list[bool]]
) -> float:
    """The threshold maximising real dev F1 of "missing E", among the thresholds that keep
    synthetic dev F1 within SYNTHETIC_GUARD of its best (synthetic must not drop). Real dev is
    small and its F1 jumps from one threshold to the next, so it is averaged over a window of
    +-0.05 around each threshold, and thresholds within THRESHOLD_TOLERANCE of the best count as
    tied; among them, the best synthetic dev F1 wins, then the one nearest 0.5."""
    grid = [round(0.05 + 0.01 * i, 2) for i in range(91)]
    f_syn = {t: f1_missing(*syn, t) for t in grid}
    allowed = [t for t in grid if f_syn[t] >= max(f_syn.values()) - SYNTHETIC_GUARD]
    primary = real if real[0] else syn
    raw = [f1_missing(*primary, t) for t in grid]
    smooth = {
        t: sum(raw[max(0, i - 5) : i + 6]) / len(raw[max(0, i - 5) : i + 6])
        for i, t in enumerate(grid)
    }
    best = max(smooth[t] for t in allowed)
    tied = [t for t in allowed if smooth[t] >= best - THRESHOLD_TOLERANCE]
    return max(tied, key=lambda t: (round(f_syn[t], 6), -abs(t - 0.5)))


# --- training ----------------------------------------------------------------------------------


class Design:
    """Sentence features of every letter, and the columns: every feature that is not an n-gram,
    and the n-grams seen in at least MIN_DF sentences of the training letters."""

    def __init__(self, letters: list[Letter], train_letters: list[Letter]) -> None:
        from sklearn.feature_extraction import DictVectorizer

        self.cues = parse_cues()
        self.common = common_words(COMMON_WORDS)
        fmodel = base_model(self.cues, self.common)
        self.feats = {lt.id: letter_features(fmodel, lt) for lt in letters}
        df: dict[str, int] = {}
        for lt in train_letters:
            for f in self.feats[lt.id]:
                for name in f:
                    df[name] = df.get(name, 0) + 1
        vocab = sorted(n for n, c in df.items() if c >= MIN_DF or not n.startswith("w:"))
        self.vec = DictVectorizer(sparse=True, sort=True)
        self.vec.fit([dict.fromkeys(vocab, 1.0)])

    def matrix(self, lts: list[Letter]) -> Any:
        return self.vec.transform([f for lt in lts for f in self.feats[lt.id]])


def fit_element(
    design: Design, train_letters: list[Letter], element: str, c_value: float, real_weight: float
) -> Any:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows, y, w = [], [], []
    for lt in train_letters:
        corpus_weight = real_weight if lt.corpus == "real" else 1.0
        for f, (label, weight) in zip(
            design.feats[lt.id], sentence_labels(lt, element, design.feats[lt.id]), strict=True
        ):
            if weight > 0:
                rows.append(f)
                y.append(label)
                w.append(corpus_weight * weight)
    clf = LogisticRegression(C=c_value, class_weight="balanced", max_iter=2000)
    clf.fit(design.vec.transform(rows), np.array(y), sample_weight=np.array(w))
    return clf


def best_per_letter(clf: Any, design: Design, lts: list[Letter]) -> list[float]:
    """Per letter, the highest probability of any of its sentences."""
    if not lts:
        return []
    probs = clf.predict_proba(design.matrix(lts))[:, 1]
    out, i = [], 0
    for lt in lts:
        n = len(lt.sentences)
        out.append(float(max(probs[i : i + n])) if n else 0.0)
        i += n
    return out


def train(
    letters: list[Letter],
    verbose: bool = True,
    configs: dict[str, dict[str, float]] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fit every element over the grid (or only ``configs[element]``, {"C", "real_weight"})."""
    train_letters = [lt for lt in letters if lt.split == "train"]
    design = Design(letters, train_letters)
    dev = {
        c: [lt for lt in letters if lt.split == "dev" and lt.corpus == c]
        for c in ("real", "synthetic")
    }
    chosen: dict[str, dict[str, Any]] = {}
    dev_f1: dict[str, dict[str, float | None]] = {}
    coefs: dict[str, Any] = {}
    rows = []
    for element in ELEMENTS:
        best_key: tuple[float, ...] | None = None
        grid = [(c, rw) for rw in GRID_REAL_WEIGHT for c in GRID_C]
        if configs is not None:
            grid = [(configs[element]["C"], configs[element]["real_weight"])]
        for c_value, real_weight in grid:
            clf = fit_element(design, train_letters, element, c_value, real_weight)
            dev_best = {
                c: (best_per_letter(clf, design, lts), [lt.labels[element] for lt in lts])
                for c, lts in dev.items()
            }
            t = choose_threshold(dev_best["real"], dev_best["synthetic"])
            f_real = f1_missing(*dev_best["real"], t) if dev["real"] else float("nan")
            f_syn = f1_missing(*dev_best["synthetic"], t)
            score = (0.0 if math.isnan(f_real) else f_real) + f_syn
            rows.append((element, c_value, real_weight, t, f_real, f_syn))
            key = (round(score, 6), -c_value, -real_weight)
            if best_key is None or key > best_key:
                best_key = key
                chosen[element] = {"C": c_value, "real_weight": real_weight, "threshold": t}
                dev_f1[element] = {
                    "real": _round(f_real) if dev["real"] else None,
                    "synthetic": _round(f_syn),
                }
                coefs[element] = (clf.coef_[0].copy(), float(clf.intercept_[0]))
    if verbose:
        print("element             C     real_w  thr   F1 real dev  F1 syn dev")
        for element, c_value, rw, t, fr, fs in rows:
            pick = chosen[element]
            mark = "*" if (pick["C"], pick["real_weight"]) == (c_value, rw) else " "
            print(f"{mark}{element:<18} {c_value:<5} {rw:<7} {t:<5} {fr:11.3f}  {fs:10.3f}")

    names = design.vec.get_feature_names_out()
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(names):
        ws = [_round(coefs[e][0][j]) for e in ELEMENTS]
        if any(ws):
            weights[str(name)] = ws
    data = {
        "format": MODEL_FORMAT,
        "elements": list(ELEMENTS),
        "thresholds": {e: chosen[e]["threshold"] for e in ELEMENTS},
        "intercepts": {e: _round(coefs[e][1]) for e in ELEMENTS},
        "weights": weights,
        "common_words": design.common,
        "cues": design.cues,
        "config": {e: {k: v for k, v in chosen[e].items() if k != "threshold"} for e in ELEMENTS},
        "dev_f1_missing": dev_f1,
        "dev_letters": {c: len(v) for c, v in dev.items()},
    }
    return data, chosen


def cross_validate(
    letters: list[Letter], elements: Sequence[str] = ELEMENTS, folds: int = 5
) -> None:
    """Diagnostics: real train + dev letters in folds grouped by source; each fold scored by a model
    trained on synthetic train and the other folds (real test is not touched)."""

    real = [lt for lt in letters if lt.corpus == "real" and lt.split in ("train", "dev")]
    syn_train = [lt for lt in letters if lt.corpus == "synthetic" and lt.split == "train"]
    fold_of = {
        lt.id: int(hashlib.sha256(lt.source.encode()).hexdigest(), 16) % folds for lt in real
    }
    design = Design(letters, syn_train + real)
    print(f"\ncross-validation over {len(real)} real train+dev letters, {folds} folds by source")
    print(f"{'element':<20}{'C':>5}{'rw':>5}{'F1@0.5':>8}{'best t':>8}{'F1@best':>8}{'rules':>8}")
    rules = [rules_elements(lt.text) for lt in real]
    for element in elements:
        gold = [lt.labels[element] for lt in real]
        f_rules = prf([not r[element] for r in rules], [not g for g in gold])[2]
        for real_weight in GRID_REAL_WEIGHT:
            for c_value in GRID_C:
                oof = [0.0] * len(real)
                for k in range(folds):
                    train_k = syn_train + [lt for lt in real if fold_of[lt.id] != k]
                    held = [i for i, lt in enumerate(real) if fold_of[lt.id] == k]
                    if not held:
                        continue
                    clf = fit_element(design, train_k, element, c_value, real_weight)
                    for i, p in zip(
                        held, best_per_letter(clf, design, [real[i] for i in held]), strict=True
                    ):
                        oof[i] = p
                grid = [round(0.05 + 0.01 * i, 2) for i in range(91)]
                t_best = max(grid, key=lambda t: f1_missing(oof, gold, t))
                print(
                    f"{element:<20}{c_value:>5}{real_weight:>5}{f1_missing(oof, gold, 0.5):8.3f}"
                    f"{t_best:8.2f}{f1_missing(oof, gold, t_best):8.3f}{f_rules:8.3f}"
                )


def _round(x: float) -> float:
    r = round(float(x), DIGITS)
    return 0.0 if r == 0 else r


def dump(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


# --- the letter-level report -------------------------------------------------------------------


def report(model: ElementModel, letters: list[Letter], final: bool) -> None:

    groups = [("synthetic test", "synthetic", "test"), ("real dev", "real", "dev")]
    if final:
        groups.append(("real test", "real", "test"))
    print()
    print('Letter-level P / R / F1 of "missing E" (positive class: the element is absent)')
    for title, corpus, split in groups:
        lts = [lt for lt in letters if lt.corpus == corpus and lt.split == split]
        if not lts:
            print(f"\n## {title}: no letters")
            continue
        rules = [rules_elements(lt.text) for lt in lts]
        found = [model.find(lt.text, lt.sentences) for lt in lts]
        missing = {e: sum(not lt.labels[e] for lt in lts) for e in ELEMENTS}
        print(f"\n## {title} ({len(lts)} letters; missing: {missing})")
        print(
            f"{'element':<20}{'rules':>20}{'model':>20}{'model OR rules':>20}{'model AND rules':>20}"
        )
        for e in ELEMENTS:
            gold = [not lt.labels[e] for lt in lts]
            r = [not x[e] for x in rules]
            m = [x[e] is None for x in found]
            union = [a and b for a, b in zip(r, m, strict=True)]  # missing only if both miss it
            inter = [a or b for a, b in zip(r, m, strict=True)]
            cells = [_cell(prf(p, gold)) for p in (r, m, union, inter)]
            print(f"{e:<20}" + "".join(f"{c:>20}" for c in cells))


def speed(model: ElementModel, letters: list[Letter]) -> None:
    """CPU time of ``model.find`` per letter (sentences given, as at run time), best of 7 runs."""
    import time
    import timeit

    sample = [lt for lt in letters if lt.corpus == "synthetic" and lt.split == "test"]
    n_sent = sum(len(lt.sentences) for lt in sample) / len(sample)

    def run() -> None:
        for lt in sample:
            model.find(lt.text, lt.sentences)

    def lint() -> None:
        for lt in sample:
            tonecheck.lint_text(lt.text)

    import tonecheck

    lint()  # warm up the pipeline
    best = min(timeit.Timer(run, timer=time.process_time).repeat(repeat=7, number=3)) / 3
    whole = min(timeit.Timer(lint, timer=time.process_time).repeat(repeat=3, number=1))
    print(
        f"\nscoring: {1000 * best / len(sample):.3f} ms CPU a letter (all four elements, "
        f"{n_sent:.1f} sentences a letter, {len(sample)} synthetic test letters); "
        f"lint_text today: {1000 * whole / len(sample):.2f} ms a letter"
    )


def _cell(v: tuple[float, float, float]) -> str:
    return f"{v[0]:.2f}/{v[1]:.2f}/{v[2]:.2f}"


# --- main --------------------------------------------------------------------------------------


def real_inputs(specs: Sequence[str]) -> list[tuple[Path, int | None]]:
    out: list[tuple[Path, int | None]] = []
    for spec in specs:
        pattern, _, limit = spec.partition("::")
        pat = Path(pattern)
        paths = sorted(str(p) for p in pat.parent.glob(pat.name))
        if not paths and not any(c in pattern for c in "*?["):
            paths = [pattern]  # a missing file is read as empty; a pattern matching none, skipped
        for p in paths:
            out.append((Path(p), int(limit) if limit else None))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--real", nargs="*", default=DEFAULT_REAL, help="real letters (PATH[::LINES])"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--report", action="store_true", help="print the letter-level table")
    parser.add_argument("--no-train", action="store_true", help="report on the model at --out")
    parser.add_argument("--final", action="store_true", help="also report on real test")
    parser.add_argument("--speed", action="store_true", help="time the scoring of a letter")
    parser.add_argument("--cv", action="store_true", help="cross-validate on real train+dev")
    parser.add_argument("--elements", nargs="*", default=list(ELEMENTS), help="for --cv")
    parser.add_argument(
        "--reproduce",
        type=Path,
        help="retrain from the inputs and configuration recorded in --out, write to REPRODUCE",
    )
    parser.add_argument("--full-grid", action="store_true", help="--reproduce: search the grid too")
    args = parser.parse_args(argv)

    if args.reproduce:
        recorded = json.loads(args.out.read_text(encoding="utf-8"))["training"]
        specs = [f"{_resolve(s['path'])}::{s['lines']}" for s in recorded["real"]]
        letters, sources, syn_hash = load_letters(real_inputs(specs))
        if syn_hash != recorded["synthetic_sha256"] or [s.sha256 for s in sources] != [
            s["sha256"] for s in recorded["real"]
        ]:
            print("the recorded training inputs are not available as they were", file=sys.stderr)
            return 3
        add_sentences(letters)
        configs = None if args.full_grid else json.loads(args.out.read_text("utf-8"))["config"]
        data, _ = train(letters, verbose=False, configs=configs)
        data["training"] = recorded
        args.reproduce.write_text(dump(data), encoding="utf-8")
        return 0

    letters, sources, syn_hash = load_letters(real_inputs(args.real))
    add_sentences(letters)
    counts: dict[tuple[str, str], int] = {}
    for lt in letters:
        counts[lt.corpus, lt.split] = counts.get((lt.corpus, lt.split), 0) + 1
    print("letters:", ", ".join(f"{c} {s} {n}" for (c, s), n in sorted(counts.items())))
    if args.cv:
        cross_validate(letters, args.elements)
        return 0
    if not args.no_train:
        data, _ = train(letters)
        data["training"] = {
            "synthetic_sha256": syn_hash,
            "real": [{"path": s.path, "lines": s.lines, "sha256": s.sha256} for s in sources],
        }
        text = dump(data)
        args.out.write_text(text, encoding="utf-8")
        print(
            f"wrote {_shown(args.out)} ({len(text.encode()) / 1024:.0f} KiB, {len(data['weights'])} features)"
        )
        print("thresholds:", data["thresholds"])
    if args.report:
        report(ElementModel.load(args.out), letters, args.final)
    if args.speed:
        speed(ElementModel.load(args.out), letters)
    return 0


def _resolve(path: str) -> Path:
    p = Path(path)
    return p if p.is_absolute() else ROOT / p


if __name__ == "__main__":
    raise SystemExit(main())
