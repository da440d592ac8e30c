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
# by one: "n't", "'s", "'ve"...). Counted piece by piece: a pattern such as ``\S*?\w\S*`` retries
# a long piece without a word character from each of its positions (quadratic on 10,000 "!").
_HAS_WORD = re.compile(r"\w")


def _word_pieces(pieces: list[str]) -> int:
    """How many of ``pieces`` hold a word character (linear in their length)."""
    has_word = _HAS_WORD.search
    return sum(1 for piece in pieces if has_word(piece))


def _has_three_words(run: str) -> bool:
    """Whether a sentence run holds at least three word pieces (textstat does not count a run of
    two or fewer). Stops at the third, so each run costs at most its own length."""
    has_word = _HAS_WORD.search
    count = 0
    for piece in run.split():
        if has_word(piece):
            count += 1
            if count == 3:
                return True
    return False


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
    words = _word_pieces(pieces)
    runs = _SENTENCE_RE.findall(text)
    short = sum(1 for run in runs if not _has_three_words(run))
    words_per_sentence = words / max(1, len(runs) - short)
    if chars_per_piece == 0 or words_per_sentence == 0:
        return 0.0
    return (4.71 * chars_per_piece) + (0.5 * words_per_sentence) - 21.43
