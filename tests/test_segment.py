"""Sentences of a letter: line ends, closing quotes, abbreviations and hard-wrapped e-mail."""

from __future__ import annotations

import itertools

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.nlp.extensions import register_extensions
from tonecheck.nlp.segment import paragraph_offsets, sentence_offsets, set_sentence_starts

register_extensions()
NLP = spacy.blank("en")


def sentences(text: str) -> list[str]:
    doc = set_sentence_starts(NLP(text))
    return [text[s:e] for s, e in sentence_offsets(doc)]


def test_line_ends_and_punctuation() -> None:
    text = 'Dear Ms. Park,\n\nThank you! "It was good." Really? Yes (truly.) Ok.\nBest,\nSam'
    assert sentences(text) == [
        "Dear Ms. Park,",
        "Thank you!",
        '"It was good."',
        "Really?",
        "Yes (truly.)",
        "Ok.",
        "Best,",
        "Sam",
    ]


def test_hard_wrapped_lines_are_joined() -> None:
    text = (
        "Thank you for meeting with me on Tuesday. I enjoyed hearing about\n"
        "the move to barcode scanning on Ward 6, and I remain interested in\n"
        "the role.\n\nBest regards,\nSam Ortiz"
    )
    assert sentences(text)[1] == (
        "I enjoyed hearing about\nthe move to barcode scanning on Ward 6, and I remain "
        "interested in\nthe role."
    )
    assert sentences(text)[-2:] == ["Best regards,", "Sam Ortiz"]


def test_paragraphs() -> None:
    text = "One.\n\n  Two\nstill two.\n\n\nThree."
    assert [text[s:e] for s, e in paragraph_offsets(text)] == ["One.", "Two\nstill two.", "Three."]


@pytest.mark.parametrize(
    "text",
    [
        "One.\r\n\r\n  Two\r\nstill two.\r\n\r\n\r\nThree.\r\n",  # Windows line ends
        "One.  \n \t\n  Two\nstill two. \n\n\nThree.  ",  # trailing spaces before a blank line
        "\n\nOne.\n\n  Two\nstill two.\n\n\nThree.\n\n",
    ],
)
def test_paragraphs_whatever_the_line_ends(text: str) -> None:
    assert [text[s:e].replace("\r", "") for s, e in paragraph_offsets(text)] == [
        "One.",
        "Two\nstill two.",
        "Three.",
    ]


PIECES = st.sampled_from(
    ["Dear", "ms", "Ms.", "e.g.", "x.", "3.5", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0",
     ".", "!", "?", "?!", "…", '"', "'", ")", "]", "”", "’", "word", "a", "B", ",",
     "this line is long enough to wrap a sentence at forty characters"]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join))
def test_sentence_offsets_agree_with_the_sentence_starts(text: str) -> None:
    """Each sentence (trimmed offsets) begins at a token spaCy marks as a sentence start, the
    sentences are in order without overlap, and every non-space token lies in one of them."""
    doc = set_sentence_starts(NLP.make_doc(text))
    offsets = doc._.tonecheck_sentences
    starts = {t.idx for t in doc if t.is_sent_start and not t.is_space}
    assert all(s in starts for s, _ in offsets)
    assert all(e1 <= s2 for (_, e1), (s2, _) in itertools.pairwise(offsets))
    for token in doc:
        if not token.is_space:
            assert any(s <= token.idx < e for s, e in offsets), token.text
