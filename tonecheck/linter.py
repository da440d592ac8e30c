"""The one orchestrator: build the pipeline, lint a text, lint paths.

``text -> nlp -> Doc -> hits -> findings -> Report``. Library code never prints or exits.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from tonecheck import suppress
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
_NLP_LOCK = threading.Lock()


def get_nlp(settings: Settings) -> Language:
    """The pipeline for ``settings``, built once per process for each distinct rule setup."""
    from tonecheck.pipeline import rules_config

    key = repr(sorted(rules_config(settings).items()))
    nlp = _NLP_CACHE.get(key)
    if nlp is None:
        with _NLP_LOCK:  # two threads must not build (and cache) two pipelines for one key
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


def lint_text(
    text: str,
    source: str = "<text>",
    settings: Settings | None = None,
    *,
    nlp: Language | None = None,
) -> Report:
    """Lint one letter given as text.

    Args:
        text: the letter, as decoded text. Offsets in the result are indices into it.
        source: the name shown in the results (a file name). A name ending in ``.md`` or
            ``.markdown`` turns on the inline ``<!-- tonecheck-disable ... -->`` comments.
        settings: thresholds and rule selection; the defaults when None.
        nlp: a pipeline built by :func:`build_nlp` for these ``settings``, for a caller that
            keeps its own (the web server); otherwise the process-wide one for ``settings``.

    Returns:
        The Report: findings sorted by position, elements, length, stats, tone (when the model
        is shipped), and any findings suppressed inline.

    Raises:
        InputError: the text is empty or blank (kind ``empty``).

    Thread safety: a Report is immutable, and the pipeline for a given ``settings`` is built
    once per process (under a lock) and only read afterwards, so threads may call this at once.
    """
    settings = settings or Settings()
    check_text(text, source, settings)
    regions = _suppressions(text, source)
    analysed = suppress.blank(text) if regions is not None else text
    nlp = nlp or get_nlp(settings)
    report = _with_tone(nlp, report_from_doc(nlp(analysed), source, settings), settings)
    return _suppressed(report, text, regions)


def _suppressions(text: str, source: str) -> tuple[suppress.Region, ...] | None:
    """The inline-suppression regions of a Markdown letter that has directives, else None."""
    if suppress.applies_to(source) and suppress.has_directives(text):
        return suppress.regions(text)
    return None


def _suppressed(report: Report, text: str, regions: tuple[suppress.Region, ...] | None) -> Report:
    if regions is None:
        return report
    kept, gone = suppress.split(report.findings, regions)
    return replace(
        report, findings=kept, suppressed=gone, text=None if report.text is None else text
    )


def lint_source(source: Source, settings: Settings) -> Report:
    """Lint one decoded input, every body alternative of an e-mail message included (see
    :func:`with_alternatives`); whatever goes wrong becomes an error Report."""
    return with_alternatives(lint_safely(source.text, source.name, settings), source, settings)


def _squash(text: str) -> str:
    return " ".join(text.split())


def with_alternatives(report: Report, source: Source, settings: Settings) -> Report:
    """Add to an e-mail's report the findings of its other body alternatives.

    The recipient may read either alternative, so each is checked: the report's analysis (score,
    elements, stats) is of ``source.text``, its findings are marked with the part they are in, and
    an alternative whose words differ adds its span findings that the first one does not have (same
    code and matched words), with offsets into that alternative's text (``Report.part_texts``).
    """
    if source.part is None or not report.ok:
        return report
    findings = [replace(f, part=source.part) for f in report.findings]
    seen = {(f.code, f.match) for f in findings}
    texts = []
    for other in source.alternatives:
        texts.append((other.label, other.text))
        if _squash(other.text) == _squash(source.text):
            continue  # the same words: the same findings
        checked = lint_safely(other.text, source.name, settings)
        if not checked.ok:
            return checked
        for finding in checked.findings:
            if finding.end > finding.start and (finding.code, finding.match) not in seen:
                seen.add((finding.code, finding.match))
                findings.append(replace(finding, part=other.label))
    return replace(
        report,
        findings=tuple(sorted(findings, key=FINDING_ORDER)),
        parts=(source.part, *(label for label, _ in texts)),
        part_texts=tuple(texts),
    )


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

    def checked() -> Iterator[tuple[str, tuple[int, Source, tuple[suppress.Region, ...] | None]]]:
        for i, source in enumerate(sources):
            try:
                check_text(source.text, source.name, settings)
            except InputError as exc:
                refused.append((i, Report.failed(source.name, exc.kind, exc.message)))
                continue
            regions = _suppressions(source.text, source.name)
            analysed = source.text if regions is None else suppress.blank(source.text)
            yield analysed, (i, source, regions)

    for doc, (i, src, regions) in nlp.pipe(checked(), as_tuples=True, batch_size=batch_size):
        while refused and refused[0][0] < i:
            yield refused.popleft()[1]
        report = _with_tone(nlp, report_from_doc(doc, src.name, settings), settings, keep_text)
        yield with_alternatives(_suppressed(report, src.text, regions), src, settings)
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
    """Lint files in order, lazily: one Report per path, in the order given.

    Each file is read by its suffix (``.txt``/``.md`` text, ``.eml`` body, ``.docx`` paragraphs).
    A file that cannot be read or linted becomes an error Report (``status == "error"``, with
    ``error_kind`` and a one-line ``error_message``); nothing is raised for one bad file, and no
    file is ever written. Thread safety as :func:`lint_text`.
    """
    settings = settings or Settings()
    for path in paths:
        try:
            source = read_source(path, settings.max_bytes)
        except InputError as exc:
            yield Report.failed(str(path), exc.kind, exc.message)
            continue
        yield lint_source(source, settings)


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
