"""The token columns (TokenView) equal what spaCy's Token objects say, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.config import Settings
from tonecheck.linter import get_nlp
from tonecheck.nlp.tokens import token_view
from tonecheck.textutil import count_words

NLP = get_nlp(Settings())
PIECES = st.sampled_from(
    [
        "Dear",
        "Ms.",
        "Park",
        ",",
        "\n",
        "\n\n",
        " ",
        "  ",
        "\r\n",
        "can't",
        "İstanbul",
        "ÉTÉ",
        "SO",
        "great!!",
        "😀",
        "e.g.",
        "“quoted”",
        "-",
        "\t",
        "...",
        "U.S.",
        "3pm",
        "ﬁne",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_token_view_matches_spacy_tokens(text: str) -> None:
    doc = NLP.make_doc(text)
    view = token_view(doc)
    assert view.text == doc.text
    assert view.texts == [t.text for t in doc]
    assert view.lowers == [t.lower_ for t in doc]
    assert view.starts == [t.idx for t in doc]
    assert view.spaces == [bool(t.whitespace_) for t in doc]
    assert [view.end(i) for i in range(len(view))] == [t.idx + len(t.text) for t in doc]
    assert len(view.word_starts) == count_words(text)  # the word count the corpus guide uses
    assert token_view(doc) is view  # built once per Doc
    words = frozenset({"so", "dear", "can", "été", "😀", "-"})
    assert view.indices(words) == [i for i, t in enumerate(doc) if t.lower_ in words]
