"""Reading grade: textstat's Automated Readability Index, counted in one pass, guaranteed offline.

textstat defines the metric. Its ``automated_readability_index`` counts the same text several times
over (each sentence is re-cleaned of punctuation to see whether it has more than two words), which
cost about 0.09 ms a letter, a tenth of a letter's whole lint. ``reading_grade`` counts characters,
words and sentences exactly as textstat 0.7 does, in one pass; ``tests/test_readability.py`` holds
it equal to textstat's own result on the corpus and on generated text, and ``textstat_grade`` gives
textstat's figure itself.

textstat imports NLTK only to look up syllables in cmudict, and on first use it calls
``nltk.download("cmudict")``, which needs the network (and importing NLTK costs about a second).
tonecheck uses the Automated Readability Index, which counts characters, words and sentences and no
syllables; to make sure the downloader can never be reached, textstat is imported with a stand-in
``nltk`` module whose ``download`` raises. Syllable-based textstat functions then fall back to pyphen's
hyphenation dictionary (shipped inside pyphen), still offline.
"""

from __future__ import annotations

import re
import sys
import types
from functools import cache
from typing import Any


class NetworkDisabledError(RuntimeError):
    """Raised if anything tries to download NLTK data through tonecheck's textstat."""


def _offline_nltk() -> types.ModuleType:
    def download(*_args: Any, **_kwargs: Any) -> bool:
        raise NetworkDisabledError("tonecheck never downloads NLTK data")

    def find(resource: str, *_args: Any, **_kwargs: Any) -> str:
        return resource  # pretend it is there; the corpus below is empty

    stub = types.ModuleType("nltk")
    stub.download = download  # type: ignore[attr-defined]
    stub.data = types.SimpleNamespace(find=find)  # type: ignore[attr-defined]
    stub.corpus = types.SimpleNamespace(  # type: ignore[attr-defined]
        cmudict=types.SimpleNamespace(dict=lambda: {})
    )
    return stub


@cache
def textstat_module() -> Any:
    """Import textstat with NLTK replaced by an offline stand-in (NLTK itself is left alone)."""
    saved = {
        name: mod for name, mod in sys.modules.items() if name == "nltk" or name.startswith("nltk.")
    }
    for name in saved:
        del sys.modules[name]
    sys.modules["nltk"] = _offline_nltk()
    try:
        import textstat
    finally:
        del sys.modules["nltk"]
        sys.modules.update(saved)
    return textstat


# textstat 0.7's sentences: a run from a word boundary to the next end punctuation.
_SENTENCE_RE = re.compile(r"\b[^.!?]+[.!?]*")
# textstat's words (``count_words``): the white-space separated pieces left after it removes
# punctuation, i.e. the pieces holding a word character (an apostrophe it keeps is always followed
# by one: "n't", "'s", "'ve"...).
_WORD_RE = re.compile(r"\S*?\w\S*")
# A sentence run with at least three such words (textstat does not count a run of two or fewer).
_WORD_THEN_SPACE = r"(?:[^\w\s]+\s+)*\S*?\w\S*\s+"
_THREE_WORDS_RE = re.compile(r"\s*" + _WORD_THEN_SPACE * 2 + r"(?:[^\w\s]+\s+)*\S*?\w")


def textstat_grade(text: str) -> float:
    """The Automated Readability Index computed by textstat itself (the reference)."""
    if not text.strip():
        return 0.0
    return float(textstat_module().automated_readability_index(text))


def reading_grade(text: str) -> float:
    """The Automated Readability Index of ``text`` (a US school grade), 0.0 for empty text:
    equal to :func:`textstat_grade`, counted in one pass.

    ARI = 4.71 * characters / pieces + 0.5 * words / sentences - 21.43, with textstat's counts:
    characters are the non-white-space characters, pieces the white-space separated pieces
    (punctuation included), words the pieces with a word character, and sentences the runs
    from a word boundary to end punctuation, not counting those of two words or fewer (at least
    one sentence).
    """
    pieces = text.split()
    if not pieces:
        return 0.0
    chars_per_piece = len("".join(pieces)) / len(pieces)
    words = len(_WORD_RE.findall(text))
    runs = _SENTENCE_RE.findall(text)
    short = sum(1 for run in runs if not _THREE_WORDS_RE.match(run))
    words_per_sentence = words / max(1, len(runs) - short)
    if chars_per_piece == 0 or words_per_sentence == 0:
        return 0.0
    return (4.71 * chars_per_piece) + (0.5 * words_per_sentence) - 21.43
