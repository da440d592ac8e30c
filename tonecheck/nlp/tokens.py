"""A letter's tokens as plain Python lists, built once per Doc.

Iterating a Doc makes a new ``Token`` object for every token on every pass, and reading
``token.lower_`` looks the string up again; with several passes per letter (sentences, rules,
elements) that was the pipeline's largest cost. ``token_view(doc)`` reads the token offsets and
spellings in one ``Doc.to_array`` call and joins the text from them (``doc.text`` too makes a
``Token`` for every token), so every later pass works on ``str`` and ``int`` lists. It is the getter of ``doc._.tonecheck_tokens``: derived from the Doc, remembered for
as long as the Doc lives (a weak reference, so nothing is stored on the Doc), rebuilt if the Doc
changed length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container
from dataclasses import dataclass, field
from itertools import compress
from weakref import WeakKeyDictionary

from spacy.attrs import IDX, ORTH, SPACY  # type: ignore[import-not-found]  # a compiled module
from spacy.tokens import Doc

from tonecheck.textutil import WORD_RE

_match_start = re.Match.start


@dataclass(slots=True)
class TokenView:
    """Columns of a Doc's tokens: ``texts[i] == doc[i].text``, ``lowers[i] == doc[i].lower_``,
    ``starts[i] == doc[i].idx`` and ``spaces[i] == bool(doc[i].whitespace_)``."""

    text: str  # the Doc's text (doc.text), built once
    texts: list[str]
    lowers: list[str]
    starts: list[int]
    spaces: list[bool]
    _word_starts: list[int] | None = field(default=None, repr=False, compare=False)

    @property
    def word_starts(self) -> list[int]:
        """Where each word of the text (``tonecheck.textutil.WORD_RE``) starts, built once; its
        length is the letter's word count."""
        if self._word_starts is None:
            self._word_starts = list(map(_match_start, WORD_RE.finditer(self.text)))
        return self._word_starts

    def __len__(self) -> int:
        return len(self.texts)

    def end(self, i: int) -> int:
        """The character offset just after token ``i``."""
        return self.starts[i] + len(self.texts[i])

    def indices(self, words: Container[str]) -> list[int]:
        """The indices of the tokens whose lower-case form is in ``words``, in order."""
        return _positions(self.lowers, words)

    def indices_of_texts(self, texts: Container[str]) -> list[int]:
        """The indices of the tokens whose text (as written) is in ``texts``, in order."""
        return _positions(self.texts, texts)

    def token_at(self, offset: int) -> int:
        """The index of the first token that starts at or after the character ``offset``."""
        return bisect_left(self.starts, offset)


def _positions(column: list[str], wanted: Container[str]) -> list[int]:
    """The indices of the items of ``column`` that are in ``wanted``; the test runs in C, much
    faster than a Python loop over the tokens."""
    return list(compress(range(len(column)), map(wanted.__contains__, column)))


_VIEWS: WeakKeyDictionary[Doc, TokenView] = WeakKeyDictionary()


def token_view(doc: Doc) -> TokenView:
    """The TokenView of ``doc``, built on first use and remembered while the Doc lives."""
    view = _VIEWS.get(doc)
    if view is not None and len(view.texts) == len(doc):
        return view
    if len(doc):
        orths, starts, spaces = doc.to_array([ORTH, IDX, SPACY]).T.tolist()
    else:
        orths, starts, spaces = [], [], []
    strings = doc.vocab.strings
    texts = [strings[orth] for orth in orths]
    # == doc.text: every token's text followed by its trailing space, if any
    text = "".join([t + " " if space else t for t, space in zip(texts, spaces, strict=True)])
    view = TokenView(
        text=text,
        texts=texts,
        lowers=[t.lower() for t in texts],
        starts=starts,
        spaces=[bool(s) for s in spaces],
    )
    _VIEWS[doc] = view
    return view
