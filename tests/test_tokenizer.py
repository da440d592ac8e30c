"""The caching tokenizer: the same Docs as spaCy's own tokenizer, without splitting a chunk twice."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, LENGTH, NORM, ORTH, SPACY  # type: ignore[import-not-found]
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

import corpus
from tonecheck.linter import build_nlp
from tonecheck.nlp.tokenizer import CachingTokenizer

PLAIN = spacy.blank("en").tokenizer
CACHING = CachingTokenizer(spacy.blank("en").tokenizer)  # one for all tests: its cache carries over

COLUMNS = [ORTH, NORM, SPACY, IDX, LENGTH]


def columns(doc: Doc) -> list[list[int]]:
    return doc.to_array(COLUMNS).tolist()  # type: ignore[no-any-return]


class CountingTokenizer(Tokenizer):
    """spaCy's English tokenizer, counting the chunks it splits with its affix rules (a chunk
    found in the cache or among the special cases is not split)."""

    def __init__(self) -> None:
        self.split: list[str] = []  # set first: loading the special cases splits chunks
        english = spacy.blank("en").tokenizer
        super().__init__(
            english.vocab,
            rules=english.rules,
            prefix_search=english.prefix_search,
            suffix_search=english.suffix_search,
            infix_finditer=english.infix_finditer,
            token_match=english.token_match,
            url_match=english.url_match,
        )

    def find_prefix(self, string: str) -> int:
        self.split.append(string)
        return super().find_prefix(string)  # type: ignore[no-any-return]


PIECES = [
    "Dear", "Ms.", "Mr.", "Dr.", "Park", "I'm", "I’m", "don't", "can't,", "won't.", "it's",
    "e.g.", "a.m.", ":)", ":-(", "<3", "(the", "role)", "interview,", "team.", "!!", "?!",
    "...", "—", "well-run", "$120,000", "2pm.", "https://example.com/x.", "ops@example.com",
    "U.S.", "Thank", "you", "SO", "excited", "“quoted”", "’til", "naïve", "🎉", "x",
]  # fmt: skip
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", " \n", "\r\n", "\t", "\u00a0", " \n\n  ", "\u2028"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=40),
    st.sampled_from(["", " ", "\n", "  \n"]),
)
def test_docs_equal_the_plain_tokenizer(words: list[tuple[str, str]], lead: str) -> None:
    text = lead + "".join(word + space for word, space in words)
    assert columns(CACHING(text)) == columns(PLAIN(text))
    assert columns(CACHING(text)) == columns(PLAIN(text))  # again, from the cache


def test_corpus_letters_tokenize_the_same() -> None:
    texts = [letter.text for letter in corpus.load()]
    for _ in range(2):  # the second pass runs from the cache
        for text in texts:
            assert columns(CACHING(text)) == columns(PLAIN(text))


def test_a_letter_seen_again_is_not_split_again() -> None:
    text = "Dear Ms. Park,\n\nThank you for the interview. I'm keen on the role.\r\n\r\nBest,\nSam"
    plain = CountingTokenizer()
    plain(text)
    plain.split.clear()
    plain(text)
    # spaCy's own tokenizer caches nothing after the first special case ("Ms.") of a text
    assert "interview." in plain.split

    counting = CountingTokenizer()
    caching = CachingTokenizer(counting)
    caching(text)
    counting.split.clear()
    assert columns(caching(text)) == columns(PLAIN(text))
    assert counting.split == []


def test_corpus_letters_are_not_split_again() -> None:
    counting = CountingTokenizer()
    caching = CachingTokenizer(counting)
    texts = [letter.text for letter in corpus.load()]
    for text in texts:
        caching(text)
    counting.split.clear()
    for text in texts:
        caching(text)
    # only chunks that hold a special case ("a.m.," "Co.,") are split again: spaCy never caches them
    rules = counting.rules
    assert counting.split, "the corpus has such chunks; an empty list means the count is broken"
    for chunk in counting.split:
        pieces = {chunk[i:j] for i in range(len(chunk)) for j in range(i + 1, len(chunk) + 1)}
        assert not pieces.isdisjoint(rules), chunk


def test_it_stops_remembering_at_its_limit() -> None:
    caching = CachingTokenizer(spacy.blank("en").tokenizer, max_chunks=400)
    assert len(caching.seen) == 88  # the white-space runs warmed first
    caching(" ".join(f"w{i}" for i in range(350)))
    assert len(caching.seen) == 438  # a text under the limit is remembered whole
    seen = set(caching.seen)
    text = "new words here"
    assert columns(caching(text)) == columns(PLAIN(text))
    assert caching.seen == seen


def test_it_copies() -> None:
    import copy

    twin = copy.deepcopy(CachingTokenizer(spacy.blank("en").tokenizer))
    assert columns(twin("Hi Ms. Park.")) == columns(PLAIN("Hi Ms. Park."))


def test_the_pipeline_uses_it_and_keeps_the_tokenizer_api() -> None:
    nlp = build_nlp()
    assert isinstance(nlp.tokenizer, CachingTokenizer)
    assert nlp.tokenizer.rules == PLAIN.rules  # other attributes are the wrapped tokenizer's
    assert [t.text for t in nlp.make_doc("I'm here.")] == ["I", "'m", "here", "."]
    docs = list(nlp.tokenizer.pipe(["Hi Ms. Park.", "Thanks!"]))
    assert [len(d) for d in docs] == [4, 2]


@pytest.mark.parametrize("size", [0, 1])
def test_tiny_texts(size: int) -> None:
    text = " " * size
    assert columns(CACHING(text)) == columns(PLAIN(text))
