"""What a rule's ``check`` function sees: the Doc plus what the pipeline already computed."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from tonecheck.config import Settings
from tonecheck.nlp.elements import ElementHit


@dataclass(frozen=True)
class CheckContext:
    """Per-letter inputs of the rules."""

    doc: Doc
    settings: Settings
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    words: int
    reading_grade: float
    elements: dict[str, ElementHit | None]

    @property
    def text(self) -> str:
        return self.doc.text
