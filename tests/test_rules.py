"""Every rule's own examples, and the conventions that make rules units (STYLE.md)."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.findings import CATEGORIES
from tonecheck.rules import ALL_RULES, RULES_BY_CODE
from tonecheck.rules.base import KINDS, Rule, pattern_file, phrase_file

RULE_IDS = [r.code for r in ALL_RULES]


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_bad_examples_fire(rule: Rule, lint) -> None:
    for example in rule.examples.bad:
        codes = {f.code for f in lint(example).findings}
        assert rule.code in codes, f"{rule.code} did not fire on: {example!r}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_good_examples_stay_silent(rule: Rule, lint) -> None:
    for example in rule.examples.good:
        codes = {f.code for f in lint(example).findings}
        assert rule.code not in codes, f"{rule.code} fired on: {example!r}"


def test_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in ALL_RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"TC[1-9]\d\d", c) for c in codes)
    names = [r.name for r in ALL_RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names)


def test_codes_are_grouped_by_hundreds_per_category() -> None:
    by_hundred: dict[str, set[str]] = {}
    for r in ALL_RULES:
        by_hundred.setdefault(r.code[:3], set()).add(r.category)
    assert all(len(cats) == 1 for cats in by_hundred.values()), by_hundred


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.category in CATEGORIES
    assert rule.kind in KINDS
    assert rule.message.rstrip().endswith(".")
    for section in ("## What it does", "## Why it matters", "## Example", "Use instead:"):
        assert section in rule.doc, f"{rule.code} doc lacks {section!r}"
    assert rule.examples.bad, f"{rule.code} has no bad example"
    assert rule.examples.good, f"{rule.code} has no good example"
    if rule.kind in ("existence", "pattern"):
        assert rule.data, f"{rule.code} is data-driven but names no data file"
    elif rule.kind != "model":  # model rules are applied by the linter after the classifier
        assert rule.check is not None


def _data_files() -> list[str]:
    return sorted(
        p.name
        for p in resources.files("tonecheck.data").iterdir()
        if p.name.endswith((".txt", ".jsonl"))
    )


@pytest.mark.parametrize("name", [n for n in _data_files() if n.endswith(".txt")])
def test_phrase_files_are_sorted_lower_case_without_duplicates(name: str) -> None:
    text = resources.files("tonecheck.data").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    assert lines == sorted(lines), f"{name} is not sorted"
    assert len(lines) == len(set(lines)), f"{name} has duplicates"
    for entry in phrase_file(name):
        assert entry.phrase == entry.phrase.lower(), f"{name}: {entry.phrase!r} is not lower-case"
    assert text.startswith("#"), f"{name} has no header comment saying what it is for"


@pytest.mark.parametrize("name", [n for n in _data_files() if n.endswith(".jsonl")])
def test_pattern_files_parse(name: str) -> None:
    items = pattern_file(name)
    patterns = [p for p in items if "gate" not in p]
    assert patterns
    assert all(isinstance(p["pattern"], list) and p["pattern"] for p in patterns)


def test_every_data_file_is_used() -> None:
    package = resources.files("tonecheck")
    sources = "".join(
        p.read_text(encoding="utf-8")
        for sub in ("rules", "nlp", "tone")
        for p in package.joinpath(sub).iterdir()
        if p.name.endswith(".py")
    )
    unused = [n for n in _data_files() if n not in sources]
    assert not unused, f"data files no rule reads: {unused}"


def test_rule_lookup_by_code() -> None:
    assert RULES_BY_CODE["TC101"].name == "superlative-praise"


@pytest.mark.parametrize(
    ("text", "code", "match"),
    [
        # the superlative is hard-wrapped: the gate reads the line break as a space
        (
            "Dear Ms. Park,\n\nThank you for meeting me. It was the most\ninteresting "
            "conversation I have had this year.",
            "TC101",
            "the most\ninteresting conversation I have had",
        ),
        # the deadline gate matches in an early sentence too; the pattern is in the last one
        (
            "Dear Ms. Park,\n\nI learned the audit closes by the end of May. Thank you for "
            "your time. I would appreciate an answer by Friday.",
            "TC501",
            "answer by Friday",
        ),
        # "we need" is in the deadline pattern, so the gate admits it too
        (
            "Dear Ms. Park,\n\nThank you for your time. We need to know today.",
            "TC501",
            "We need to know today",
        ),
    ],
)
def test_gated_patterns_run_on_the_sentences_their_gate_matched(
    text: str, code: str, match: str, lint
) -> None:
    assert (code, match) in {(f.code, f.match) for f in lint(text).findings}


def test_gates_never_hide_a_pattern_match() -> None:
    """A gate only saves time: on every corpus letter (and on hard-wrapped and upper-case copies),
    each gated Matcher finds exactly what it finds when it runs over the whole letter."""
    import textwrap

    import corpus
    from tonecheck.config import Settings
    from tonecheck.linter import _make_doc, get_nlp
    from tonecheck.nlp.extensions import SENTENCES
    from tonecheck.nlp.tokens import token_view

    nlp = get_nlp(Settings())
    rules = nlp.get_pipe("tonecheck_rules")
    texts = [letter.text for letter in corpus.load()]
    texts += ["\n\n".join(textwrap.fill(p, 60) for p in t.split("\n\n")) for t in texts[::4]]
    texts += [t.upper() for t in texts[1::9]]
    admitted = 0
    for text in texts:
        doc = nlp(_make_doc(nlp, text))
        view = token_view(doc)
        gated_text = view.text.lower().replace("\n", " ")
        for gates, matcher in rules.pattern_groups:
            assert gates, "every pattern file has a gate"
            ranges = rules._gated_ranges(gates, gated_text, view, doc.user_data[SENTENCES])
            admitted += len(ranges)
            gated = {(a + s, a + e) for a, b in ranges for _, s, e in matcher(doc[a:b])}
            ungated = {(s, e) for _, s, e in matcher(doc)}
            assert gated == ungated, text[:80]
    assert admitted > 100  # the gates do admit sentences: the comparison is not vacuous


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=":;=8<3^_()-'DPp*x 😀♥é", max_size=12))
def test_emoticon_precheck_never_misses_one(text: str) -> None:
    from tonecheck.rules import enthusiasm

    if re.search(enthusiasm._EMOTICON, text):
        assert enthusiasm._may_hold_an_emoticon(text)
    if re.search(enthusiasm._EMOJI_CHARS, text):
        assert enthusiasm._ANY_HIGH_RE.search(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aBcDXYZ ,.-1ÉéßΣσⅧⒶ\t", max_size=40))
def test_mostly_capitals_counts_letters_as_python_does(line: str) -> None:
    from tonecheck.rules.enthusiasm import _mostly_capitals

    letters = [c for c in line if c.isalpha()]
    expected = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    assert _mostly_capitals(line) == expected
    ascii_line = "".join(c for c in line if c.isascii())  # the fast path
    ascii_letters = [c for c in ascii_line if c.isalpha()]
    assert _mostly_capitals(ascii_line) == (
        bool(ascii_letters) and sum(c.isupper() for c in ascii_letters) / len(ascii_letters) > 0.8
    )


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aAbBkKsS\u0130\u0131\u017f\u212aé1 ", max_size=12))
def test_stretched_precheck_is_the_case_insensitive_search(text: str) -> None:
    """TC205 looks for a lower-case run in the lower-cased text unless a letter folds into a-z."""
    from tonecheck.rules import enthusiasm

    if not any(c in text for c in enthusiasm._IGNORECASE_SPECIALS):
        found = enthusiasm._LOWER_RUN_RE.search(text.lower()) is not None
        assert found == (enthusiasm.STRETCHED_RE.search(text) is not None)
