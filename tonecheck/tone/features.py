"""Features of a letter for the tone classifier: what the lint pipeline found, plus lexicon counts.

The same function serves training and run time, so the model always sees features computed one way.
Word and character n-grams are computed by the vectorizers (``tonecheck.tone.vectorize``).
"""

from __future__ import annotations

import math
import re
from functools import cache

from tonecheck.data import word_set
from tonecheck.findings import Report

_WORD_RE = re.compile(r"[a-z][a-z'’]*")
LEXICONS = {
    "courtesy": "tone-courtesy.txt",
    "pressure": "tone-pressure.txt",
    "complaint": "tone-complaint.txt",
    "apology": "tone-apology.txt",
    "warmth": "tone-warmth.txt",
}
_GREETING = re.compile(
    r"^\s*(?:subject:[^\n]*\n\s*)?(?:dear|hi|hello|good (?:morning|afternoon))\b", re.I
)
_CLOSING_WORDS = (
    r"\b(?:regards|sincerely|best wishes|best,|kind regards|warm regards|thank you,|thanks,|"
    r"respectfully|cheers|with appreciation|many thanks)"
)
_CLOSING = re.compile(_CLOSING_WORDS, re.I)

# Feature name -> (what a high value means, what a low value means), for explaining the score;
# None where that side explains nothing ("not being too short" is no reason for a tone).
DESCRIPTIONS: dict[str, tuple[str | None, str | None]] = {
    "hyperbole_per100": ("hyperbole", "no hyperbole"),
    "enthusiasm_per100": ("over-enthusiastic markers", "no over-enthusiastic markers"),
    "risk_per100": ("pushy or risky phrasing", "no pushy or risky phrasing"),
    "hyperbole_any": ("hyperbole", "no hyperbole"),
    "enthusiasm_any": ("several enthusiasm markers", "few enthusiasm markers"),
    "risk_any": ("pushy or risky phrasing", "no pushy or risky phrasing"),
    "has_thanks": ("thanking the reader", "no thanks"),
    "has_pleasure": ("saying it was a pleasure to meet", "not saying it was a pleasure to meet"),
    "has_detail": ("a specific detail from the interview", "no specific detail from the interview"),
    "has_interest": ("stating continued interest", "no statement of continued interest"),
    "elements_missing": ("missing elements", "having all the elements"),
    "log_words": ("its length", "its brevity"),
    "too_short": ("being very short", None),
    "too_long": ("being long", None),
    "mean_sentence_words": ("long sentences", "short sentences"),
    "reading_grade": ("dense wording", "plain wording"),
    "exclamations": ("exclamation marks", "no exclamation marks"),
    "questions": ("questions to the reader", "no questions to the reader"),
    "has_greeting": ("a greeting", "no greeting"),
    "has_closing": ("a courteous sign-off", "no courteous sign-off"),
    "courtesy_per100": ("courteous words", "few courteous words"),
    "pressure_per100": ("pressure words", "few pressure words"),
    "complaint_per100": ("complaint words", "few complaint words"),
    "apology_per100": ("apologies", "no apologies"),
    "warmth_per100": ("warm words", "few warm words"),
}
NUMERIC_FEATURES: tuple[str, ...] = tuple(DESCRIPTIONS)
# Features where more is what the advice asks for: their presence never explains why a letter is
# effusive, curt or pushy, whatever the weights learned from the corpus say.
COURTESY_FEATURES = frozenset(
    {
        "has_thanks",
        "has_pleasure",
        "has_detail",
        "has_interest",
        "has_greeting",
        "has_closing",
        "courtesy_per100",
        "warmth_per100",
    }
)


@cache
def _lexicons() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Each lexicon split into single words and multi-word phrases, built once."""
    out = {}
    for name, file in LEXICONS.items():
        entries = word_set(file)
        out[name] = (
            frozenset(e for e in entries if " " not in e),
            tuple(e for e in entries if " " in e),
        )
    return out


@cache
def _lexicon_words() -> frozenset[str]:
    """Every single-word entry of every lexicon."""
    return frozenset().union(*(singles for singles, _ in _lexicons().values()))


def lexicon_counts(text: str) -> dict[str, int]:
    """How many words (and phrases) of each tone lexicon the text contains."""
    lower = text.lower().replace("’", "'")
    words = _WORD_RE.findall(lower)
    # A letter holds only a few lexicon words: keep just those (the test runs in C), then count.
    found = list(filter(_lexicon_words().__contains__, words))
    counts = {w: found.count(w) for w in set(found)}
    out = {}
    for name, (singles, phrases) in _lexicons().items():
        count = sum(counts[w] for w in singles.intersection(counts))
        count += sum(lower.count(e) for e in phrases)
        out[name] = count
    return out


def numeric_features(report: Report) -> dict[str, float]:
    """The numeric features of an analysed letter (a Report with text, stats and findings)."""
    assert report.text is not None and report.stats is not None and report.elements is not None
    text = report.text
    words = max(report.stats.words, 1)
    per100 = 100.0 / words
    cats: dict[str, int] = {"hyperbole": 0, "enthusiasm": 0, "risk": 0}
    for f in report.findings:
        if f.category in cats and f.end > f.start:
            cats[f.category] += 1
    lex = lexicon_counts(text)
    el = report.elements
    feats = {
        "hyperbole_per100": cats["hyperbole"] * per100,
        "enthusiasm_per100": cats["enthusiasm"] * per100,
        "risk_per100": cats["risk"] * per100,
        "hyperbole_any": float(cats["hyperbole"] > 0),
        "enthusiasm_any": float(cats["enthusiasm"] > 1),
        "risk_any": float(cats["risk"] > 0),
        "has_thanks": float(el["thanks"]),
        "has_pleasure": float(el["pleasure"]),
        "has_detail": float(el["learned_detail"]),
        "has_interest": float(el["continued_interest"]),
        "elements_missing": float(sum(not v for v in el.values())),
        "log_words": math.log(words),
        "too_short": float(report.length == "too_short"),
        "too_long": float(report.length == "too_long"),
        "mean_sentence_words": words / max(report.stats.sentences, 1),
        "reading_grade": max(min(report.stats.reading_grade, 25.0), -5.0),
        "exclamations": float(min(text.count("!"), 6)),
        "questions": float(min(text.count("?"), 6)),
        "has_greeting": float(bool(_GREETING.search(text))),
        "has_closing": float(bool(_CLOSING.search(text[-200:]))),
        "courtesy_per100": lex["courtesy"] * per100,
        "pressure_per100": lex["pressure"] * per100,
        "complaint_per100": lex["complaint"] * per100,
        "apology_per100": lex["apology"] * per100,
        "warmth_per100": lex["warmth"] * per100,
    }
    assert tuple(feats) == NUMERIC_FEATURES
    return feats
