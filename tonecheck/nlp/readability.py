"""Reading grade: textstat's Automated Readability Index, counted in one pass, guaranteed offline.

textstat defines the metric. Its ``automated_readability_index`` counts the same text several times
over (each sentence is re-cleaned of punctuation to see whether it has more than two words), which
cost about 0.09 ms a letter, a tenth of a letter's whole lint. ``reading_grade`` counts characters,
words and sentences exactly as textstat 0.7 does, in one pass; ``tests/test_readability.py`` holds
it equal to textstat's own result on the corpus and on generated text.

textstat itself is a test dependency only: tonecheck never imports it (nor NLTK, whose downloader
textstat's syllable counting would reach), so nothing here can touch the network.
"""

from __future__ import annotations

import re

# textstat 0.7's sentences: a run from a word boundary to the next end punctuation.
_SENTENCE_RE = re.compile(r"\b[^.!?]+[.!?]*")
# textstat's words (``count_words``): the white-space separated pieces left after it removes
# punctuation, i.e. the pieces holding a word character (an apostrophe it keeps is always followed
# by one: "n't", "'s", "'ve"...).
_WORD_RE = re.compile(r"\S*?\w\S*")
# A sentence run with at least three such words (textstat does not count a run of two or fewer).
_WORD_THEN_SPACE = r"(?:[^\w\s]+\s+)*\S*?\w\S*\s+"
_THREE_WORDS_RE = re.compile(r"\s*" + _WORD_THEN_SPACE * 2 + r"(?:[^\w\s]+\s+)*\S*?\w")


def reading_grade(text: str) -> float:
    """The Automated Readability Index of ``text`` (a US school grade), 0.0 for empty text:
    textstat's ``automated_readability_index``, counted in one pass.

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
