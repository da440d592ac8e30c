"""tonecheck's annotators as spaCy pipeline components (registered in ``tonecheck.pipeline``).

- sentences: sentence starts at end punctuation and line breaks -> ``doc._.tonecheck_sentences``;
- stats: words, sentences, paragraphs, reading grade -> ``doc._.tonecheck_stats``;
- elements: the four elements -> ``doc._.tonecheck_elements``.

They write only plain values on the Doc (see ``tonecheck.nlp.extensions``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tonecheck.nlp.elements import ElementFinder
from tonecheck.nlp.readability import reading_grade
from tonecheck.nlp.segment import paragraph_offsets, sentence_offsets, set_sentence_starts
from tonecheck.nlp.tokens import token_view


def sentences(doc: Doc) -> Doc:
    """Sentence boundaries for letters (see ``tonecheck.nlp.segment``)."""
    return set_sentence_starts(doc)


def stats(doc: Doc) -> Doc:
    """Words, sentences, paragraphs and reading grade of the letter."""
    view = token_view(doc)
    found = doc._.tonecheck_sentences
    if found is None:  # sentence starts set by another component
        found = doc._.tonecheck_sentences = sentence_offsets(doc)
    paragraphs = doc._.tonecheck_paragraphs = paragraph_offsets(view.text)
    doc._.tonecheck_stats = {
        "words": len(view.word_starts),  # == tonecheck.textutil.count_words(text)
        "sentences": len(found),
        "paragraphs": len(paragraphs),
        "reading_grade": reading_grade(view.text),
    }
    return doc


class ElementsComponent:
    """Finds thanks, pleasure, a learned detail and continued interest, sentence by sentence."""

    def __init__(self, nlp: Language) -> None:
        self.finder = ElementFinder(nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc._.tonecheck_elements = self.finder.find(doc, doc._.tonecheck_sentences or [])
        return doc
