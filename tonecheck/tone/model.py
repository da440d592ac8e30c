"""Loading and scoring the shipped tone model (plain JSON weights, no pickle, no scikit-learn).

Score = 100 x P(cool_cordial). Probabilities are a softmax over the linear model's class scores
(divided by a temperature); P(cool_cordial) then goes through a logistic map of its logit fitted on
dev letters of both corpora (``cool_calibration``: slope, intercept), and the other tones share the
rest in their proportions. Drivers: the features
whose contributions favour the predicted tone most, both over the other tones on average and (for a
tone other than cool_cordial) over cool_cordial: the feature's value times the difference of weights.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import mul
from typing import Any

from tonecheck.errors import ModelError
from tonecheck.findings import TONES, Driver, Report, ToneResult
from tonecheck.tone.features import (
    DESCRIPTIONS,
    courteous_term,
    explains,
    function_words_only,
    numeric_features,
)
from tonecheck.tone.vectorize import Tfidf, dot

MODEL_FORMAT = "tonecheck-linear-v1"
MODEL_FILE = "tone-model.json"
_PLACEHOLDER = re.compile(r"\[[^\]\n]*\]|\{[^}\n]*\}")
_FINDING_CATEGORY = {"hyperbole": "hyperbole", "enthusiasm": "enthusiasm", "risk": "risk"}


@dataclass(frozen=True)
class Block:
    """One block of columns of the model: numeric features, word or character n-grams."""

    name: str
    weight: float
    coef: list[list[float]]  # per class, per column


class ToneModel:
    """The shipped classifier, rebuilt from its JSON export."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != MODEL_FORMAT:
            raise ModelError(f"tone model: unknown format {data.get('format')!r}")
        self.meta = data
        self.classes: list[str] = list(data["classes"])
        if sorted(self.classes) != sorted(TONES):
            raise ModelError(f"tone model: classes {self.classes} are not the four tones")
        num = data["numeric"]
        self.numeric_names: list[str] = list(num["names"])
        self.mean: list[float] = list(num["mean"])
        self.scale: list[float] = list(num["scale"])
        self.blocks: dict[str, Block] = {}
        self.vectorizers: dict[str, Tfidf] = {}
        for name, block in data["blocks"].items():
            self.blocks[name] = Block(name, float(block["weight"]), block["coef"])
            if name != "numeric":
                self.vectorizers[name] = Tfidf(
                    block["analyzer"],
                    block["ngram_range"],
                    block["vocabulary"],
                    block["idf"],
                    bool(block["sublinear_tf"]),
                )
        self.intercept: list[float] = list(data["intercept"])
        self.temperature = float(data.get("temperature", 1.0))
        calibration = data.get("cool_calibration", {"slope": 1.0, "intercept": 0.0})
        self.cool_slope = float(calibration["slope"])
        self.cool_intercept = float(calibration["intercept"])
        self._numeric_descriptions = [
            (name, *DESCRIPTIONS.get(name, (name, f"little {name}"))) for name in self.numeric_names
        ]
        # The finding category a numeric feature counts ("risk_per100" -> "risk"), if any: a driver
        # about it points at the first such finding.
        self._feature_category = {
            name: next((v for k, v in _FINDING_CATEGORY.items() if name.startswith(k)), None)
            for name in self.numeric_names
        }
        # Per predicted tone and block: how much each column favours that tone over the other
        # tones on average, and over cool_cordial (see _drivers); computed once, not per letter.
        k_cool = self.classes.index("cool_cordial")
        self._margins: dict[tuple[int, str], tuple[list[float], list[float]]] = {}
        for k_tone in range(len(self.classes)):
            others = [k for k in range(len(self.classes)) if k != k_tone]
            for name, block in self.blocks.items():
                coef = block.coef
                over_rest = [
                    coef[k_tone][col] - sum(coef[k][col] for k in others) / len(others)
                    for col in range(len(coef[k_tone]))
                ]
                over_cool = [
                    coef[k_tone][col] - coef[k_cool][col] for col in range(len(coef[k_tone]))
                ]
                self._margins[(k_tone, name)] = (over_rest, over_cool)

    def _rows(self, report: Report) -> dict[str, dict[int, float]]:
        assert report.text is not None
        feats = numeric_features(report)
        rows: dict[str, dict[int, float]] = {}
        if "numeric" in self.blocks:
            rows["numeric"] = {
                i: (feats[name] - self.mean[i]) / self.scale[i]
                for i, name in enumerate(self.numeric_names)
            }
        for name, vec in self.vectorizers.items():
            rows[name] = vec.transform(report.text)
        return rows

    def _scores(self, rows: dict[str, dict[int, float]]) -> list[float]:
        """The linear class scores (before temperature and softmax)."""
        return [
            self.intercept[k]
            + sum(b.weight * _dot(name, rows[name], b.coef[k]) for name, b in self.blocks.items())
            for k in range(len(self.classes))
        ]

    def predict(self, report: Report, n_drivers: int = 5) -> ToneResult:
        """Score one analysed letter."""
        rows = self._rows(report)
        scores = self._scores(rows)
        probs = self._calibrated(softmax([s / self.temperature for s in scores]))
        by_class = dict(zip(self.classes, probs, strict=True))
        tone = max(by_class, key=lambda c: by_class[c])
        drivers = self._drivers(report, rows, tone, by_class, n_drivers)
        return ToneResult(
            score=100.0 * by_class["cool_cordial"],
            tone=tone,
            probabilities={t: by_class[t] for t in TONES},
            drivers=tuple(drivers),
        )

    def _calibrated(self, probs: list[float]) -> list[float]:
        """P(cool_cordial) through the fitted logistic map; the other tones keep their
        proportions (as ``tools/train_tone.py`` computes it)."""
        k_cool = self.classes.index("cool_cordial")
        p = min(max(probs[k_cool], 1e-6), 1 - 1e-6)
        p_cool = 1.0 / (
            1.0 + math.exp(-(self.cool_slope * math.log(p / (1 - p)) + self.cool_intercept))
        )
        rest = max(1.0 - probs[k_cool], 1e-12)
        out = [v * (1.0 - p_cool) / rest for v in probs]
        out[k_cool] = p_cool
        return out

    def _drivers(
        self,
        report: Report,
        rows: dict[str, dict[int, float]],
        tone: str,
        probs: dict[str, float],
        n: int,
    ) -> list[Driver]:
        k_tone = self.classes.index(tone)
        not_cool = tone != "cool_cordial"
        contributions: list[tuple[float, str, str, str]] = []
        for name, block in self.blocks.items():
            over_rest, over_cool = self._margins[(k_tone, name)]
            for col, value in rows[name].items():
                # How much the feature favours the predicted tone over the other tones on average
                # and, for a tone other than cool_cordial, over cool_cordial too (a feature that
                # separates pushy from curt says nothing about why a curt letter is not cool).
                scaled = block.weight * value
                c = scaled * over_rest[col]
                if not_cool:
                    c = min(c, scaled * over_cool[col])
                if c > 0:
                    feature, description = self._describe(name, col, value)
                    # A reason must read as one: thanking the reader never makes a letter pushy,
                    # its length or dense wording never makes it cool and cordial.
                    if name == "numeric" and not explains(feature, value > 0, tone):
                        continue
                    if name == "word" and (
                        function_words_only(feature) or (not_cool and courteous_term(feature))
                    ):
                        continue
                    if description is not None:
                        contributions.append((c, name, feature, description))
        contributions.sort(reverse=True)
        drivers: list[Driver] = []
        seen: set[str] = set()
        text = report.text or ""
        for c, block_name, feature, description in contributions:
            if description in seen:
                continue
            seen.add(description)
            start = end = None
            if block_name == "word":
                m = re.search(
                    r"(?i)\b" + r"\W+".join(map(re.escape, feature.split())) + r"\b", text
                )
                if m:
                    start, end = m.span()
                    # A word from a template's placeholder ("[NUMBER]") is no reason for a tone.
                    if any(p.start() <= start < p.end() for p in _PLACEHOLDER.finditer(text)):
                        continue
            elif block_name == "numeric" and description == DESCRIPTIONS.get(feature, ("",))[0]:
                category = self._feature_category.get(feature)
                first = next((f for f in report.findings if f.category == category), None)
                if first is not None:
                    start, end = first.start, first.end
            drivers.append(Driver(feature, c, tone, description, start, end))
            if len(drivers) == n:
                break
        return drivers

    def _describe(self, block: str, col: int, value: float) -> tuple[str, str | None]:
        if block == "numeric":
            name, high, low = self._numeric_descriptions[col]
            # standardised: above the corpus mean reads as "high", below as "low"
            return name, high if value > 0 else low
        term = self.vectorizers[block].vocabulary[col]
        if block == "word":
            return term, f"the words '{term}'"
        return term, "its choice of words"


def _dot(block: str, row: dict[int, float], weights: list[float]) -> float:
    """``dot(row, weights)``; the numeric row is dense (columns 0..n-1 in order), so its products
    are summed in the same order without a Python-level loop."""
    if block == "numeric":
        total: float = sum(map(mul, row.values(), weights))
        return total
    return dot(row, weights)


def softmax(values: list[float]) -> list[float]:
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return [e / total for e in exps]


def model_text() -> str:
    """The shipped model's JSON text."""
    try:
        return resources.files("tonecheck.models").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelError(f"tone model not found ({exc})") from None


@cache
def load_model() -> ToneModel:
    """The shipped model, loaded once per process."""
    try:
        data = json.loads(model_text())
    except json.JSONDecodeError as exc:
        raise ModelError(f"tone model is not valid JSON ({exc.msg})") from None
    return ToneModel(data)


@cache
def model_available() -> bool:
    """Whether a shipped model is present."""
    try:
        return resources.files("tonecheck.models").joinpath(MODEL_FILE).is_file()
    except ModuleNotFoundError:
        return False
