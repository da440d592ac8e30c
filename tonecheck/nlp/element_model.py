"""Learned sentence-level detectors for the four elements (thanks, pleasure, learned detail,
continued interest), scored in pure Python from shipped JSON weights.

One logistic regression per element (one-vs-rest) over the features of one sentence: words from a
shipped vocabulary (bigrams were tried: no better on real letters, worse on synthetic dev, slower), the rule cue lists as counts (with negation before an interest
cue), the sentence's place in the letter (first, last, salutation, sign-off, subject line) and, for
learned details, specificity signals (numbers, capitalised words inside the sentence, a
``[placeholder]`` for a topic, content words outside a shipped list of common English words) against
generic references ("the team and position", "the information you shared").

A letter has an element when one of its sentences scores at or above that element's threshold
(thresholds are set on real dev letters by ``tools/train_elements.py``, the only writer of
``models/elements.json``); the evidence is that sentence. The cue lists and the common-words list
are copied into the JSON at training time, so editing ``tonecheck/data`` does not shift a shipped
model's features. No numpy, scikit-learn or wordfreq is imported here.

Use: ``load_element_model().find(text, sentences)`` with tonecheck's sentence offsets
(``doc._.tonecheck_sentences``) gives, per element, the (start, end) of the sentence carrying it,
or None.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from tonecheck.errors import ModelError

MODEL_FORMAT = "tonecheck-elements-v1"
MODEL_FILE = "elements.json"
ELEMENTS = ("thanks", "pleasure", "learned_detail", "continued_interest")

# Template placeholders: "[specific topic]", "{Company}", "(something they mentioned)" (a bracket
# only when its words say it is a placeholder) and blanks to fill in ("____").
_MAYBE_PLACEHOLDER = re.compile(r"[\[{(_]")  # cheap: most sentences have none of these
_PLACEHOLDER = re.compile(
    r"\[[^\]\n]{2,120}\]|\{[^}\n]{2,80}\}|_{3,}"
    r"|\((?=[^)\n]{0,80}\b(?:something|specific|insert|topic|company x|name of)\b)[^)\n]{2,120}\)",
    re.I,
)
# A placeholder is a topic discussed in the interview when it says so; otherwise it is a field of
# the letter (a name, a date, a title) when it names one or is one or two words ("[SLAC]").
_TOPIC_WORDS = re.compile(
    r"specific|topic|project|discuss|mention|initiative|goal|challenge|something|detail|area"
    r"|story|campaign|describ|value|plan|thing|aspect|problem|issue|product|program|insight"
)
_FIELD_WORDS = re.compile(
    r"name|title|company|date|day|phone|email|address|position|role|organi[sz]ation|employer"
    r"|contact|city|zip|interviewer|manager|yesterday|today|job|mr\.|ms\."
)
_TOKEN = re.compile(r"[a-z0-9]+(?=n't)|n't|'[a-z]+|[a-z0-9]+")
# A dated plan or event ("the launch next quarter", "the move last spring", "in Q3"): specific.
_WHEN = re.compile(
    r"\b(?:next|last|this|coming|upcoming|past)\s+(?:quarter|year|month|spring|summer|fall|autumn"
    r"|winter|season|fiscal|january|february|march|april|may|june|july|august|september|october"
    r"|november|december)\b|\bq[1-4]\b",
    re.I,
)
_CAPITALISED = re.compile(r"\b[A-Z][\w'-]*")
_DIGIT = re.compile(r"\d")
_NOT_NAMES = frozenset({"i", "i'm", "i've", "i'd", "i'll"})
_NEGATORS = frozenset({"not", "n't", "never", "no", "nor", "cannot", "longer"})
_SALUTATION = frozenset({"dear", "hi", "hello", "hey", "greetings", "attn", "to"})
_SIGN_OFF = frozenset(
    {"sincerely", "regards", "best", "cheers", "respectfully", "yours", "warmly", "cordially"}
)
_SUBJECT = re.compile(r"\s*(?:subject|re|fwd?)\s*:", re.I)
_PLACEHOLDER_TOKEN = {True: "xxtopic", False: "xxfield"}
_INTEREST_CUES = frozenset({"interest", "interest_strong"})
# (the exception's feature, the veto's feature, the cue features it removes)
_VETOES = (
    ("cue:thanks_exc", "veto:thanks", ("cue:thanks",)),
    ("cue:pleasure_exc", "veto:pleasure", ("cue:pleasure",)),
    (
        "cue:interest_exc",
        "veto:interest",
        ("cue:interest", "cue:interest_strong", "cue:interest+target"),
    ),
)


@dataclass(frozen=True)
class SentenceContext:
    """Where a sentence sits in its letter: its index among ``count`` sentences."""

    index: int = 0
    count: int = 1


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; ``n't`` and ``'s``-style endings split off as spaCy does."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


def is_topic_placeholder(placeholder: str) -> bool:
    """Whether a placeholder stands for a topic (not a name, date or title)."""
    inner = placeholder.lower()
    if _TOPIC_WORDS.search(inner):
        return True
    return not (_FIELD_WORDS.search(inner) or len(inner.split()) <= 2)


class PhraseIndex:
    """Token phrases: one-word phrases by their word, longer ones by their first two words;
    ``find`` yields (group, start) for every occurrence."""

    def __init__(self, groups: dict[str, list[str]]) -> None:
        self.words: dict[str, list[str]] = {}
        self.pairs: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for group in sorted(groups):
            for phrase in groups[group]:
                toks = tuple(phrase.split())
                if len(toks) == 1:
                    self.words.setdefault(toks[0], []).append(group)
                elif toks:
                    self.pairs.setdefault(" ".join(toks[:2]), []).append((group, toks[2:]))

    def find(self, toks: list[str]) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        words, pairs = self.words, self.pairs
        for i in [i for i, tok in enumerate(toks) if tok in words]:
            out.extend((group, i) for group in words[toks[i]])
        bigrams = [a + " " + b for a, b in pairwise(toks)]
        for i in [i for i, pair in enumerate(bigrams) if pair in pairs]:
            for group, rest in pairs[bigrams[i]]:
                if not rest or tuple(toks[i + 2 : i + 2 + len(rest)]) == rest:
                    out.append((group, i))
        return out


class ElementModel:
    """The shipped element detectors, rebuilt from their JSON export."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != MODEL_FORMAT:
            raise ModelError(f"element model: unknown format {data.get('format')!r}")
        self.meta = data
        self.elements: tuple[str, ...] = tuple(data["elements"])
        if sorted(self.elements) != sorted(ELEMENTS):
            raise ModelError(f"element model: elements {self.elements} are not the four elements")
        self.thresholds = {e: float(data["thresholds"][e]) for e in self.elements}
        self.intercepts = [float(data["intercepts"][e]) for e in self.elements]
        # feature -> one weight per element, in ``self.elements`` order: one look-up a feature.
        self.weights: dict[str, list[float]] = {
            name: [float(w) for w in ws] for name, ws in data["weights"].items()
        }
        self.common = frozenset(data["common_words"])
        self.cues = PhraseIndex(data["cues"])

    @classmethod
    def load(cls, path: str | Path | None = None) -> ElementModel:
        """The model at ``path``, or the shipped ``models/elements.json``."""
        try:
            if path is None:
                text = resources.files("tonecheck.models").joinpath(MODEL_FILE).read_text("utf-8")
            else:
                text = Path(path).read_text(encoding="utf-8")
        except (FileNotFoundError, ModuleNotFoundError) as exc:
            raise ModelError(f"element model not found ({exc})") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ModelError(f"element model is not valid JSON ({exc.msg})") from None
        return cls(data)

    def features(
        self, sentence_text: str, context: SentenceContext | None = None
    ) -> dict[str, float]:
        """The features of one sentence (names as in the JSON's ``weights``)."""
        ctx = context or SentenceContext()
        feats: dict[str, float] = {}
        placeholders = (
            _PLACEHOLDER.findall(sentence_text) if _MAYBE_PLACEHOLDER.search(sentence_text) else ()
        )
        body = sentence_text
        for ph in placeholders:
            topic = is_topic_placeholder(ph)
            feats["ph:topic" if topic else "ph:field"] = 1.0
            body = body.replace(ph, f" {_PLACEHOLDER_TOKEN[topic]} ")
        toks = tokens(body)
        has_digit = _DIGIT.search(body) is not None
        grams = ["<num>" if t[0].isdigit() else t for t in toks] if has_digit else toks
        feats.update(dict.fromkeys(["w:" + g for g in grams], 1.0))
        # The rule cue lists: counts per group, an exception group vetoes in the model's weights.
        negated = False
        cue_at = -1  # where the first interest cue starts
        target_at = -1  # where the last interest target starts
        for group, start in self.cues.find(toks):
            feats["cue:" + group] = feats.get("cue:" + group, 0.0) + 1.0
            if group in _INTEREST_CUES:
                cue_at = start if cue_at < 0 else cue_at
                if not _NEGATORS.isdisjoint(toks[max(0, start - 4) : start]):
                    negated = True
            elif group == "interest_target":
                target_at = start
        if negated:
            feats["neg:interest"] = 1.0
        if 0 <= cue_at < target_at:
            feats["cue:interest+target"] = 1.0  # the rule's test: "interested in [the role]"
        # As in the rules, an exception vetoes its element's cues in the whole sentence ("thank you
        # in advance", "no longer interested"): the cue features give way to one veto feature.
        for exception, veto, vetoed in _VETOES:
            if exception in feats:
                for name in vetoed:
                    feats.pop(name, None)
                feats[veto] = 1.0
        if not _NEGATORS.isdisjoint(toks):
            feats["neg:any"] = 1.0
        # Place in the letter.
        first = toks[0] if toks else ""
        if ctx.index == 0:
            feats["pos:first"] = 1.0
        if ctx.index == ctx.count - 1:
            feats["pos:last"] = 1.0
        feats["pos:rel"] = ctx.index / max(1, ctx.count - 1)
        if first in _SALUTATION and len(toks) <= 6:
            feats["line:salutation"] = 1.0
        if first in _SIGN_OFF and len(toks) <= 4:
            feats["line:signoff"] = 1.0
        if _SUBJECT.match(sentence_text):
            feats["line:subject"] = 1.0
        n = len(toks)
        feats["len:log"] = math.log1p(n) / 3.0
        if n <= 4:
            feats["len:short"] = 1.0
        if sentence_text.rstrip().endswith("?"):
            feats["q"] = 1.0
        # Specificity (learned detail).
        if has_digit:
            feats["spec:number"] = 1.0
        if _WHEN.search(body):
            feats["spec:when"] = 1.0
        capitalised = _CAPITALISED.findall(body)
        if capitalised and body.lstrip().startswith(capitalised[0]):
            capitalised = capitalised[1:]  # the first word of the sentence
        caps = sum(1 for w in capitalised if w.lower() not in _NOT_NAMES)
        if caps:
            feats["spec:caps"] = min(caps, 4) / 2.0
        uncommon = [t for t in toks if t not in self.common]
        rare = sum(1 for t in uncommon if len(t) > 3 and t.isalpha() and not t.startswith("xx"))
        if rare:
            feats["spec:rare"] = min(rare, 6) / 3.0
            feats["spec:rare1" if rare == 1 else "spec:rare2+"] = 1.0
        specific = bool(
            rare or caps or "spec:number" in feats or "spec:when" in feats or "ph:topic" in feats
        )
        if "cue:detail" in feats or "cue:detail_after" in feats:
            feats["detail+specific" if specific else "detail+plain"] = 1.0
        if "cue:generic_ref" in feats and not specific:
            feats["generic_only"] = 1.0
        return feats

    def logits(self, feats: dict[str, float]) -> list[float]:
        """The linear scores, one per element: intercept + sum of weight x value."""
        weights = self.weights
        rows = [
            weights[name] if value == 1.0 else [w * value for w in weights[name]]
            for name, value in feats.items()
            if name in weights
        ]
        if not rows:
            return list(self.intercepts)
        return [
            b + sum(col) for b, col in zip(self.intercepts, zip(*rows, strict=True), strict=True)
        ]

    def score(self, sentence_text: str, context: SentenceContext | None = None) -> dict[str, float]:
        """P(the sentence carries each element)."""
        z = self.logits(self.features(sentence_text, context))
        return {e: _sigmoid(v) for e, v in zip(self.elements, z, strict=True)}

    def score_letter(
        self, text: str, sentences: list[tuple[int, int]]
    ) -> dict[str, tuple[float, tuple[int, int] | None]]:
        """Per element, the best sentence's probability and its (start, end) offsets."""
        best: dict[str, tuple[float, tuple[int, int] | None]] = {e: (0.0, None) for e in ELEMENTS}
        count = len(sentences)
        for i, (s, e) in enumerate(sentences):
            probs = self.score(text[s:e], SentenceContext(i, count))
            for name, p in probs.items():
                if p > best[name][0]:
                    best[name] = (p, (s, e))
        return best

    def find(
        self, text: str, sentences: list[tuple[int, int]]
    ) -> dict[str, tuple[int, int] | None]:
        """Per element, the sentence carrying it (the best-scoring one at or above the element's
        threshold), or None when the letter lacks it."""
        return {
            name: span if span is not None and p >= self.thresholds[name] else None
            for name, (p, span) in self.score_letter(text, sentences).items()
        }


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


@cache
def load_element_model() -> ElementModel:
    """The shipped element model, loaded once per process."""
    return ElementModel.load()
