"""TF-IDF exactly as scikit-learn computes it, in plain Python, for scoring the shipped model.

Importing scikit-learn costs about a second, which would double ``tonecheck lint``'s start-up; the
shipped model is linear, so scoring needs only these vectorizers and a dot product. Equality with
scikit-learn's ``TfidfVectorizer`` (analyzers ``word`` and ``char_wb``, ``lowercase=True``, l2 norm)
is pinned by a test.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

_TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_WHITE_SPACES = re.compile(r"\s\s+")


def word_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """scikit-learn's ``analyzer="word"`` with default token pattern."""
    tokens = _TOKEN_RE.findall(text.lower())
    lo, hi = ngram_range
    out: list[str] = list(tokens) if lo == 1 else []
    for n in range(max(lo, 2), min(hi + 1, len(tokens) + 1)):
        out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return out


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """scikit-learn's ``analyzer="char_wb"``."""
    doc = _WHITE_SPACES.sub(" ", text.lower())
    lo, hi = ngram_range
    out: list[str] = []
    for word in doc.split():
        w = " " + word + " "
        w_len = len(w)
        for n in range(lo, hi + 1):
            offset = 0
            out.append(w[offset : offset + n])
            while offset + n < w_len:
                offset += 1
                out.append(w[offset : offset + n])
            if offset == 0:
                break
    return out


class Tfidf:
    """A fitted TF-IDF vectorizer: vocabulary (term -> column) and idf weights."""

    def __init__(
        self,
        analyzer: str,
        ngram_range: Sequence[int],
        vocabulary: Sequence[str],
        idf: Sequence[float],
        sublinear_tf: bool,
    ) -> None:
        self.analyzer = analyzer
        self.ngram_range = (int(ngram_range[0]), int(ngram_range[1]))
        self.vocabulary = list(vocabulary)
        self.index = {term: i for i, term in enumerate(self.vocabulary)}
        self.idf = list(idf)
        self.sublinear_tf = sublinear_tf

    def terms(self, text: str) -> list[str]:
        if self.analyzer == "word":
            return word_ngrams(text, self.ngram_range)
        return char_wb_ngrams(text, self.ngram_range)

    def transform(self, text: str) -> dict[int, float]:
        """The l2-normalised TF-IDF row of ``text`` as {column: value}."""
        counts = Counter(t for t in self.terms(text) if t in self.index)
        row: dict[int, float] = {}
        for term, count in counts.items():
            col = self.index[term]
            tf = 1.0 + math.log(count) if self.sublinear_tf else float(count)
            row[col] = tf * self.idf[col]
        norm = math.sqrt(sum(v * v for v in row.values()))
        if norm > 0:
            row = {k: v / norm for k, v in row.items()}
        return row


def dot(row: Mapping[int, float], weights: Sequence[float]) -> float:
    """Sparse row times a dense weight vector."""
    return sum(v * weights[k] for k, v in row.items())
