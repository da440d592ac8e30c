"""The engine: compiles the enabled rules for one pipeline and runs them on a letter.

Each kind is run here, once per letter (phrase lists through one PhraseMatcher, each pattern file
through a Matcher, regular expressions on the text, metrics on the annotators' counts); a rule's
matches get its code stamped on them. A span inside a template's placeholder ("[THIS COMPANY]") is
never a finding: the words are the template's, not the writer's. The one overlap policy: of span findings of the same
category that overlap, the longest is kept (then the earliest, then the lowest code); findings
without a span (letter-wide) are always kept. :func:`to_finding` turns a hit into the
:class:`~tonecheck.findings.Finding` the user sees.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from tonecheck.config import Settings
from tonecheck.data import PhraseEntry, pattern_file, phrase_file
from tonecheck.findings import Finding, ToneResult
from tonecheck.nlp.matching import PhraseSet
from tonecheck.rules import ALL_RULES, RULES_BY_CODE, validate_settings
from tonecheck.rules.context import CheckContext
from tonecheck.rules.model import (
    Custom,
    Element,
    Existence,
    Hit,
    Match,
    Metric,
    Model,
    Occurrence,
    Pattern,
    Rule,
)
from tonecheck.textutil import line_col

# A template's placeholder: "[Interviewer Name]", "{specific_positive_aspect}".
PLACEHOLDER_RE = re.compile(r"\[[^\]\n]{1,80}\]|\{[^}\n]{1,80}\}")


@dataclass(frozen=True)
class _Compiled:
    """A rule with its regular expressions compiled."""

    rule: Rule
    regex: re.Pattern[str] | None = None
    each: re.Pattern[str] | None = None
    count: re.Pattern[str] | None = None


class RuleEngine:
    """The enabled rules of ``settings``, compiled against ``nlp``'s vocabulary and tokenizer."""

    def __init__(self, nlp: Language, settings: Settings) -> None:
        validate_settings(settings)
        self.settings = settings
        self.rules = [r for r in ALL_RULES if settings.rule_enabled(r.code)]
        self.phrases = PhraseSet(nlp)
        self.pattern_groups: list[_PatternGroup] = []
        self._pattern_keys: dict[int, tuple[str, str | None]] = {}
        self._compiled: list[_Compiled] = []
        for rule in self.rules:
            if isinstance(rule, Existence):
                if rule.data:
                    self.phrases.add(rule.code, phrase_file(rule.data))
                if rule.patterns:
                    self._add_patterns(nlp, rule.code, rule.patterns)
                if rule.regex:
                    self._compiled.append(_Compiled(rule, regex=re.compile(rule.regex)))
            elif isinstance(rule, Pattern):
                self._add_patterns(nlp, rule.code, rule.data)
            elif isinstance(rule, Occurrence):
                compiled = _Compiled(rule, each=re.compile(rule.each), count=re.compile(rule.count))
                self._compiled.append(compiled)
            elif not isinstance(rule, Model):
                self._compiled.append(_Compiled(rule))
        for code, phrases in settings.extra_phrases.items():
            if settings.rule_enabled(code):
                self.phrases.add(
                    code, [PhraseEntry(p.strip().lower()) for p in phrases if p.strip()]
                )
        self._skip_names = {r.code for r in self.rules if isinstance(r, Existence) and r.skip_names}
        self._negatable = {r.code for r in self.rules if isinstance(r, Existence) and r.negatable}
        self._alone_ok = {
            r.code: re.compile(r.alone_ok)
            for r in self.rules
            if isinstance(r, Existence) and r.alone_ok
        }
        self._category = {r.code: r.category for r in ALL_RULES}
        self._fills = {r.code for r in self.rules if r.category == "placeholder"}

    def _add_patterns(self, nlp: Language, code: str, data: str) -> None:
        group = _PatternGroup(Matcher(nlp.vocab), [])
        for i, item in enumerate(pattern_file(data)):
            if "gate" in item:
                gates = [item["gate"]] if isinstance(item["gate"], str) else item["gate"]
                group.gates.extend(re.compile(g) for g in gates)
                continue
            label = f"{code}|{i}"
            group.matcher.add(label, [item["pattern"]])
            self._pattern_keys[nlp.vocab.strings[label]] = (code, item.get("suggestion"))
        self.pattern_groups.append(group)

    def run(self, ctx: CheckContext) -> list[Hit]:
        """Every enabled rule's hits on one letter, after the overlap policy, sorted by position."""
        hits = list(self._phrase_hits(ctx))
        hits += self._pattern_hits(ctx)
        for compiled in self._compiled:
            code = compiled.rule.code
            hits += (
                Hit(code, m.start, m.end, m.suggestion, m.detail) for m in _matches(compiled, ctx)
            )
        if self._negatable:
            hits = [h for h in hits if h.code not in self._negatable or not negated(ctx.text, h)]
        holes = [m.span() for m in PLACEHOLDER_RE.finditer(ctx.text)]
        if holes:  # a template's placeholder is not the writer's words (TC7xx flags it as such)
            hits = [
                h
                for h in hits
                if h.end == h.start or h.code in self._fills or not _inside(h, holes)
            ]
        kept = keep_longest(hits)
        if self._alone_ok:
            kept = self._without_lone_markers(kept, ctx.text)
        kept.sort(key=lambda h: (h.start, h.end, h.code))
        return kept

    def _without_lone_markers(self, hits: list[Hit], text: str) -> list[Hit]:
        """Drop the hit of an ``alone_ok`` rule that is one mild marker and the only hit of its
        category."""
        per_category: dict[str, list[Hit]] = {}
        for hit in hits:
            per_category.setdefault(self._category.get(hit.code, ""), []).append(hit)
        lone = set()
        for group in per_category.values():
            mild = self._alone_ok.get(group[0].code) if len(group) == 1 else None
            if mild is not None and mild.fullmatch(text, group[0].start, group[0].end):
                lone.add(id(group[0]))
        return [h for h in hits if id(h) not in lone]

    def _phrase_hits(self, ctx: CheckContext) -> Iterator[Hit]:
        for code, index, start, end in self.phrases.find(ctx.doc):
            if code in self._skip_names and _looks_like_a_name(ctx.doc, ctx.text, start, end):
                continue
            yield Hit(code, start, end, suggestion=self.phrases.entries[code][index].suggestion)

    def _pattern_hits(self, ctx: CheckContext) -> list[Hit]:
        hits = []
        for group in self.pattern_groups:
            first: dict[int, str | None] = {}
            for match_id, start, end in group.matches(ctx):
                code, suggestion = self._pattern_keys[match_id]
                # the suggestion of the first pattern that matches at this start
                suggestion = first.setdefault(start, suggestion)
                span = ctx.doc[start:end]
                hits.append(Hit(code, span.start_char, span.end_char, suggestion=suggestion))
        return hits

    def model_hits(self, tone: ToneResult) -> list[Hit]:
        """The hits of the enabled ``model`` rules on the classifier's judgment of a letter."""
        hits = []
        for rule in self.rules:
            if isinstance(rule, Model) and (m := rule.judge(tone)) is not None:
                hits.append(Hit(rule.code, m.start, m.end, m.suggestion, m.detail))
        return hits


