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
BRIEF_NOTE_WORDS = 120
# Signals read in real train letters that the lint rules do not carry (kept beside _GREETING and
# _CLOSING, the other text patterns of this module; tonecheck/data belongs to the rules): chasing a
# reply ("any update", "my previous email"), emoji and emoticons, hostile wording.
_CHASING = re.compile(
    r"\b(?:follow(?:ing)?[ -]up|any updates?|an update|check(?:ing)? (?:in|back)|hear(?:d)? back|"
    r"(?:previous|last|earlier) (?:e-?mail|message|letter|note)|(?:no|any) (?:response|reply))\b",
    re.I,
)
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]|[:;]-?[)D(]")
_HOSTILE = re.compile(
    r"\b(?:you people|idiots?|stupid|ridiculous|incompetent|bias(?:ed)?|discriminat\w*|rude|"
    r"waste of (?:my )?time|how dare)\b",
    re.I,
)

# Feature name -> (what a high value means, what a low value means), for explaining the score;
# None where that side explains nothing ("not being too short" is no reason for a tone).
DESCRIPTIONS: dict[str, tuple[str | None, str | None]] = {
    "hyperbole_per100": ("hyperbole", "no hyperbole"),
    "enthusiasm_per100": ("over-enthusiastic markers", "no over-enthusiastic markers"),
    "risk_per100": ("pushy or risky phrasing", "no pushy or risky phrasing"),
    "hyperbole_any": ("hyperbole", "no hyperbole"),
    "enthusiasm_any": ("over-enthusiastic markers", "no over-enthusiastic markers"),
    # One marker is enough for it to count here (enthusiasm_any needs two): in real letters one
    # "very excited" often makes a letter effusive, which the synthetic letters never show
    # (the same words as enthusiasm_any, so the two never read as two reasons).
    "enthusiasm_marker": ("over-enthusiastic markers", "no over-enthusiastic markers"),
    "risk_any": ("pushy or risky phrasing", "no pushy or risky phrasing"),
    "has_thanks": ("thanking the reader", "no thanks"),
    "has_pleasure": ("saying it was a pleasure to meet", "not saying it was a pleasure to meet"),
    "has_detail": ("a specific detail from the interview", "no specific detail from the interview"),
    "has_interest": ("stating continued interest", "no statement of continued interest"),
    "elements_missing": ("missing elements", "having all the elements"),
    # Length counts only up to a brief note: past BRIEF_NOTE_WORDS more words add nothing, so a long
    # letter can never look cooler "because of its length". There is no too_long flag: the
    # synthetic corpus holds many long cool_cordial letters, so the flag learned to favour
    # cool_cordial. Past a brief note, extra words only dilute the courteous and warm words, while
    # faults are counted per brief note (words capped), so padding never hides them.
    "log_words_to_brief": (None, "its brevity"),
    "too_short": ("being very short", None),
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
    "chasing_per100": ("chasing a reply", "not chasing a reply"),
    "emoji": ("emoji or emoticons", None),
    "hostile_any": ("hostile wording", None),
    # CONTRACT.md's curt: "no thanks and no warmth". A short note that thanks the reader is not curt.
    "no_courtesy": ("no thanks and no courteous or warm words", None),
}
NUMERIC_FEATURES: tuple[str, ...] = tuple(DESCRIPTIONS)
# Which tones a feature's high (and low) value can be given as a reason for. The weights learned
# from the corpora do not decide this: thanking the reader never makes a letter pushy, no hyperbole
# never makes it curt, and its length, long sentences or dense wording never make it cool and
# cordial. A feature side that no tone lists is never a driver.
_COOL = "cool_cordial"
REASONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    name: (frozenset(high.split()), frozenset(low.split()))
    for name, (high, low) in {
        "hyperbole_per100": ("effusive", _COOL),
        "enthusiasm_per100": ("effusive", _COOL),
        "risk_per100": ("pushy", _COOL),
        "hyperbole_any": ("effusive", _COOL),
        "enthusiasm_any": ("effusive", _COOL),
        "enthusiasm_marker": ("effusive", _COOL),
        "risk_any": ("pushy", _COOL),
        "has_thanks": (_COOL, "curt pushy"),
        "has_pleasure": (_COOL, "curt"),
        "has_detail": (_COOL, "curt effusive"),
        "has_interest": (_COOL, "curt"),
        "elements_missing": ("curt effusive pushy", _COOL),
        "log_words_to_brief": ("", "curt"),
        "too_short": ("curt", ""),
        "mean_sentence_words": ("effusive", "curt"),
        "reading_grade": ("", ""),
        "exclamations": ("effusive pushy", _COOL),
        "questions": ("pushy", ""),
        "has_greeting": (_COOL, "curt"),
        "has_closing": (_COOL, "curt pushy"),
        "courtesy_per100": (_COOL, "curt pushy"),
        "pressure_per100": ("pushy", _COOL),
        "complaint_per100": ("curt pushy", _COOL),
        "apology_per100": ("effusive", _COOL),
        "warmth_per100": (f"{_COOL} effusive", "curt pushy"),
        "chasing_per100": ("pushy", _COOL),
        "emoji": ("effusive", ""),
        "hostile_any": ("pushy curt", ""),
        "no_courtesy": ("curt", ""),
    }.items()
}
# Courtesy words: a word n-gram holding one never explains why a letter is effusive, curt or pushy.
COURTESY_LEXICONS = ("courtesy", "warmth")


