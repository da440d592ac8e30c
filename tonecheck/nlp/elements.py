"""Finding the four elements of a follow-up letter, sentence by sentence.

- thanks: a thanking word (``elements-thanks.txt``) not inside an exception ("thanks in advance").
- pleasure: a pleasure phrase (``elements-pleasure.txt``).
- continued_interest: a strong interest phrase, or an interest cue together with a target word
  (the position, the team, joining...) in the same sentence.
- learned_detail: a cue that introduces something learned or discussed, followed in the same sentence by
  something specific: a number, a ``[placeholder]``, a name (a capitalised word inside the sentence) or at
  least ``MIN_SPECIFIC_WORDS`` content words that are not generic ("the role", "your culture").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from tonecheck.data import phrase_file, word_set
from tonecheck.findings import ELEMENT_NAMES
from tonecheck.nlp.matching import PhraseSet
from tonecheck.nlp.tokens import token_view

_CUE_ELEMENT = {
    "thanks": "thanks",
    "pleasure": "pleasure",
    "interest": "continued_interest",
    "detail": "learned_detail",
}
MIN_SPECIFIC_WORDS = 2
PLACEHOLDER_RE = re.compile(r"\[[^\]\n]{2,80}\]")
# A cue whose object is only the job itself ("to discuss the Nurse Manager position") says nothing.
_JOB_HEADS = {"position", "role", "job", "opening", "opportunity", "vacancy", "post"}
_NEGATED = re.compile(
    r"(?:\b(?:not|never|no longer|nor|cannot)\b|n't|n’t)(?!\s+hesitate)"
    r"(?:\s+[^\s,;:.!?]+){0,4}\s*$",
    re.I,
)
_SUBJECT = re.compile(r"\s*(?:subject|re|fwd?)\s*:", re.I)
_SALUTATION_START = re.compile(r"^\s*(dear|hi|hello|to|subject|re|attn)\b", re.I)


@dataclass(frozen=True)
class ElementHit:
    """Where an element was found: its sentence and the cue inside it."""

    sentence: tuple[int, int]
    cue: tuple[int, int]


class ElementFinder:
    """Compiled once per pipeline; ``find(doc, sentences)`` runs per letter."""

    def __init__(self, nlp: Language) -> None:
        self.phrases = PhraseSet(nlp)
        self.phrases.add("thanks", phrase_file("elements-thanks.txt"))
        self.phrases.add("pleasure", phrase_file("elements-pleasure.txt"))
        self.phrases.add("interest", phrase_file("elements-interest-cues.txt"))
        self.phrases.add("detail", phrase_file("elements-detail-cues.txt"))
        self.interest_targets = word_set("elements-interest-targets.txt")
        self.generic = word_set("elements-generic.txt")

    def find(self, doc: Doc, sentences: list[tuple[int, int]]) -> dict[str, dict[str, Any] | None]:
        """The first sentence carrying each element, as plain data for ``doc._.tonecheck_elements``:
        ``{"sentence": (start, end), "cue": (start, end)}``, or None."""
        found = self._find(doc, sentences)
        return {
            name: None if hit is None else {"sentence": hit.sentence, "cue": hit.cue}
            for name, hit in found.items()
        }

    def _find(self, doc: Doc, sentences: list[tuple[int, int]]) -> dict[str, ElementHit | None]:
        found: dict[str, ElementHit | None] = dict.fromkeys(ELEMENT_NAMES)
        text = token_view(doc).text
        by_sentence: dict[int, list[tuple[str, int, int, int]]] = {}
        starts = [s for s, _ in sentences]
        hits, exceptions = self.phrases.find_all(doc)
        # An exception vetoes its element in the whole sentence ("... and would like to withdraw
        # my application for the position" states no interest).
        vetoed = {
            (key, _sentence_index(starts, s)) for key, spans in exceptions.items() for s, _ in spans
        }
        subject = {i for i, (s, e) in enumerate(sentences) if _SUBJECT.match(text, s, e)}
        for hit in hits:
            pos = _sentence_index(starts, hit[2])
            if (hit[0], pos) in vetoed or pos in subject:
                continue  # the subject line says what the e-mail is, not what the letter does
            if pos is not None and hit[2] < sentences[pos][1]:
                by_sentence.setdefault(pos, []).append(hit)
        for pos in sorted(by_sentence):
            sent = sentences[pos]
            for key, index, start, end in sorted(by_sentence[pos], key=lambda h: h[2]):
                if found[_CUE_ELEMENT[key]] is not None:
                    continue  # found earlier: only the first sentence counts
                name = self._element_for(key, index, start, end, sent, text)
                if name and found[name] is None:
                    found[name] = ElementHit(sent, (start, end))
        if found["learned_detail"] is None:
            found["learned_detail"] = self._uncued_detail(text, sentences)
        return found

    def _uncued_detail(self, text: str, sentences: list[tuple[int, int]]) -> ElementHit | None:
        """A detail without a cue word: a placeholder for the topic, or a sentence about the
        reader's side ("your", "the team") that names something specific after removing dates,
        job titles and the employer's name."""
        for sent in sentences:
            match = PLACEHOLDER_RE.search(text, sent[0], sent[1])
            if match and _is_topic_placeholder(match.group(0)):
                return ElementHit(sent, match.span())
        for sent in sentences:
            body = text[sent[0] : sent[1]]
            words = _words(body)
            if (
                len(words) < 6
                or _SALUTATION_START.match(body)
                or not _REFERENCE.search(body)
                or _PROCESS.search(body)
            ):
                continue
            if self.is_strongly_specific(body):
                return ElementHit(sent, sent)
        return None

    def is_strongly_specific(self, sentence: str) -> bool:
        """Specific without a cue: a figure or a name left after stripping dates, titles and the
        employer's name, plus some non-generic content."""
        stripped = _strip(sentence)
        content = [
            w
            for w in _words(stripped)
            if w not in STOP_WORDS and w not in self.generic and len(w) > 2
        ]
        if len(content) < 3:
            return False
        if _DIGIT.search(stripped):
            return True
        raw = _WORD.findall(stripped)
        names = [w for w in raw[1:] if w[0].isupper() and w not in _NOT_NAMES]
        return bool(names)

    def _element_for(
        self, key: str, index: int, start: int, end: int, sent: tuple[int, int], text: str
    ) -> str | None:
        if key == "thanks":
            return "thanks"
        if key == "pleasure":
            return "pleasure"
        if key == "interest":
            if _NEGATED.search(text, max(sent[0], start - 40), start):
                return None  # "not a company I want to work for"
            entry = self.phrases.entries["interest"][index]
            if entry.strong:
                return "continued_interest"
            rest = _words(text[end : sent[1]])
            return "continued_interest" if any(w in self.interest_targets for w in rest) else None
        if key == "detail":
            if self.phrases.entries["detail"][index].strong:
                # the cue follows its detail: "the CRM migration you described"
                before = _last_clause(text[sent[0] : start])
                return "learned_detail" if self.is_specific(before) else None
            tail = _first_clause(text[end : sent[1]])
            return "learned_detail" if self.is_specific(tail) else None
        return None

    def is_specific(self, tail: str) -> bool:
        """Whether the words after a detail cue name something specific."""
        if any(_is_topic_placeholder(m.group(0)) for m in PLACEHOLDER_RE.finditer(tail)):
            return True
        tail = _strip_job(PLACEHOLDER_RE.sub(" ", tail))
        tail = _strip(tail)
        if _DIGIT.search(tail):
            return True
        raw = _WORD.findall(tail)
        if any(w[0].isupper() and w not in _NOT_NAMES for w in raw[1:]):
            return True
        words = _words(tail)
        content = [w for w in words if w not in STOP_WORDS and w not in self.generic and len(w) > 2]
        return len(content) >= MIN_SPECIFIC_WORDS


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
_STRIP_NAMES = (
    rf"\b(?:{_MONTHS})\b(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"  # dates
    r"|\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)"  # times
    r"|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b"
    r"|(?:[A-Z][\w&'’.-]*\s+){1,4}(?=(?:position|role|job|opening|post|vacancy|team)\b)"  # titles
    r"|\b(?:at|with|for|join|joining)\s+(?:[A-Z][\w&'’.-]*\s*){1,4}"  # the employer's name
)
_EMAIL = r"|\S+@\S+"  # e-mail addresses
_PHONE = r"|\+?\d[\d ()-]{7,}\d"  # phone numbers
_STRIP_RE = re.compile(_STRIP_NAMES + _EMAIL + _PHONE)
# Without "@", the e-mail part (slow: it backtracks over every piece of text) cannot match.
_STRIP_NO_EMAIL_RE = re.compile(_STRIP_NAMES + _PHONE)
# Every part of _STRIP_RE needs a capital, a digit or an "@": text without any is left as it is.
_STRIPPABLE = re.compile(r"[A-Z@]|\d")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _strip(text: str) -> str:
    """``_STRIP_RE.sub(" ", text)``: dates, times, titles, the employer's name, phone numbers and
    e-mail addresses blanked out (done only where something can match)."""
    if not _STRIPPABLE.search(text):
        return text
    return (_STRIP_RE if "@" in text else _STRIP_NO_EMAIL_RE).sub(" ", text)