@dataclass(frozen=True)
class _PatternGroup:
    """The token patterns of one pattern file, and the file's gates.

    A gate is a regular expression on the lower-cased letter (line breaks read as spaces): the
    Matcher runs only on the sentences where a gate matches. Speed, measured: the ungated Matchers
    cost 0.90 ms of a letter's 1.70 ms on the corpus letters, the gated ones a small part of that
    (STYLE.md's 5 % rule is met many times over). A gate may admit more than its patterns match,
    never less: ``tests/test_rules.py`` runs every pattern file gated and ungated on the corpus.
    """

    matcher: Matcher
    gates: list[re.Pattern[str]]

    def matches(self, ctx: CheckContext) -> list[tuple[int, int, int]]:
        """(match id, start token, end token) of every match, in the Matcher's order."""
        out = []
        for first, stop in self.ranges(ctx):
            out += [(m, first + s, first + e) for m, s, e in self.matcher(ctx.doc[first:stop])]
        return out

    def ranges(self, ctx: CheckContext) -> list[tuple[int, int]]:
        """The token ranges to run on: the sentences (merged when they touch) where a gate
        matches; the whole letter for a file without gates."""
        if not self.gates:
            return [(0, len(ctx.doc))]
        text = ctx.lower.replace("\n", " ")  # a hard-wrapped sentence still matches
        spans = sorted(m.span() for gate in self.gates for m in gate.finditer(text))
        starts = [s for s, _ in ctx.sentences]
        ranges: list[tuple[int, int]] = []
        for m_start, m_end in spans:
            if ctx.sentences:
                first = ctx.sentences[max(0, bisect_right(starts, m_start) - 1)][0]
                last = ctx.sentences[max(0, bisect_right(starts, max(m_start, m_end - 1)) - 1)][1]
                span = (ctx.tokens.token_at(first), ctx.tokens.token_at(last))
            else:
                span = (0, len(ctx.doc))
            if ranges and span[0] < ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], span[1]))
            else:
                ranges.append(span)
        return ranges


