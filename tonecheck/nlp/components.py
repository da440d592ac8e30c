"""tonecheck's spaCy components, registered as factories (and exposed through the
``spacy_factories`` entry point, so ``nlp.add_pipe("tonecheck_rules")`` works without importing
tonecheck first).

- ``tonecheck_sentences``: sentence starts at end punctuation and line breaks;
- ``tonecheck_stats``: words, sentences, paragraphs, reading grade -> ``doc._.tonecheck_stats``;
- ``tonecheck_elements``: the four elements -> ``doc._.tonecheck_elements``;
- ``tonecheck_rules``: every enabled rule -> ``doc._.tonecheck_hits`` and ``doc.spans["tonecheck"]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tonecheck.config import Settings
from tonecheck.findings import Stats
from tonecheck.nlp.context import CheckContext
from tonecheck.nlp.elements import ElementFinder
from tonecheck.nlp.extensions import (
    ELEMENTS,
    HITS,
    PARAGRAPHS,
    SENTENCES,
    STATS,
    TEXT,
    register_extensions,
)
from tonecheck.nlp.matching import PhraseSet
from tonecheck.nlp.readability import reading_grade
from tonecheck.nlp.segment import paragraph_offsets, sentence_offsets, set_sentence_starts
from tonecheck.nlp.tokens import TokenView, token_view
from tonecheck.rules import ALL_RULES, Hit, Rule
from tonecheck.rules.base import PhraseEntry, pattern_file, phrase_file

SPAN_KEY = "tonecheck"
register_extensions()


@Language.component(
    "tonecheck_sentences", assigns=["token.is_sent_start", "doc._.tonecheck_sentences"]
)
def make_sentences(doc: Doc) -> Doc:
    """Sentence boundaries for letters (see ``tonecheck.nlp.segment``)."""
    return set_sentence_starts(doc)


@Language.component(
    "tonecheck_stats",
    assigns=["doc._.tonecheck_text", "doc._.tonecheck_stats", "doc._.tonecheck_paragraphs"],
    requires=["token.is_sent_start"],
)
def make_stats(doc: Doc) -> Doc:
    """Words, sentences, paragraphs and reading grade of the letter."""
    view = token_view(doc)
    data: dict[Any, Any] = doc.user_data  # doc._.tonecheck_* (see tonecheck.nlp.extensions)
    text = data[TEXT] = view.text  # doc.text is rebuilt on every access
    sentences = data.get(SENTENCES)
    if sentences is None:  # sentence starts set by another component
        sentences = data[SENTENCES] = sentence_offsets(doc)
    paragraphs = data[PARAGRAPHS] = paragraph_offsets(text)
    data[STATS] = Stats(
        words=len(view.word_starts),  # == tonecheck.textutil.count_words(text)
        sentences=len(sentences),
        paragraphs=len(paragraphs),
        reading_grade=reading_grade(text),
    )
    return doc


class ElementsComponent:
    """Finds thanks, pleasure, a learned detail and continued interest, sentence by sentence."""

    def __init__(self, nlp: Language) -> None:
        self.finder = ElementFinder(nlp)

    def __call__(self, doc: Doc) -> Doc:
        data: dict[Any, Any] = doc.user_data
        data[ELEMENTS] = self.finder.find(doc, data.get(SENTENCES) or [])
        return doc


@Language.factory(
    "tonecheck_elements",
    assigns=["doc._.tonecheck_elements"],
    requires=["doc._.tonecheck_sentences"],
)
def make_elements(nlp: Language, name: str) -> ElementsComponent:
    """Factory for :class:`ElementsComponent`."""
    return ElementsComponent(nlp)


class RulesComponent:
    """Runs every enabled rule: phrase lists and token patterns through matchers compiled once,
    the other kinds through their ``check`` functions."""

    def __init__(self, nlp: Language, settings: Settings) -> None:
        self.settings = settings
        self.rules: list[Rule] = [r for r in ALL_RULES if settings.rule_enabled(r.code)]
        self.phrases = PhraseSet(nlp)
        # One Matcher per pattern file, run only on the sentences where one of the file's "gate"
        # regexes (if it has any) matches: token patterns with wildcards are the pipeline's most
        # expensive step.
        self.pattern_groups: list[tuple[list[re.Pattern[str]], Matcher]] = []
        self._pattern_keys: dict[int, tuple[str, str | None]] = {}
        for rule in self.rules:
            if rule.kind == "existence" and rule.data:
                self.phrases.add(rule.code, phrase_file(rule.data))
            pattern_data = rule.data if rule.kind == "pattern" else rule.patterns
            if pattern_data:
                matcher = Matcher(nlp.vocab)
                gates: list[re.Pattern[str]] = []
                for i, item in enumerate(pattern_file(pattern_data)):
                    if "gate" in item:
                        # matched against the lower-cased text: much faster than re.IGNORECASE
                        gate = item["gate"]
                        gates += map(re.compile, [gate] if isinstance(gate, str) else gate)
                        continue
                    label = f"{rule.code}|{i}"
                    matcher.add(label, [item["pattern"]])
                    self._pattern_keys[nlp.vocab.strings[label]] = (
                        rule.code,
                        item.get("suggestion"),
                    )
                if len(matcher):
                    self.pattern_groups.append((gates, matcher))
        self.checks = [r for r in self.rules if r.check is not None]
        # "Perfect Fit" (a product) or "the Dream Team" (a quoted name) is not hyperbole.
        self._name_sensitive = {
            r.code for r in self.rules if r.category in ("hyperbole", "enthusiasm")
        }
        for code, extra in settings.extra_phrases.items():
            self.add_phrases(code, extra)

    def add_phrases(self, code: str, phrases: Iterable[str]) -> None:
        """Add user phrases to an existence rule (``extra_phrases`` in the config)."""
        self.phrases.add(code, [PhraseEntry(p.strip().lower()) for p in phrases if p.strip()])

    def __call__(self, doc: Doc) -> Doc:
        view = token_view(doc)
        text = view.text
        data: dict[Any, Any] = doc.user_data
        sentences: list[tuple[int, int]] = data.get(SENTENCES) or []
        hits: list[Hit] = []
        for code, index, start, end in self.phrases.find(doc):
            if code in self._name_sensitive and _looks_like_a_name(doc, text, start, end):
                continue
            entry = self.phrases.entries[code][index]
            hits.append(Hit(code, start, end, suggestion=entry.suggestion))
        lower = text.lower()
        # gates see line breaks as spaces: a hard-wrapped sentence still matches
        gated = lower.replace("\n", " ")
        for gates, matcher in self.pattern_groups:
            matched = []
            for first, stop in self._gated_ranges(gates, gated, view, sentences):
                for m, s, e in matcher(doc[first:stop]):
                    matched.append((self._pattern_keys[m], doc[first + s : first + e]))
            # Keep the longest of overlapping matches (one file belongs to one rule).
            for span in filter_spans([Span(doc, s.start, s.end, label=k[0]) for k, s in matched]):
                suggestion = next((k[1] for k, s in matched if s.start == span.start), None)
                hits.append(Hit(span.label_, span.start_char, span.end_char, suggestion=suggestion))
        stats: Stats = data[STATS]
        ctx = CheckContext(
            doc=doc,
            text=text,
            lower=lower,
            tokens=view,
            settings=self.settings,
            sentences=sentences,
            paragraphs=data.get(PARAGRAPHS) or [],
            words=stats.words,
            reading_grade=stats.reading_grade,
            elements=data.get(ELEMENTS) or {},
        )
        for rule in self.checks:
            assert rule.check is not None
            hits.extend(rule.check(ctx))
        hits.sort(key=lambda h: (h.start, h.end, h.code))
        data[HITS] = hits
        spans = [
            doc.char_span(h.start, h.end, label=h.code, alignment_mode="expand")
            for h in hits
            if h.end > h.start
        ]
        doc.spans[SPAN_KEY] = [s for s in spans if s is not None]
        return doc

    @staticmethod
    def _gated_ranges(
        gates: list[re.Pattern[str]],
        lower: str,
        view: TokenView,
        sentences: list[tuple[int, int]],
    ) -> list[tuple[int, int]]:
        """The token ranges a gated Matcher runs on: the sentences where one of its gates matches
        (a Matcher with wildcards costs about a millisecond per letter, a regex microseconds), or
        the whole letter without gates or without sentences."""
        if not gates or not sentences:
            if gates and not any(gate.search(lower) for gate in gates):
                return []
            return [(0, len(view))]
        spans = sorted(m.span() for gate in gates for m in gate.finditer(lower))
        if not spans:
            return []
        starts = [s for s, _ in sentences]
        ranges: list[tuple[int, int]] = []
        for m_start, m_end in spans:
            first = sentences[max(0, bisect_right(starts, m_start) - 1)][0]
            last = sentences[max(0, bisect_right(starts, max(m_start, m_end - 1)) - 1)][1]
            span = (view.token_at(first), view.token_at(last))
            if ranges and span[0] < ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], span[1]))
            else:
                ranges.append(span)
        return ranges


_QUOTES = "\"'“”‘’«»"


def _looks_like_a_name(doc: Doc, text: str, start: int, end: int) -> bool:
    """A quoted phrase, or a Title Case phrase of several words inside a sentence."""
    before = text[:start].rstrip(" ")
    if before.endswith(tuple(_QUOTES)) and text[end : end + 1] in _QUOTES:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    return len(words) >= 2 and all(t.text[0].isupper() for t in words) and not span[0].is_sent_start


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
) -> RulesComponent:
    """Factory for :class:`RulesComponent`; its config holds thresholds, never phrase data."""
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
    )
    return RulesComponent(nlp, settings)


def rules_config(settings: Settings) -> dict[str, Any]:
    """The ``tonecheck_rules`` config for a Settings object."""
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
    }
