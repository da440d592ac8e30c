"""Sentences of a letter: line ends, closing quotes, abbreviations and hard-wrapped e-mail."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.nlp.segment import paragraph_offsets, sentence_offsets, set_sentence_starts

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


def _reference_starts(text: str) -> tuple[list[bool], list[tuple[int, int]]]:
    """The segmenter's rules applied token by token, written as plainly as possible: sentence
    starts and trimmed sentence offsets (the segmenter itself skips runs of ordinary words)."""
    from tonecheck.nlp.segment import _ABBREV, _CLOSERS, _END, _wrapped
    from tonecheck.nlp.tokens import token_view

    doc = NLP.make_doc(text)
    view = token_view(doc)
    texts = view.texts
    starts = [False] * len(texts)
    offsets: list[tuple[int, int]] = []
    first = last = -1
    after_end, prev_text = True, ""
    for i, tok in enumerate(texts):
        if tok.isspace():
            if "\n" in tok and (tok.count("\n") > 1 or not _wrapped(view, i)):
                after_end = True
        elif tok in _CLOSERS and prev_text in _END and not view.spaces[i - 1]:
            last = i
        else:
            if after_end:
                starts[i] = True
                if first >= 0:
                    offsets.append((view.starts[first], view.end(last)))
                first = i
            last = i
            after_end = tok in _END or (
                tok.endswith(".") and len(tok) > 1 and tok.lower() not in _ABBREV
            )
        prev_text = tok
    if first >= 0:
        offsets.append((view.starts[first], view.end(last)))
    if starts:
        starts[0] = True
    return starts, offsets


PIECES = st.sampled_from(
    ["Dear", "ms", "Ms.", "e.g.", "x.", "3.5", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0",
     ".", "!", "?", "?!", "…", '"', "'", ")", "]", "”", "’", "word", "a", "B", ",",
     "this line is long enough to wrap a sentence at forty characters"]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join))
def test_segmenter_equals_token_by_token_reference(text: str) -> None:
    from tonecheck.nlp.extensions import SENTENCES

    doc = set_sentence_starts(NLP.make_doc(text))
    starts, offsets = _reference_starts(text)
    assert [t.is_sent_start for t in doc] == starts
    assert doc.user_data[SENTENCES] == offsets
