"""tonecheck's spaCy factories, and the pipeline the linter runs.

The factories are exposed through the ``spacy_factories`` entry point, so ``nlp.add_pipe(
"tonecheck_rules")`` works without importing tonecheck first, and a saved pipeline
(``nlp.to_disk``) loads with ``spacy.load`` with the same settings: the rules' settings, extra
phrases included, are the ``tonecheck_rules`` component's config (small values, never phrase data).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tonecheck.config import Settings
from tonecheck.findings import Severity
from tonecheck.nlp import components
from tonecheck.nlp.extensions import register_extensions
from tonecheck.nlp.tokenizer import CachingTokenizer
from tonecheck.nlp.tokens import token_view
from tonecheck.rules.context import CheckContext
from tonecheck.rules.engine import RuleEngine

SPAN_KEY = "tonecheck"
register_extensions()

Language.component(
    "tonecheck_sentences",
    assigns=["token.is_sent_start", "doc._.tonecheck_sentences"],
    func=components.sentences,
)
Language.component(
    "tonecheck_stats",
    assigns=["doc._.tonecheck_stats", "doc._.tonecheck_paragraphs"],
    requires=["token.is_sent_start"],
    func=components.stats,
)


@Language.factory(
    "tonecheck_elements",
    assigns=["doc._.tonecheck_elements"],
    requires=["doc._.tonecheck_sentences"],
    default_config={"detector": "learned"},
)
def make_elements(nlp: Language, name: str, detector: str) -> components.ElementsComponent:
    """Factory for :class:`tonecheck.nlp.components.ElementsComponent` (``detector``: ``learned``
    or ``rules``)."""
    return components.ElementsComponent(nlp, detector)


def make_sentences(nlp: Language, name: str) -> Any:
    """The ``tonecheck_sentences`` component (the entry point's target)."""
    return components.sentences


def make_stats(nlp: Language, name: str) -> Any:
    """The ``tonecheck_stats`` component (the entry point's target)."""
    return components.stats


class RulesComponent:
    """Runs the rule engine on each letter: ``doc._.tonecheck_hits`` and ``doc.spans["tonecheck"]``."""

    def __init__(self, nlp: Language, settings: Settings) -> None:
        self.settings = settings
        self.engine = RuleEngine(nlp, settings)

    def __call__(self, doc: Doc) -> Doc:
        view = token_view(doc)
        stats = doc._.tonecheck_stats
        ctx = CheckContext(
            doc=doc,
            text=view.text,
            lower=view.text.lower(),
            tokens=view,
            settings=self.settings,
            sentences=doc._.tonecheck_sentences or [],
            paragraphs=doc._.tonecheck_paragraphs or [],
            words=stats["words"],
            reading_grade=stats["reading_grade"],
            elements=doc._.tonecheck_elements or {},
        )
        hits = self.engine.run(ctx)
        doc._.tonecheck_hits = [h.to_plain() for h in hits]
        spans = [
            doc.char_span(h.start, h.end, label=h.code, alignment_mode="expand")
            for h in hits
            if h.end > h.start
        ]
        doc.spans[SPAN_KEY] = [s for s in spans if s is not None]
        return doc


@Language.factory(
    "tonecheck_rules",
    assigns=["doc._.tonecheck_hits", "doc.spans"],
    requires=["doc._.tonecheck_stats", "doc._.tonecheck_elements"],
    default_config={
        "min_words": 40,
        "max_words": 200,
        "max_sentence_words": 35,
        "max_paragraph_words": 90,
        "max_reading_grade": 14.0,
        "max_exclamations": 1,
        "select": [],
        "ignore": [],
        "required_elements": ["thanks", "learned_detail", "continued_interest"],
        "severity": {},
        "extra_phrases": {},
    },
)
def make_rules(
    nlp: Language,
    name: str,
    min_words: int,
    max_words: int,
    max_sentence_words: int,
    max_paragraph_words: int,
    max_reading_grade: float,
    max_exclamations: int,
    select: Sequence[str],
    ignore: Sequence[str],
    required_elements: Sequence[str],
    severity: Mapping[str, str],
    extra_phrases: Mapping[str, Sequence[str]],
) -> RulesComponent:
    """Factory for :class:`RulesComponent`; its config holds the rules' settings."""
    settings = Settings(
        min_words=min_words,
        max_words=max_words,
        max_sentence_words=max_sentence_words,
        max_paragraph_words=max_paragraph_words,
        max_reading_grade=max_reading_grade,
        max_exclamations=max_exclamations,
        select=tuple(select),
        ignore=tuple(ignore),
        required_elements=tuple(required_elements),
        severity={code: Severity.parse(level) for code, level in severity.items()},
        extra_phrases={code: tuple(p) for code, p in extra_phrases.items()},
    )
    return RulesComponent(nlp, settings)


def rules_config(settings: Settings) -> dict[str, Any]:
    """The ``tonecheck_rules`` config for a Settings object (what the rules read of it)."""
    return {
        "min_words": settings.min_words,
        "max_words": settings.max_words,
        "max_sentence_words": settings.max_sentence_words,
        "max_paragraph_words": settings.max_paragraph_words,
        "max_reading_grade": settings.max_reading_grade,
        "max_exclamations": settings.max_exclamations,
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "required_elements": list(settings.required_elements),
        "severity": {code: str(level) for code, level in sorted(settings.severity.items())},
        "extra_phrases": {code: list(p) for code, p in sorted(settings.extra_phrases.items())},
    }


def build_nlp(settings: Settings | None = None, element_detector: str = "learned") -> Language:
    """A blank English pipeline with tonecheck's components (no statistical model needed);
    ``element_detector="rules"`` finds the elements by the cue rules instead of the learned model."""
    settings = settings or Settings()
    nlp = spacy.blank("en")
    # the linter refuses a text longer than max_bytes characters first (``too-large``); spaCy's
    # own limit (1,000,000) must not turn a larger max_bytes into a traceback
    nlp.max_length = max(nlp.max_length, settings.max_bytes + 1)
    nlp.tokenizer = CachingTokenizer(nlp.tokenizer)  # same Docs, faster (spaCy issue 13950)
    nlp.add_pipe("tonecheck_sentences")
    nlp.add_pipe("tonecheck_stats")
    nlp.add_pipe("tonecheck_elements", config={"detector": element_detector})
    nlp.add_pipe("tonecheck_rules", config=rules_config(settings))
    return nlp
