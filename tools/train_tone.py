"""Training and evaluating the tone classifier: the only code that writes ``models/``.

``python tools/train_tone.py`` (from the repository root; needs the ``[train]`` extra):
1. verifies the corpus checksums and reads the fixed splits;
2. lints every letter (the classifier's rule features come from the lint pipeline);
3. selects the feature set (rules only, n-grams only, both) and the regularisation by 5-fold
   cross-validation on train+dev, and reports each candidate's dev score when trained on train;
4. fits the chosen model on train+dev and a temperature on its cross-validated scores;
5. evaluates once on the test split, with baselines (majority class, a VADER lexicon-sentiment model,
   rules only);
6. writes ``models/tone-model.json``, ``models/metrics.json``, ``models/MODEL_CARD.md`` and the frozen
   prediction sample the tests pin.

Stock scikit-learn parts only; every random_state is fixed, so training twice gives the same model.
"""

from __future__ import annotations

import argparse
import json
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from scipy.optimize import minimize_scalar
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    log_loss,
    precision_recall_fscore_support,
    roc_auc_score,
)
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

import corpus
from tonecheck import __version__
from tonecheck.config import Settings
from tonecheck.findings import TONES, Report
from tonecheck.tone.features import NUMERIC_FEATURES, numeric_features
from tonecheck.tone.model import MODEL_FORMAT

SEED = 20261127
MODELS_DIR = corpus.REPO_ROOT / "models"
GOLDEN_SAMPLE = corpus.REPO_ROOT / "tests" / "golden" / "tone_sample.json"
FEATURE_SETS = ("rules", "ngrams", "both")  # in order of complexity
C_GRID = (0.1, 0.3, 1.0, 3.0)
WORD = {
    "analyzer": "word",
    "ngram_range": (1, 2),
    "min_df": 2,
    "sublinear_tf": True,
    "max_features": 6000,
}
CHAR = {
    "analyzer": "char_wb",
    "ngram_range": (3, 5),
    "min_df": 3,
    "sublinear_tf": True,
    "max_features": 8000,
}
BLOCK_WEIGHTS = {"numeric": 0.5, "word": 1.0, "char": 1.0}


@dataclass(frozen=True)
class Data:
    """Letters of one or more splits as model inputs."""

    ids: list[str]
    X: np.ndarray  # object array: column 0 the text, then the numeric features
    y: np.ndarray


def lint_letters(letters: Sequence[corpus.Letter]) -> list[Report]:
    """Lint letters with default settings (no tone model involved)."""
    from tonecheck.linter import get_nlp, report_from_doc

    settings = Settings()
    nlp = get_nlp(settings)
    docs = nlp.pipe((x.text for x in letters), batch_size=64)
    return [report_from_doc(doc, x.id, settings) for doc, x in zip(docs, letters, strict=True)]


def make_data(letters: Sequence[corpus.Letter]) -> Data:
    reports = lint_letters(letters)
    rows = []
    for x, r in zip(letters, reports, strict=True):
        feats = numeric_features(r)
        rows.append([x.text, *(feats[n] for n in NUMERIC_FEATURES)])
    X = np.empty((len(rows), 1 + len(NUMERIC_FEATURES)), dtype=object)
    for i, row in enumerate(rows):
        X[i, :] = row
    return Data([x.id for x in letters], X, np.array([x.tone for x in letters]))


def build_pipeline(feature_set: str, C: float) -> Pipeline:
    """The model: a ColumnTransformer of scaled numeric features and TF-IDF blocks, then a
    multinomial logistic regression."""
    numeric_cols = list(range(1, 1 + len(NUMERIC_FEATURES)))
    transformers: list[tuple[str, Any, Any]] = []
    if feature_set in ("rules", "both"):
        transformers.append(("numeric", StandardScaler(), numeric_cols))
    if feature_set in ("ngrams", "both"):
        transformers.append(("word", TfidfVectorizer(**WORD), 0))
        transformers.append(("char", TfidfVectorizer(**CHAR), 0))
    weights = {name: BLOCK_WEIGHTS[name] for name, _, _ in transformers}
    columns = ColumnTransformer(transformers, transformer_weights=weights, sparse_threshold=1.0)
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced", random_state=SEED)
    return Pipeline([("features", columns), ("model", model)])


