"""spaCy's tokenizer with its chunk cache working for letters (explosion/spaCy#13950).

spaCy's tokenizer splits a text at white space into chunks ("interview,", "Ms.", "\\n\\n") and caches
how it split each chunk, so that a chunk seen before costs a lookup instead of its prefix, suffix
and infix regexes. But once a text holds a chunk that involves a special case ("Ms.", "I'm",
"don't"), it caches no further chunk of that text: the flag that keeps special-case chunks out of the
cache is never reset (spaCy issue 13950, open). Most letters open with "Dear Ms. ..." or say "I'm", so
most of their chunks were split afresh every time: about three quarters of the tokenizer's time.

:class:`CachingTokenizer` first tokenizes each chunk it has not seen before on its own, which caches
the chunk exactly as spaCy does when the flag is reset (a chunk that involves a special case itself
is still left out), and then tokenizes the text with spaCy's tokenizer as before. The cache only
saves work: every Doc is the same, token for token, as the plain tokenizer's (pinned by
``tests/test_tokenizer.py``).

One bound on top (the max-token policy): spaCy splits a chunk by searching its suffix and infix
patterns over the whole chunk once per piece it cuts off, so a chunk of n characters can cost n
squared (10,000 "!" took 16 s, 40,000 letters without a space 13 s; spaCy issues 1768 and 4362). A
chunk longer than :data:`MAX_CHUNK` characters is therefore tokenized in pieces of at most that
length, each on its own, and the pieces' Docs are joined (``Doc.from_docs``) into one Doc over the
very same text: offsets do not move, only the tokens inside such a chunk differ. No real word, URL
or address in a letter is that long; a text without such a chunk is tokenized exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import product
from typing import Any

from spacy.tokens import Doc

# The white-space chunks warmed when the tokenizer is wrapped: every run of up to three spaces, tabs,
# line feeds and carriage returns, and the blank lines of CRLF text (spaCy drops the one space that
# ends a token: "word  \n" looks up " \n"). Rarer runs are not warmed: they cost time, never a
# different Doc. Warming these 88 takes about 3 ms.
_SPACE_CHUNKS = [
    *("".join(p) for n in range(1, 4) for p in product(" \n\r\t", repeat=n)),
    *("\r\n\r\n", "\r\n\r\n\r\n", "\n\n\n\n", "    "),
]

# How many distinct chunks to remember (and let spaCy cache): a letter has about a hundred, a
# corpus of 650 letters about 9,500. Beyond this, new chunks are tokenized as spaCy always did.
MAX_CHUNKS = 100_000

# The longest chunk (run of non-space characters) spaCy is given whole; longer ones are cut into
# pieces of this length. The corpus's longest chunk is under 110 characters.
MAX_CHUNK = 128
_LONG_CHUNK = re.compile(rf"\S{{{MAX_CHUNK + 1},}}")


class CachingTokenizer:
    """Wraps a spaCy ``Tokenizer``: the same Docs, with every chunk it has seen cached.

    Any other attribute (``rules``, ``explain``, ``to_disk``...) is the wrapped tokenizer's,
    ``pipe`` included: spaCy's ``nlp.pipe`` calls the tokenizer itself, and ``pipe`` serves one-off
    texts such as the phrase lists compiled at start-up, where warming would only cost time.
    """

    def __init__(self, tokenizer: Callable[[str], Doc], max_chunks: int = MAX_CHUNKS) -> None:
        self.tokenizer = tokenizer
        self.max_chunks = max_chunks
        self.seen: set[str] = set()
        # spaCy 3.8 caches at most ``max_cache_size`` chunks (10,000 by default)
        if getattr(tokenizer, "max_cache_size", max_chunks) < max_chunks:
            tokenizer.max_cache_size = max_chunks  # type: ignore[attr-defined]
        self._tokenize_alone(set(_SPACE_CHUNKS))

    def __call__(self, text: str) -> Doc:
        words = text.split()
        if words and max(map(len, words)) > MAX_CHUNK:
            return self._tokenize_in_pieces(text)
        self.warm(text, words)
        return self.tokenizer(text)

    def _tokenize_in_pieces(self, text: str) -> Doc:
        """Tokenize a text holding chunks longer than :data:`MAX_CHUNK`: the text between them
        as usual, each long chunk in pieces of at most that length, joined into one Doc whose
        text is ``text`` exactly (the cost is linear in the length of the text)."""
        tokenize = self.tokenizer
        docs: list[Doc] = []
        done = 0
        for match in _LONG_CHUNK.finditer(text):
            start, end = match.span()
            if start > done:
                docs.append(tokenize(text[done:start]))
            docs.extend(
                tokenize(text[i : min(i + MAX_CHUNK, end)]) for i in range(start, end, MAX_CHUNK)
            )
            done = end
        if done < len(text):
            docs.append(tokenize(text[done:]))
        return Doc.from_docs([d for d in docs if len(d)], ensure_whitespace=False)

    def warm(self, text: str, words: list[str] | None = None) -> None:
        """Tokenize, one by one, the chunks of ``text`` (runs of non-space) not seen before, so
        that spaCy caches them."""
        if words is None:
            words = text.split()
        seen = self.seen
        if seen.issuperset(words) or len(seen) >= self.max_chunks:
            return
        new = set(words)
        new -= seen
        self._tokenize_alone(new)

    def _tokenize_alone(self, chunks: set[str]) -> None:
        tokenize = self.tokenizer
        for chunk in chunks:
            tokenize(chunk)
        self.seen |= chunks

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet (copy, unpickle): no endless recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)
