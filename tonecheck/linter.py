"""The one orchestrator: build the pipeline, lint a text, lint paths.

``text -> nlp -> Doc -> hits -> findings -> Report``. Library code never prints or exits.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from tonecheck.config import Settings
from tonecheck.errors import InputError, TonecheckError
from tonecheck.findings import ELEMENT_NAMES, Evidence, Report, Stats
from tonecheck.sources import Source, read_source
from tonecheck.textutil import is_blank

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FINDING_ORDER = attrgetter("start", "end", "code")


def build_nlp(settings: Settings | None = None) -> Language:
    """A blank English pipeline with tonecheck's components (no statistical model needed)."""
    from tonecheck.pipeline import build_nlp as build

    return build(settings)


_NLP_CACHE: dict[str, Language] = {}


def get_nlp(settings: Settings) -> Language:
    """The pipeline for ``settings``, built once per process for each distinct rule setup."""
    from tonecheck.pipeline import rules_config

    key = repr(sorted(rules_config(settings).items()))
    nlp = _NLP_CACHE.get(key)
    if nlp is None:
        nlp = _NLP_CACHE[key] = build_nlp(settings)
    return nlp


def report_from_doc(doc: Doc, source: str, settings: Settings) -> Report:
    """Turn an annotated Doc into a Report (findings sorted by position)."""
    from tonecheck.rules.engine import to_finding
    from tonecheck.rules.length import length_verdict
    from tonecheck.rules.model import Hit

    text = doc._.tonecheck_tokens.text
    findings = [to_finding(Hit.from_plain(h), text, settings) for h in doc._.tonecheck_hits]
    found = doc._.tonecheck_elements
    evidence: dict[str, Evidence | None] = {}
    for name in ELEMENT_NAMES:
        hit = found.get(name)
        if hit is None:
            evidence[name] = None
        else:
            start, end = hit["sentence"]
            evidence[name] = Evidence(start, end, text[start:end])
    stats = Stats(**doc._.tonecheck_stats)
    return Report(
        source=source,
        findings=tuple(sorted(findings, key=FINDING_ORDER)),
        elements={name: evidence[name] is not None for name in ELEMENT_NAMES},
        evidence=evidence,
        length=length_verdict(stats.words, settings),
        stats=stats,
        text=text,
    )


def lint_text(text: str, source: str = "<text>", settings: Settings | None = None) -> Report:
    """Lint one letter given as text."""
    settings = settings or Settings()
    check_text(text, source, settings)
    nlp = get_nlp(settings)
    return _with_tone(nlp, report_from_doc(nlp(text), source, settings), settings)


def check_text(text: str, source: str, settings: Settings) -> None:
    """Refuse a text that cannot be analysed, with an InputError: ``empty`` (nothing visible),
    ``too-large`` (more characters than ``max_bytes``, e.g. a small .docx that inflates) or
    ``bad-encoding`` (a lone surrogate, which is not Unicode text and cannot be written out)."""
    if is_blank(text):
        raise InputError(f"{source}: file is empty", kind="empty")
    if len(text) > settings.max_bytes:
        raise InputError(
            f"{source}: the text is too long ({len(text):,} characters; the limit is "
            f"{settings.max_bytes:,}, see max_bytes)",
            kind="too-large",
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{source}: not valid text (a lone surrogate U+{ord(text[exc.start]):04X} at "
            f"character {exc.start})",
            kind="bad-encoding",
        ) from None


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
    refused: deque[tuple[int, Report]] = deque()  # in input order, as they are found

    def checked() -> Iterator[tuple[str, tuple[int, str]]]:
        for i, source in enumerate(sources):
            try:
                check_text(source.text, source.name, settings)
            except InputError as exc:
                refused.append((i, Report.failed(source.name, exc.kind, exc.message)))
                continue
            yield source.text, (i, source.name)

    for doc, (i, name) in nlp.pipe(checked(), as_tuples=True, batch_size=batch_size):
        while refused and refused[0][0] < i:
            yield refused.popleft()[1]
        yield _with_tone(nlp, report_from_doc(doc, name, settings), settings, keep_text)
    while refused:
        yield refused.popleft()[1]


def lint_safely(text: str, source: str, settings: Settings) -> Report:
    """Lint one letter; whatever goes wrong becomes an error Report, never an exception. The one
    place where "one bad input never sinks the run" is decided (``lint``, ``batch`` and
    ``presend`` all go through it)."""
    try:
        return lint_text(text, source, settings)
    except TonecheckError as exc:
        return Report.failed(source, exc.kind, exc.message)
    except Exception as exc:  # a bug on one letter must not sink the others
        return Report.failed(
            source, "internal-error", f"{source}: tonecheck failed on this letter ({exc!r})"
        )


def lint_paths(paths: Iterable[Path], settings: Settings | None = None) -> Iterator[Report]:
    """Lint files in order; a file that cannot be read or linted becomes an error Report."""
    settings = settings or Settings()
    for path in paths:
        try:
            source = read_source(path, settings.max_bytes)
        except InputError as exc:
            yield Report.failed(str(path), exc.kind, exc.message)
            continue
        yield lint_safely(source.text, source.name, settings)


def _with_tone(nlp: Language, report: Report, settings: Settings, keep_text: bool = True) -> Report:
    """Add the classifier's judgment, and the findings of the ``model`` rules on it (TC601).
    Without a shipped model, the tone keys stay null."""
    from tonecheck.rules.engine import to_finding
    from tonecheck.tone.model import load_model, model_available

    if not model_available():
        return report if keep_text else replace(report, text=None)
    tone = load_model().predict(report)
    engine = nlp.get_pipe("tonecheck_rules").engine  # type: ignore[attr-defined]
    text = report.text or ""
    added = [to_finding(hit, text, settings) for hit in engine.model_hits(tone)]
    findings = tuple(sorted((*report.findings, *added), key=FINDING_ORDER))
    return replace(report, findings=findings, tone=tone, text=report.text if keep_text else None)