def _metrics(y_true: np.ndarray, proba: np.ndarray, classes: Sequence[str]) -> dict[str, Any]:
    pred = np.array(classes)[proba.argmax(axis=1)]
    cool = list(classes).index("cool_cordial")
    p, r, f, s = precision_recall_fscore_support(y_true, pred, labels=list(TONES), zero_division=0)
    return {
        "macro_f1": round(float(f1_score(y_true, pred, average="macro")), 4),
        "accuracy": round(float(accuracy_score(y_true, pred)), 4),
        "auc_cool_vs_rest": round(
            float(roc_auc_score(y_true == "cool_cordial", proba[:, cool])), 4
        ),
        "per_class": {
            t: {
                "precision": round(float(p[i]), 4),
                "recall": round(float(r[i]), 4),
                "f1": round(float(f[i]), 4),
                "support": int(s[i]),
            }
            for i, t in enumerate(TONES)
        },
        "confusion_matrix": {
            "labels": list(TONES),
            "rows_true_cols_pred": confusion_matrix(y_true, pred, labels=list(TONES)).tolist(),
        },
    }


def _cv() -> StratifiedKFold:
    return StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)


def _cv_scores(pipe_factory: Any, data: Data) -> tuple[np.ndarray, list[float]]:
    """Out-of-fold probabilities and the macro-F1 of each fold."""
    classes = sorted(set(data.y))
    proba = np.zeros((len(data.y), len(classes)))
    folds = []
    for fit_idx, val_idx in _cv().split(data.X, data.y):
        pipe = pipe_factory().fit(data.X[fit_idx], data.y[fit_idx])
        proba[val_idx] = pipe.predict_proba(data.X[val_idx])
        pred = np.array(classes)[proba[val_idx].argmax(axis=1)]
        folds.append(float(f1_score(data.y[val_idx], pred, average="macro")))
    return proba, folds


def select(train: Data, dev: Data, both: Data) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Cross-validate every candidate on train+dev (and score each on dev after fitting on train),
    then pick by the one-standard-error rule: the simplest candidate (fewest features, then the
    strongest regularisation) whose mean CV macro-F1 is within one standard error of the best.
    Simpler models are preferred because the corpus is small and written for the project: a model
    that leans on its style would not carry over to letters written elsewhere."""
    results = []
    for feature_set in FEATURE_SETS:
        for C in C_GRID:
            proba, folds = _cv_scores(lambda fs=feature_set, c=C: build_pipeline(fs, c), both)
            cv = _metrics(both.y, proba, sorted(set(both.y)))
            fitted = build_pipeline(feature_set, C).fit(train.X, train.y)
            dev_m = _metrics(dev.y, fitted.predict_proba(dev.X), list(fitted.classes_))
            results.append(
                {
                    "feature_set": feature_set,
                    "C": C,
                    "cv_macro_f1": round(float(np.mean(folds)), 4),
                    "cv_macro_f1_se": round(float(np.std(folds, ddof=1) / np.sqrt(len(folds))), 4),
                    "cv_auc": cv["auc_cool_vs_rest"],
                    "dev_macro_f1": dev_m["macro_f1"],
                    "dev_auc": dev_m["auc_cool_vs_rest"],
                }
            )
    best = max(results, key=lambda r: (r["cv_macro_f1"], r["cv_auc"]))
    threshold = best["cv_macro_f1"] - best["cv_macro_f1_se"]
    eligible = [r for r in results if r["cv_macro_f1"] >= threshold]
    chosen = min(eligible, key=lambda r: (FEATURE_SETS.index(r["feature_set"]), r["C"]))
    return {
        **chosen,
        "rule": "one standard error",
        "best_cv": best["feature_set"] + f" C={best['C']}",
    }, results


def fit_temperature(pipe_factory: Any, data: Data) -> tuple[float, dict[str, float]]:
    """A temperature for the softmax, fitted on cross-validated class scores (log loss)."""
    scores = cross_val_predict(pipe_factory(), data.X, data.y, cv=_cv(), method="decision_function")
    classes = sorted(set(data.y))
    y_idx = np.array([classes.index(t) for t in data.y])

    def nll(t: float) -> float:
        z = scores / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y_idx)), y_idx].mean())

    res = minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded")
    t = float(res.x)
    return t, {"cv_log_loss_before": round(nll(1.0), 4), "cv_log_loss_after": round(nll(t), 4)}


def vader_baseline(train: Data, test: Data) -> dict[str, Any] | None:
    """A lexicon-sentiment baseline: VADER's four scores and the '!' count, logistic regression."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    sia = SentimentIntensityAnalyzer()

    def feats(d: Data) -> np.ndarray:
        out = []
        for text in d.X[:, 0]:
            s = sia.polarity_scores(text)
            out.append([s["neg"], s["neu"], s["pos"], s["compound"], text.count("!")])
        return np.array(out)

    model = Pipeline(
        [
            ("scale", StandardScaler()),
            ("lr", LogisticRegression(class_weight="balanced", max_iter=2000, random_state=SEED)),
        ]
    )
    model.fit(feats(train), train.y)
    return _metrics(test.y, model.predict_proba(feats(test)), list(model.classes_))


