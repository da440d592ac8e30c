"""The one orchestrator: build the pipeline, lint a text, lint paths.

``text -> nlp -> Doc -> hits -> findings -> Report``. Library code never prints or exits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tonecheck.config import Settings
from tonecheck.errors import InputError
from tonecheck.findings import ELEMENT_NAMES, Evidence, Finding, Report
from tonecheck.nlp.extensions import ELEMENTS, HITS, STATS, TEXT
from tonecheck.rules import RULES_BY_CODE, Hit
from tonecheck.sources import Source, read_source
from tonecheck.textutil import length_verdict, line_col

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The order of Finding (start, end, code), as a key: much faster to sort by than Finding.__lt__.
FINDING_ORDER = attrgetter("start", "end", "code")


def build_nlp(settings: Settings | None = None) -> Language:
    """A blank English pipeline with tonecheck's components (no statistical model needed)."""
    import spacy

    from tonecheck.nlp import components
    from tonecheck.nlp.tokenizer import CachingTokenizer

    settings = settings or Settings()
    nlp = spacy.blank("en")
    nlp.tokenizer = CachingTokenizer(nlp.tokenizer)  # same Docs, faster (see the module)
    nlp.add_pipe("tonecheck_sentences")
    nlp.add_pipe("tonecheck_stats")
    nlp.add_pipe("tonecheck_elements")
    nlp.add_pipe("tonecheck_rules", config=components.rules_config(settings))
    rules = nlp.get_pipe("tonecheck_rules")
    for code, phrases in settings.extra_phrases.items():
        rules.add_phrases(code, phrases)  # type: ignore[attr-defined]
    return nlp


_NLP_CACHE: dict[str, Language] = {}


def get_nlp(settings: Settings) -> Language:
    """The pipeline for ``settings``, built once per process for each distinct rule setup."""
    from tonecheck.nlp.components import rules_config

    key = repr((sorted(rules_config(settings).items()), sorted(settings.extra_phrases.items())))
    nlp = _NLP_CACHE.get(key)
    if nlp is None:
        nlp = _NLP_CACHE[key] = build_nlp(settings)
    return nlp


def report_from_doc(doc: Doc, source: str, settings: Settings) -> Report:
    """Turn an annotated Doc into a Report (findings sorted by position)."""
    data: dict[Any, Any] = doc.user_data  # doc._.tonecheck_* (see tonecheck.nlp.extensions)
    text = data.get(TEXT) or doc.text
    findings = _dedupe(
        _finding(hit, text, settings) for hit in data[HITS] if settings.rule_enabled(hit.code)
    )
    found = data[ELEMENTS]
    elements = {name: found.get(name) is not None for name in ELEMENT_NAMES}
    evidence: dict[str, Evidence | None] = {}
    for name in ELEMENT_NAMES:
        hit = found.get(name)
        if hit is None:
            evidence[name] = None
        else:
            start, end = hit.sentence
            evidence[name] = Evidence(start, end, text[start:end])
    stats = data[STATS]
    return Report(
        source=source,
        findings=tuple(sorted(findings, key=FINDING_ORDER)),
        elements=elements,
        evidence=evidence,
        length=length_verdict(stats.words, settings.min_words, settings.max_words),
        stats=stats,
        text=text,
    )


def _finding(hit: Hit, text: str, settings: Settings) -> Finding:
    rule = RULES_BY_CODE[hit.code]
    match = text[hit.start : hit.end]
    line, column = line_col(text, hit.start)
    return Finding(
        start=hit.start,
        end=hit.end,
        code=rule.code,
        name=rule.name,
        category=rule.category,
        severity=settings.severity.get(rule.code, rule.severity),
        message=rule.render_message(match, hit.detail),
        line=line,
        column=column,
        match=match,
        suggestion=hit.suggestion if hit.suggestion is not None else rule.suggestion,
    )


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Within a category, keep the longest of overlapping span findings."""
    kept: list[Finding] = []
    for f in sorted(findings, key=lambda f: (-(f.end - f.start), f.start, f.code)):
        if f.end > f.start and any(
            k.category == f.category and k.start < f.end and f.start < k.end for k in kept
        ):
            continue
        kept.append(f)
    return kept


def _make_doc(nlp: Language, text: str) -> Doc:
    """Tokenize ``text`` and keep it on the Doc (spaCy rebuilds ``doc.text`` on every access)."""
    doc = nlp.make_doc(text)
    data: dict[Any, Any] = doc.user_data
    data[TEXT] = text  # doc._.tonecheck_text
    return doc


def lint_text(text: str, source: str = "<text>", settings: Settings | None = None) -> Report:
    """Lint one letter given as text."""
    settings = settings or Settings()
    if not text.strip():
        raise InputError(f"{source}: file is empty", kind="empty")
    nlp = get_nlp(settings)
    doc = nlp(_make_doc(nlp, text))
    return _with_tone(report_from_doc(doc, source, settings), settings)


def lint_sources(
    sources: Iterable[Source],
    settings: Settings | None = None,
    batch_size: int = 64,
    keep_text: bool = True,
) -> Iterator[Report]:
    """Lint decoded sources in order, through ``nlp.pipe`` in batches. ``keep_text=False`` leaves
    ``Report.text`` out (formats that do not show the letter)."""
    settings = settings or Settings()
    nlp = get_nlp(settings)
    items = ((_make_doc(nlp, s.text), s.name) for s in sources)
    for doc, name in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        yield _with_tone(report_from_doc(doc, name, settings), settings, keep_text)


def lint_paths(paths: Iterable[Path], settings: Settings | None = None) -> Iterator[Report]:
    """Lint files in order; a file that cannot be read becomes an error Report, never an exception."""
    settings = settings or Settings()
    for path in paths:
        try:
            source = read_source(path, settings.max_bytes)
        except InputError as exc:
            yield Report.failed(str(path), exc.kind, exc.message)
            continue
        yield lint_text(source.text, source.name, settings)


def _with_tone(report: Report, settings: Settings, keep_text: bool = True) -> Report:
    """Add the classifier's judgment (and the TC601 finding when the letter does not read cool and
    cordial). Without a shipped model, the tone keys stay null."""
    from tonecheck.tone.model import load_model, model_available

    if not model_available():
        return report if keep_text else replace(report, text=None)
    tone = load_model().predict(report)
    findings = report.findings
    rule = RULES_BY_CODE["TC601"]
    if tone.tone != "cool_cordial" and settings.rule_enabled(rule.code):
        reasons = ", ".join(d.description for d in tone.drivers[:3]) or "its wording overall"
        finding = Finding(
            start=0,
            end=0,
            code=rule.code,
            name=rule.name,
            category=rule.category,
            severity=settings.severity.get(rule.code, rule.severity),
            message=rule.render_message(
                "", f"{tone.tone} (score {tone.score:.0f}/100), mainly because of {reasons}"
            ),
            suggestion=rule.suggestion,
        )
        findings = tuple(sorted((*findings, finding), key=FINDING_ORDER))
    return Report(  # dataclasses.replace, without its cost per letter
        source=report.source,
        status=report.status,
        error_kind=report.error_kind,
        error_message=report.error_message,
        findings=findings,
        elements=report.elements,
        evidence=report.evidence,
        length=report.length,
        stats=report.stats,
        tone=tone,
        text=report.text if keep_text else None,
    )
