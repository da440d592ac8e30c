"""What a custom rule's ``check`` function sees: the Doc plus what the annotators computed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from tonecheck.config import Settings
from tonecheck.nlp.tokens import TokenView


@dataclass(frozen=True)
class CheckContext:
    """Per-letter inputs of the rules."""

    doc: Doc
    text: str  # doc.text, built once (spaCy rebuilds it from the tokens on every access)
    lower: str  # text.lower()
    tokens: TokenView  # the tokens as plain lists
    settings: Settings
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    words: int
    reading_grade: float
    elements: dict[str, dict[str, Any] | None]

    @property
    def word_starts(self) -> list[int]:
        """Where each word (``tonecheck.textutil.WORD_RE``) starts, in order."""
        return self.tokens.word_starts
