"""Sentences and paragraphs of a letter.

A letter breaks at line ends as often as at full stops ("Dear Ms. Park,", "Best regards,", the name),
so a sentence ends at ``.``/``!``/``?`` (and closing quotes or brackets after them) or at a line break,
unless the line break only wraps a sentence (hard-wrapped e-mail): a long line that does not end a
sentence, followed by a line that starts in lower case.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START  # type: ignore[import-not-found]  # a compiled module
from spacy.tokens import Doc

from tonecheck.nlp import extensions  # noqa: F401  (registers doc._.tonecheck_sentences)

_END = {".", "!", "?", "…"}
_CLOSERS = {'"', "'", ")", "]", "”", "’"}
_ABBREV = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "e.g.", "i.e.", "etc.", "vs.", "jr.", "sr."}
PARAGRAPH_RE = re.compile(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", re.S)


def set_sentence_starts(doc: Doc) -> Doc:
    """Mark sentence starts on ``doc`` (used by the ``tonecheck_sentences`` component)."""
    starts = numpy.full(len(doc), -1, dtype="int64")  # -1: not a start, 1: a start
    after_end = True
    prev_text = ""
    for i, token in enumerate(doc):
        text = token.text
        if token.is_space:
            if i == 0:
                starts[i] = 1
            if "\n" in text and (text.count("\n") > 1 or not _wrapped(doc, i)):
                after_end = True
            prev_text = text
            continue
        if text in _CLOSERS and prev_text in _END and not doc[i - 1].whitespace_:
            # a closing quote or bracket right after the full stop ends the same sentence
            prev_text = text
            continue
        if after_end:
            starts[i] = 1
        after_end = text in _END or (
            text.endswith(".") and len(text) > 1 and text.lower() not in _ABBREV
        )
        if "\n" in token.whitespace_ and not _wrapped(doc, i):
            after_end = True
        prev_text = text
    if len(doc):
        starts[0] = 1
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))  # type: ignore[arg-type]
    doc._.tonecheck_sentences = _offsets(doc, starts)
    return doc


def _offsets(doc: Doc, starts: numpy.ndarray) -> list[tuple[int, int]]:
    """Sentence (start, end) character offsets from the start flags, trimmed of white space."""
    out: list[tuple[int, int]] = []
    first = last = None
    for i, token in enumerate(doc):
        if starts[i] == 1 and first is not None and last is not None:
            out.append((first.idx, last.idx + len(last.text)))
            first = last = None
        if not token.is_space:
            if first is None:
                first = token
            last = token
    if first is not None and last is not None:
        out.append((first.idx, last.idx + len(last.text)))
    return out


WRAP_MIN_LINE = 40  # a line this long that breaks mid-sentence is hard-wrapped prose


def _wrapped(doc: Doc, i: int) -> bool:
    """Whether the single line break at token ``i`` (or right after it) wraps a sentence: the line
    before is long and does not end a sentence, and the next line starts in lower case."""
    token = doc[i]
    prev = token if not token.is_space else (doc[i - 1] if i > 0 else None)
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if prev is None or nxt is None or prev.is_space:
        return False
    if prev.text[-1:] in ".!?:;" or not (nxt.text[:1].islower() or nxt.text[:1].isdigit()):
        return False
    line_start = prev.idx
    j = prev.i
    while j > 0 and "\n" not in doc[j - 1].whitespace_ and "\n" not in doc[j - 1].text:
        j -= 1
        line_start = doc[j].idx
    return prev.idx + len(prev.text) - line_start >= WRAP_MIN_LINE


def sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """Character (start, end) of each sentence, trimmed of surrounding white space."""
    out = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens:
            out.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    return out


def paragraph_offsets(text: str) -> list[tuple[int, int]]:
    """Character (start, end) of each paragraph (blocks separated by blank lines)."""
    return [(m.start(), m.end()) for m in PARAGRAPH_RE.finditer(text)]