def _matches(compiled: _Compiled, ctx: CheckContext) -> Iterator[Match]:
    """The matches of a rule of a kind that the engine runs on the text and the counts."""
    rule = compiled.rule
    if isinstance(rule, Existence) and compiled.regex is not None:
        for m in compiled.regex.finditer(ctx.text):
            yield Match(m.start(), m.end())
    elif isinstance(rule, Occurrence):
        assert compiled.count is not None and compiled.each is not None
        count = len(compiled.count.findall(ctx.text))
        if count > getattr(ctx.settings, rule.limit):
            for m in compiled.each.finditer(ctx.text):
                yield Match(m.start(), m.end(), detail=str(count))
    elif isinstance(rule, Metric):
        yield from _metric(rule, ctx)
    elif isinstance(rule, Element):
        if rule.required and rule.element not in ctx.settings.required_elements:
            return
        if ctx.elements.get(rule.element) is None:
            yield Match(0, 0)
    elif isinstance(rule, Custom):
        yield from rule.check(ctx)


def _metric(rule: Metric, ctx: CheckContext) -> Iterator[Match]:
    if ctx.words < rule.min_words:
        return
    limit = getattr(ctx.settings, rule.limit)
    if rule.scope == "letter":
        value: float = ctx.words if rule.measure == "words" else ctx.reading_grade
        if rule.fires(value, ctx.settings):
            yield Match(0, 0, detail=rule.detail.format(value=value, limit=limit))
        return
    spans = ctx.sentences if rule.scope == "sentence" else ctx.paragraphs
    starts = ctx.word_starts
    for start, end in spans:
        words = bisect_left(starts, end) - bisect_left(starts, start)
        if rule.fires(words, ctx.settings):
            yield Match(start, end, detail=rule.detail.format(value=words, limit=limit))


_CLAUSE_BREAK = re.compile(r"[.;:!?\n,(]|\b(?:and|but|so|because|although)\b", re.I)
_NEGATION = re.compile(r"\b(?:no|not|never|nor|without|hardly)\b|n['’]t\b", re.I)
# Idioms that hold a negation word but negate nothing.
_NOT_NEGATING = re.compile(
    r"\b(?:can['’]t wait|cannot wait|not only|not just|no doubt|don['’]t hesitate|do not hesitate)\b",
    re.I,
)
# "If I do not hear from you by Friday" negates nothing: it is the ultimatum itself.
_ULTIMATUM = re.compile(r"\bif\s+(?:i|we)\s+(?:do\s+not|don['’]t|have\s+not|haven['’]t)\b", re.I)
_HELP_OFFERED = re.compile(
    r"^\W*(?:\w+\W+){0,3}?if\s+(?:you\s+(?:need|require|have\s+any|would\s+like)|there\s+is\s+anything)",
    re.I,
)


def negated(text: str, hit: Hit) -> bool:
    """Whether the clause before a match negates it (a "no", "not", "never" or "-n't" in its last
    six words: "I do not have any other offers"), or the words after it only offer help ("let me
    know by Friday if you need anything from me"). Seen in real letters, where a risk finding
    blocks a send: a risk error must be right."""
    before = text[max(0, hit.start - 60) : hit.start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    clause = _NOT_NEGATING.sub(" ", " ".join(clause.split()[-6:]))
    if _NEGATION.search(clause) and not _ULTIMATUM.search(clause):
        return True
    after = text[hit.end : hit.end + 60]
    return _HELP_OFFERED.search(after) is not None


def _inside(hit: Hit, holes: list[tuple[int, int]]) -> bool:
    return any(start <= hit.start and hit.end <= end for start, end in holes)


def keep_longest(hits: Iterable[Hit]) -> list[Hit]:
    """The overlap policy: within a category, the longest of overlapping span hits is kept (ties:
    the earliest, then the lowest code); hits without a span are all kept.

    The spans kept in a category never overlap, so sorted by start they are sorted by end too:
    a hit overlaps one of them if and only if the last one starting before the hit ends reaches
    past the hit's start (a bisection, not a scan: 13,000 findings on one line stay linear)."""
    kept: list[Hit] = []
    taken: dict[str, tuple[list[int], list[int]]] = {}
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, h.code)):
        if hit.end > hit.start:
            starts, ends = taken.setdefault(RULES_BY_CODE[hit.code].category, ([], []))
            i = bisect_left(starts, hit.end)
            if i and ends[i - 1] > hit.start:
                continue
            starts.insert(i, hit.start)
            ends.insert(i, hit.end)
        kept.append(hit)
    return kept


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


def to_finding(hit: Hit, text: str, settings: Settings) -> Finding:
    """The finding for a hit: the rule's name, category and message, the severity ``settings``
    give it, the match quoted from ``text``, its line and column."""
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
