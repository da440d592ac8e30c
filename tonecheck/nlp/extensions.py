"""The ``doc._.tonecheck_*`` extensions, registered once (never with ``force=True``).

Every stored value is plain data (lists, dicts, strings, numbers, None), so a tonecheck Doc survives
``doc.to_bytes()``, ``nlp.pipe(..., n_process=2)`` and a disk round trip:

- ``tonecheck_sentences``: ``[[start, end], ...]``, each sentence's character offsets, trimmed of
  white space (set by ``tonecheck_sentences``);
- ``tonecheck_paragraphs``: the same for paragraphs (blocks between blank lines);
- ``tonecheck_stats``: ``{"words", "sentences", "paragraphs", "reading_grade"}``;
- ``tonecheck_elements``: ``{element: {"sentence": [start, end], "cue": [start, end]} or None}``;
- ``tonecheck_hits``: ``[{"code", "start", "end", "suggestion", "detail"}, ...]``, the rules' matches
  after the overlap policy, sorted by position (``doc.spans["tonecheck"]`` holds the same as Spans).

``tonecheck_tokens`` is a getter: the Doc's tokens as plain lists (see ``tonecheck.nlp.tokens``),
derived on first use and never stored on the Doc.
"""

from __future__ import annotations

from spacy.tokens import Doc

STORED = ("sentences", "paragraphs", "stats", "elements", "hits")


def register_extensions() -> None:
    """Register every ``doc._.tonecheck_*`` extension that is not registered yet."""
    from tonecheck.nlp.tokens import token_view

    for name in STORED:
        if not Doc.has_extension(f"tonecheck_{name}"):
            Doc.set_extension(f"tonecheck_{name}", default=None)
    if not Doc.has_extension("tonecheck_tokens"):
        Doc.set_extension("tonecheck_tokens", getter=token_view)
