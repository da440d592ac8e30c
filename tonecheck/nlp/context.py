"""What a rule's ``check`` function sees: the Doc plus what the pipeline already computed."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tonecheck.config import Settings
from tonecheck.nlp.elements import ElementHit


@dataclass(frozen=True)
class CheckContext:
    """Per-letter inputs of the rules."""

    doc: Doc
    text: str  # doc.text, built once: spaCy rebuilds it from the tokens on every access
    tokens: list[Token]  # list(doc), built once: rules iterate it instead of the Doc
    lowers: list[str]  # token.lower_ of each token
    word_starts: list[int]  # where each word (tonecheck.textutil.WORD_RE) starts, in order
    settings: Settings
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    words: int
    reading_grade: float
    elements: dict[str, ElementHit | None]
