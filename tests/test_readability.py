"""tonecheck's one-pass reading grade equals textstat's Automated Readability Index exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from tonecheck.nlp.readability import reading_grade


def textstat_grade(text: str) -> float:
    """The Automated Readability Index as textstat itself computes it (the reference)."""
    import textstat  # a test dependency; ARI counts no syllables, so NLTK is never reached

    return float(textstat.automated_readability_index(text)) if text.strip() else 0.0


# Pieces that exercise textstat's counting: end punctuation runs, apostrophes kept or removed,
# pieces without a word character, Unicode letters, digits, underscores and odd white space.
PIECES = st.sampled_from(
    [
        "Dear",
        "Ms.",
        "Park",
        ",",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\u00a0",
        "\r\n",
        "can't",
        "it's",
        "'quoted'",
        "'",
        "''",
        "rock 'n' roll",
        "-",
        " - ",
        "—",
        "...",
        "!!",
        "?",
        ".",
        "!?",
        "e.g.",
        "3.5",
        "2026",
        "_",
        "snake_case",
        "İstanbul",
        "été",
        "😀",
        ":)",
        "(a)",
        "x",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_equals_textstat_on_generated_text(text: str) -> None:
    assert reading_grade(text) == textstat_grade(text)


def test_equals_textstat_on_every_corpus_letter() -> None:
    texts = [letter.text for letter in corpus.load()]
    variants = [t.upper() for t in texts[::7]] + [t.replace(".", "!!") for t in texts[1::7]]
    for text in texts + variants:
        assert reading_grade(text) == textstat_grade(text), text[:60]


@pytest.mark.parametrize("text", ["", " \n\t", "...", "'", "a", "a b.", "One two three."])
def test_equals_textstat_on_edge_cases(text: str) -> None:
    assert reading_grade(text) == textstat_grade(text)


def test_harder_text_reads_at_a_higher_grade() -> None:
    hard = "Notwithstanding organisational heterogeneity, harmonisation necessitates consultation."
    assert reading_grade(hard) > reading_grade("Thank you. It was good.") + 10