def export(pipe: Pipeline, temperature: float) -> dict[str, Any]:
    """The fitted pipeline as plain JSON weights (no pickle)."""
    columns: ColumnTransformer = pipe.named_steps["features"]
    lr: LogisticRegression = pipe.named_steps["model"]
    coef = lr.coef_
    blocks: dict[str, Any] = {}
    offset = 0
    numeric: dict[str, Any] = {"names": list(NUMERIC_FEATURES), "mean": [], "scale": []}
    for name, transformer, _cols in columns.transformers_:
        if name == "remainder":
            continue
        if name == "numeric":
            width = len(NUMERIC_FEATURES)
            numeric["mean"] = [float(v) for v in transformer.mean_]
            numeric["scale"] = [float(v) for v in transformer.scale_]
            block: dict[str, Any] = {}
        else:
            vocab = transformer.get_feature_names_out().tolist()
            width = len(vocab)
            block = {
                "analyzer": transformer.analyzer,
                "ngram_range": list(transformer.ngram_range),
                "sublinear_tf": bool(transformer.sublinear_tf),
                "vocabulary": vocab,
                "idf": [float(f"{v:.8g}") for v in transformer.idf_],
            }
        block["weight"] = float(columns.transformer_weights[name])
        block["coef"] = [
            [float(f"{v:.8g}") for v in coef[k, offset : offset + width]]
            for k in range(coef.shape[0])
        ]
        blocks[name] = block
        offset += width
    return {
        "format": MODEL_FORMAT,
        "classes": [str(c) for c in lr.classes_],
        "numeric": numeric,
        "blocks": blocks,
        "intercept": [float(v) for v in lr.intercept_],
        "temperature": round(temperature, 6),
    }