_REFERENCE = re.compile(r"\b(?:you|your|you're|you’re|we|our|the team|team's|team’s)\b", re.I)
# Sentences about the hiring process, attachments or the writer's own record are not details.
_PROCESS = re.compile(
    r"\b(?:attached|attach|decision|timeline|candidates?|heard|hear back|e-?mails?|interview(?:ed|s)?|"
    r"position|role|waiting|weeks?|days?|months?|call|phone|resume|cv|references?|licen[cs]e|"
    r"certificat\w*|my|i'm|i’m|i am|i have|i've|thank|thanks|pleasure|meet|meeting|met)\b",
    re.I,
)
_NOT_NAMES = {"I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "Thank", "Thanks"}
_CLAUSE_END = re.compile(r";|,\s*(?:and|but)\s+(?:I|I'm|I’m|I am|my|it|this)\b|\s+but\s+")


_JOB_RE = re.compile(
    r"^\W*(?:\S+\s+){0,6}?(?:position|role|job|opening|vacancy|post|fellowship|internship)\b"
    r"(?:\s+(?:in|on|at|with|for|of|within)\s+[^,.;:!?]*)?",
    re.I,
)


def _strip_job(tail: str) -> str:
    """Drop a leading reference to the job itself ("the Nurse Manager position in the ICU")."""
    return _JOB_RE.sub(" ", tail, count=1)


_PREPOSITION = re.compile(r"\b(?:about|regarding|on|in|into|with|for)\b", re.I)
_CLAUSE_START = re.compile(r"[;:]|,\s*|\s(?:and|but)\s+(?:in\s+)?")


def _last_clause(text: str) -> str:
    """The words after the last clause break, at most twelve of them."""
    parts = _CLAUSE_START.split(text)
    clause = parts[-1] if parts else text
    # the detail is what follows the last preposition: "hearing from you about [the next steps]"
    clause = _PREPOSITION.split(clause)[-1]
    return " ".join(clause.split()[-12:])


def _first_clause(text: str) -> str:
    m = _CLAUSE_END.search(text)
    return text[: m.start()] if m else text


def _words(text: str) -> list[str]:
    return list(map(str.lower, _WORD.findall(text)))


def _sentence_index(starts: list[int], offset: int) -> int | None:
    """The index of the sentence that starts last at or before ``offset``, or None."""
    if not starts or offset < starts[0]:
        return None
    return bisect_right(starts, offset) - 1


def _is_topic_placeholder(placeholder: str) -> bool:
    inner = placeholder.lower()
    return not any(
        w in inner
        for w in ("name", "title", "company", "date", "phone", "email", "address", "position")
    )