def explains(feature: str, high: bool, tone: str) -> bool:
    """Whether a numeric feature's high (or low) value can be given as a reason for ``tone``."""
    high_tones, low_tones = REASONS.get(feature, (frozenset(), frozenset()))
    return tone in (high_tones if high else low_tones)


def function_words_only(term: str) -> bool:
    """Whether a word n-gram is made of function words only ('do', 'to the'): no reason at all."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return all(w in STOP_WORDS for w in term.split())


def courteous_term(term: str) -> bool:
    """Whether a word n-gram holds a word of the courtesy or warmth lexicon ('thank you')."""
    words = set(term.split())
    return any(words & _lexicons()[name][0] for name in COURTESY_LEXICONS)


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
    faults_per100 = 100.0 / min(words, BRIEF_NOTE_WORDS)
    cats: dict[str, int] = {"hyperbole": 0, "enthusiasm": 0, "risk": 0}
    for f in report.findings:
        if f.category in cats and f.end > f.start:
            cats[f.category] += 1
    lex = lexicon_counts(text)
    el = report.elements
    feats = {
        "hyperbole_per100": cats["hyperbole"] * faults_per100,
        "enthusiasm_per100": cats["enthusiasm"] * faults_per100,
        "risk_per100": cats["risk"] * faults_per100,
        "hyperbole_any": float(cats["hyperbole"] > 0),
        "enthusiasm_any": float(cats["enthusiasm"] > 1),
        "enthusiasm_marker": float(cats["enthusiasm"] > 0),
        "risk_any": float(cats["risk"] > 0),
        "has_thanks": float(el["thanks"]),
        "has_pleasure": float(el["pleasure"]),
        "has_detail": float(el["learned_detail"]),
        "has_interest": float(el["continued_interest"]),
        "elements_missing": float(sum(not v for v in el.values())),
        "log_words_to_brief": math.log(min(words, BRIEF_NOTE_WORDS)),
        "too_short": float(report.length == "too_short"),
        "mean_sentence_words": words / max(report.stats.sentences, 1),
        "reading_grade": max(min(report.stats.reading_grade, 25.0), -5.0),
        "exclamations": float(min(text.count("!"), 6)),
        "questions": float(min(text.count("?"), 6)),
        "has_greeting": float(bool(_GREETING.search(text))),
        "has_closing": float(bool(_CLOSING.search(text[-200:]))),
        "courtesy_per100": lex["courtesy"] * per100,
        "pressure_per100": lex["pressure"] * faults_per100,
        "complaint_per100": lex["complaint"] * faults_per100,
        "apology_per100": lex["apology"] * faults_per100,
        "warmth_per100": lex["warmth"] * per100,
        "chasing_per100": len(_CHASING.findall(text)) * faults_per100,
        "emoji": float(min(len(_EMOJI.findall(text)), 6)),
        "hostile_any": float(bool(_HOSTILE.search(text))),
        "no_courtesy": float(not el["thanks"] and lex["courtesy"] == 0 and lex["warmth"] == 0),
    }
    assert tuple(feats) == NUMERIC_FEATURES
    return feats