def train(out_dir: Path = MODELS_DIR, write: bool = True) -> dict[str, Any]:
    """Run the whole procedure; returns the metrics (and writes the files when ``write``)."""
    corpus.verify_checksums()
    letters = corpus.load()
    by_split = {s: [x for x in letters if x.split == s] for s in corpus.SPLITS}
    data = {s: make_data(v) for s, v in by_split.items()}
    train_d, dev_d, test_d = data["train"], data["dev"], data["test"]
    both = Data(
        train_d.ids + dev_d.ids,
        np.vstack([train_d.X, dev_d.X]),
        np.concatenate([train_d.y, dev_d.y]),
    )
    best, candidates = select(train_d, dev_d, both)

    def factory() -> Pipeline:
        return build_pipeline(best["feature_set"], best["C"])

    temperature, calibration = fit_temperature(factory, both)
    final = factory().fit(both.X, both.y)
    exported = export(final, temperature)

    # The test split, touched once: the chosen model and the baselines.
    def calibrated(pipe: Pipeline, X: np.ndarray, t: float) -> np.ndarray:
        z = np.asarray(pipe.decision_function(X), dtype=float) / t
        z = np.exp(z - z.max(axis=1, keepdims=True))
        out: np.ndarray = z / z.sum(axis=1, keepdims=True)
        return out

    classes = [str(c) for c in final.classes_]
    test_proba = calibrated(final, test_d.X, temperature)
    test_metrics = _metrics(test_d.y, test_proba, classes)
    test_metrics["log_loss"] = round(float(log_loss(test_d.y, test_proba, labels=classes)), 4)
    majority = max(set(both.y), key=list(both.y).count)
    maj_proba = np.array([[1.0 if c == majority else 0.0 for c in classes]] * len(test_d.y))
    baselines: dict[str, Any] = {"majority_class": _metrics(test_d.y, maj_proba, classes)}
    baselines["majority_class"]["auc_cool_vs_rest"] = 0.5
    vader = vader_baseline(both, test_d)
    if vader is not None:
        baselines["vader_lexicon_sentiment"] = vader
    if best["feature_set"] != "rules":
        rules_only = build_pipeline("rules", best["C"]).fit(both.X, both.y)
        baselines["rules_only"] = _metrics(
            test_d.y, rules_only.predict_proba(test_d.X), list(rules_only.classes_)
        )
    # How the score ranks letters on dev when fitted on train only (the learning curve is in the
    # notebook).
    metrics = {
        "tonecheck_version": __version__,
        "model_file": "tone-model.json",
        "corpus_sha256": corpus.sha256(corpus.LETTERS_PATH),
        "corpus_letters": {s: len(v) for s, v in by_split.items()},
        "selected": best,
        "candidates": candidates,
        "calibration": {"temperature": round(temperature, 4), **calibration},
        "test": test_metrics,
        "baselines_test": baselines,
        "versions": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
        },
        "seed": SEED,
    }
    sample_ids = sorted(test_d.ids)[:: max(1, len(test_d.ids) // 20)][:20]
    index = {i: n for n, i in enumerate(test_d.ids)}
    sample = [
        {
            "id": i,
            "probabilities": dict(zip(classes, map(float, test_proba[index[i]]), strict=True)),
        }
        for i in sample_ids
    ]
    if write:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "tone-model.json").write_text(
            json.dumps(exported, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
        )
        (out_dir / "metrics.json").write_text(
            json.dumps(metrics, indent=2) + "\n", encoding="utf-8"
        )
        GOLDEN_SAMPLE.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN_SAMPLE.write_text(json.dumps(sample, indent=1) + "\n", encoding="utf-8")
        (out_dir / "MODEL_CARD.md").write_text(model_card(metrics), encoding="utf-8")
    metrics["_exported"] = exported
    return metrics


def _row(name: str, m: dict[str, Any]) -> str:
    return f"| {name} | {m['macro_f1']:.3f} | {m['accuracy']:.3f} | {m['auc_cool_vs_rest']:.3f} |"


def model_card(m: dict[str, Any]) -> str:
    """The model card, written from the metrics of this training run."""
    t = m["test"]
    cm = t["confusion_matrix"]["rows_true_cols_pred"]
    labels = t["confusion_matrix"]["labels"]
    cm_rows = "\n".join(
        f"| **{labels[i]}** | " + " | ".join(str(v) for v in row) + " |" for i, row in enumerate(cm)
    )
    base = "\n".join(_row(k.replace("_", " "), v) for k, v in m["baselines_test"].items())
    cands = "\n".join(
        f"| {c['feature_set']} | {c['C']} | {c['cv_macro_f1']:.3f} ± {c['cv_macro_f1_se']:.3f} "
        f"| {c['cv_auc']:.3f} | "
        f"{c['dev_macro_f1']:.3f} | {c['dev_auc']:.3f} |"
        for c in m["candidates"]
    )
    per = "\n".join(
        f"| {k} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |"
        for k, v in t["per_class"].items()
    )
    sel = m["selected"]
    blocks = {
        "rules": f"the {len(NUMERIC_FEATURES)} numeric features from the lint pipeline (findings per "
        "100 words by category, the four elements, length, reading grade, punctuation, lexicon "
        "counts), standardised",
        "ngrams": "word 1-2-gram TF-IDF and character 3-5-gram TF-IDF (within words)",
    }
    used = (
        blocks["rules"] + "; " + blocks["ngrams"]
        if sel["feature_set"] == "both"
        else blocks[sel["feature_set"]]
    )
    return f"""# Model card: tonecheck tone classifier

*Written by `python tools/train_tone.py` from `metrics.json`; do not edit by hand.*

## What it does
Scores how cool and cordial a job-interview follow-up letter reads: `score` = 100 x P(cool_cordial),
and `tone`, the most probable of `cool_cordial`, `effusive`, `curt`, `pushy` (definitions in CONTRACT.md
and `corpora/GUIDE.md`). The JSON output also lists the **drivers**: the features that pushed the letter
most toward its tone.

## Intended use
A second opinion beside tonecheck's rules, for a job seeker revising a draft or a coach triaging many
letters. Not for judging candidates, not for hiring decisions, not for other kinds of writing.

## Model
A multinomial logistic regression (scikit-learn {m["versions"]["scikit-learn"]}, `class_weight="balanced"`,
`random_state={m["seed"]}`) over a `ColumnTransformer` of {used}. Selected by 5-fold
cross-validation on train+dev with the one-standard-error rule (the simplest candidate within one
standard error of the best mean macro-F1; the best was {sel["best_cv"]}): feature set
**{sel["feature_set"]}**, C = {sel["C"]}. Why the simplest: the corpus is small and written for the
project, so a model that leans on its wording would not carry over to letters written elsewhere; the
rule features encode the advice itself. Probabilities are calibrated by a temperature ({m["calibration"]["temperature"]}) fitted
on cross-validated scores (CV log loss {m["calibration"]["cv_log_loss_before"]} ->
{m["calibration"]["cv_log_loss_after"]}). Shipped as plain JSON weights (`tone-model.json`), scored at run
time without scikit-learn or pickle.

## Training data
The project's corpus (`corpora/`, sha256 `{m["corpus_sha256"][:16]}...`): {m["corpus_letters"]["train"]}
train, {m["corpus_letters"]["dev"]} dev and {m["corpus_letters"]["test"]} test letters, written for the
project and labeled by the guide; fixed splits stratified by tone.

## Results on the held-out test split (never used for selection or calibration)
| model | macro-F1 | accuracy | ROC AUC (cool vs rest) |
|---|---|---|---|
{_row("**tonecheck classifier**", t)}
{base}

Per class (test):

| tone | precision | recall | F1 | letters |
|---|---|---|---|---|
{per}

Confusion matrix (test; rows true, columns predicted):

| | {" | ".join(labels)} |
|---|{"---|" * len(labels)}
{cm_rows}

## Model selection (train+dev only)
| features | C | CV macro-F1 (± SE) | CV AUC | dev macro-F1 (fit on train) | dev AUC |
|---|---|---|---|---|---|
{cands}

## Limitations
- English only; trained on {sum(m["corpus_letters"].values())} letters written for the project, not on
  letters sent in the wild. Expect lower figures on real letters: the corpus's style is narrower than
  real writing.
- It reads tone, not sincerity or fit for the job; a letter can score well and still be wrong for its
  reader.
- Rule features share the rules' blind spots (sarcasm, subtle pressure).
- Small corpus: per-class figures move by several points with a handful of letters.

## Reproduce
`python tools/train_tone.py` (verifies corpus checksums; fixed seeds; the test suite checks that
retraining reproduces the shipped weights).
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/train_tone.py")
    parser.add_argument("--out", type=Path, default=MODELS_DIR)
    parser.add_argument(
        "--card-only",
        action="store_true",
        help="rewrite MODEL_CARD.md from metrics.json without training",
    )
    args = parser.parse_args(argv)
    if args.card_only:
        metrics = json.loads((args.out / "metrics.json").read_text(encoding="utf-8"))
        (args.out / "MODEL_CARD.md").write_text(model_card(metrics), encoding="utf-8")
        return 0
    m = train(args.out)
    m.pop("_exported")
    print(
        json.dumps(
            {
                "selected": m["selected"],
                "test": {k: m["test"][k] for k in ("macro_f1", "accuracy", "auc_cool_vs_rest")},
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
