"""Small text helpers shared by the rules, the corpus tools and the classifier.

Kept free of spaCy so the corpus checks and the formatters stay cheap to import.
"""

from __future__ import annotations

import re

# A word: a run of letters or digits, keeping inner apostrophes and hyphens ("don't", "follow-up").
WORD_RE = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")


def count_words(text: str) -> int:
    """Count the words of ``text`` as the corpus guide defines them (section 6)."""
    return len(WORD_RE.findall(text))


def line_col(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    last_nl = text.rfind("\n", 0, offset)
    return line, offset - last_nl
