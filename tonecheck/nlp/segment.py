"""Sentences and paragraphs of a letter.

A letter breaks at line ends as often as at full stops ("Dear Ms. Park,", "Best regards,", the name),
so a sentence ends at ``.``/``!``/``?`` (and closing quotes or brackets after them) or at a line break,
unless the line break only wraps a sentence (hard-wrapped e-mail). A line break wraps a sentence when
the line before does not end in ``.!?:;`` and either

- the text is wrapped at a fixed width (:func:`wrap_width`) and the next line's first word would
  not have fitted on the line (a line broken there by the wrapper, whatever the next word's case), or
- the line is long (``WRAP_MIN_LINE``) and the next line starts in lower case or with a digit.
"""

from __future__ import annotations

import itertools
import re

import numpy
from spacy.attrs import SENT_START  # type: ignore[import-not-found]  # a compiled module
from spacy.tokens import Doc

from tonecheck.nlp.tokens import TokenView, token_view
from tonecheck.textutil import line_breaks

_END = {".", "!", "?", "…"}
_CLOSERS = {'"', "'", ")", "]", "”", "’"}
_ABBREV = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "e.g.", "i.e.", "etc.", "vs.", "jr.", "sr."}
# A blank line (only white space between two line ends) separates paragraphs. A line ends at LF,
# CRLF, a lone CR (old Mac files), NEL or U+2028; U+2029 separates paragraphs by itself.
_EOL = "(?:\r\n|\r(?!\n)|[\n\x85\u2028])"
BLANK_LINE_RE = re.compile(f"{_EOL}[^\\S\n\r\x85\u2028\u2029]*{_EOL}|\u2029")


def set_sentence_starts(doc: Doc) -> Doc:
    """Mark sentence starts on ``doc`` (the ``tonecheck_sentences`` component), and keep each
    sentence's character offsets, trimmed of white space, in ``doc._.tonecheck_sentences``."""
    view = token_view(doc)
    width = wrap_width(view.text)
    texts = view.texts
    starts = numpy.full(len(texts), -1, dtype="int64")  # spaCy's SENT_START: 1 a start, -1 not
    offsets: list[tuple[int, int]] = []
    first = last = -1  # the first and last non-space tokens of the current sentence
    after_end, prev_text = True, ""
    for i, text in enumerate(texts):
        if text.isspace():
            breaks = line_breaks(text)
            if breaks and (breaks > 1 or not _wrapped(view, i, width)):
                after_end = True
        elif text in _CLOSERS and prev_text in _END and not view.spaces[i - 1]:
            last = i  # a closing quote or bracket right after the full stop: the same sentence
        else:
            if after_end:
                starts[i] = 1
                if first >= 0:
                    offsets.append((view.starts[first], view.end(last)))
                first = i
            last = i
            after_end = text in _END or (
                text.endswith(".") and len(text) > 1 and text.lower() not in _ABBREV
            )
        prev_text = text
    if first >= 0:
        offsets.append((view.starts[first], view.end(last)))
    if len(texts):
        starts[0] = 1
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))  # type: ignore[arg-type]
    doc._.tonecheck_sentences = offsets
    return doc


WRAP_MIN_LINE = 40  # a line this long that breaks mid-sentence is hard-wrapped prose
# Wrapped at a fixed width: the widest line within a paragraph is at most WRAP_MAX_WIDTH, and at
# least WRAP_MIN_BREAKS of the line breaks inside paragraphs, and half of those after a line of
# WRAP_MIN_LINE or more, are where a greedy wrapper at that width breaks (the next word would not
# fit). Mail clients wrap at 72 to 78 columns; text editors and ``fmt`` at 60 to 80.
WRAP_MAX_WIDTH = 100
WRAP_MIN_BREAKS = 2
_WRAP_SLACK = 3  # the widest line seen may be a little short of the wrapper's width


def wrap_width(text: str) -> int | None:
    """The width a hard-wrapped text is wrapped at, or None when its lines are not wrapped at a
    fixed width (each paragraph or sentence on a line of its own, or lines of every length)."""
    lines = [line.rstrip() for line in text.replace("\r", "").split("\n")]
    inner = [(a, b) for a, b in itertools.pairwise(lines) if a.strip() and b.strip()]
    if len(inner) < WRAP_MIN_BREAKS:
        return None
    width = max(len(a) for a, _ in inner)
    if width > WRAP_MAX_WIDTH or width < WRAP_MIN_LINE:
        return None
    long_lines = [(a, b) for a, b in inner if len(a) >= WRAP_MIN_LINE]
    at_width = [(a, b) for a, b in long_lines if _breaks_at(a, b, width)]
    if len(at_width) < WRAP_MIN_BREAKS or 2 * len(at_width) < len(long_lines):
        return None
    return width


def _breaks_at(line: str, following: str, width: int) -> bool:
    """Whether a greedy wrapper at ``width`` breaks ``line`` before ``following``'s first word."""
    first_word = following.split()[0] if following.split() else ""
    return len(line) + 1 + len(first_word) > width - _WRAP_SLACK


def _wrapped(view: TokenView, i: int, width: int | None = None) -> bool:
    """Whether the single line break at token ``i`` (or right after it) wraps a sentence (see the
    module docstring); ``width`` is the text's :func:`wrap_width`."""
    texts = view.texts
    prev = i if not texts[i].isspace() else i - 1
    nxt = i + 1
    if prev < 0 or nxt >= len(texts) or texts[prev].isspace():
        return False
    if texts[prev][-1:] in ".!?:;":
        return False
    line_start = view.starts[prev]
    j = prev
    while j > 0 and not line_breaks(texts[j - 1]):
        j -= 1
        line_start = view.starts[j]
    line_length = view.end(prev) - line_start
    if width is not None:
        next_word = texts[nxt]  # the first token of the next line (a word, or its first piece)
        k = nxt + 1
        while k < len(texts) and not view.spaces[k - 1] and not texts[k].isspace():
            next_word += texts[k]
            k += 1
        if line_length + 1 + len(next_word) > width - _WRAP_SLACK:
            return True
    if not (texts[nxt][:1].islower() or texts[nxt][:1].isdigit()):
        return False
    return line_length >= WRAP_MIN_LINE


def sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """Character (start, end) of each sentence, trimmed of surrounding white space."""
    out = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens:
            out.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    return out


def paragraph_offsets(text: str) -> list[tuple[int, int]]:
    """Character (start, end) of each paragraph: blocks separated by blank lines, trimmed of
    white space (trailing spaces and CRLF line ends do not hide a blank line)."""
    out: list[tuple[int, int]] = []
    start = 0
    for end in [m.start() for m in BLANK_LINE_RE.finditer(text)] + [len(text)]:
        block = text[start:end]
        body = block.strip()
        if body:
            first = start + len(block) - len(block.lstrip())
            out.append((first, first + len(body)))
        start = end
    return out
