"""Sentences and paragraphs of a letter.

A letter breaks at line ends as often as at full stops ("Dear Ms. Park,", "Best regards,", the name),
so a sentence ends at ``.``/``!``/``?`` (and closing quotes or brackets after them) or at a line break.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

_END = {".", "!", "?", "…"}
_CLOSERS = {'"', "'", ")", "]", "”", "’"}
_ABBREV = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "e.g.", "i.e.", "etc.", "vs.", "jr.", "sr."}
PARAGRAPH_RE = re.compile(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", re.S)


def set_sentence_starts(doc: Doc) -> Doc:
    """Mark sentence starts on ``doc`` (used by the ``tonecheck_sentences`` component)."""
    after_end = True
    for token in doc:
        if token.is_space:
            token.is_sent_start = after_end and token.i == 0
            if "\n" in token.text:
                after_end = True
            continue
        if (
            token.text in _CLOSERS
            and not after_end
            and token.i > 0
            and doc[token.i - 1].text in _END
        ):
            token.is_sent_start = False
            continue
        token.is_sent_start = after_end
        after_end = token.text in _END or (
            token.text.endswith(".") and len(token.text) > 1 and token.lower_ not in _ABBREV
        )
        if "\n" in token.whitespace_:
            after_end = True
    return doc


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
