"""Every rule's own examples, and the conventions that make rules units (STYLE.md)."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from tonecheck.data import pattern_file, phrase_file
from tonecheck.findings import CATEGORIES
from tonecheck.rules import ALL_RULES, RULES_BY_CODE
from tonecheck.rules.model import KINDS, Custom, Existence, Pattern, Rule

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
    if isinstance(rule, Existence):
        assert rule.data or rule.regex, f"{rule.code} names neither a phrase list nor a regex"
    elif isinstance(rule, Pattern):
        assert rule.data.endswith(".jsonl")
    elif isinstance(rule, Custom):
        assert callable(rule.check)


def test_most_rules_are_data_plus_a_kind() -> None:
    custom = [r.code for r in ALL_RULES if isinstance(r, Custom)]
    assert len(custom) <= len(ALL_RULES) // 3, custom


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
    assert all(set(p) <= {"pattern", "suggestion"} for p in patterns), name
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
        # a hard-wrapped superlative is still one match
        (
            "Dear Ms. Park,\n\nThank you for meeting me. It was the most\ninteresting "
            "conversation I have had this year.",
            "TC101",
            "the most\ninteresting conversation I have had",
        ),
        (
            "Dear Ms. Park,\n\nI learned the audit closes by the end of May. Thank you for "
            "your time. I would appreciate an answer by Friday.",
            "TC501",
            "answer by Friday",
        ),
        (
            "Dear Ms. Park,\n\nThank you for your time. We need to know today.",
            "TC501",
            "We need to know today",
        ),
    ],
)
def test_token_patterns_find_their_matches(text: str, code: str, match: str, lint) -> None:
    assert (code, match) in {(f.code, f.match) for f in lint(text).findings}


def test_overlapping_matches_keep_the_longest() -> None:
    """The engine's one overlap policy: within a category, the longest span wins."""
    from tonecheck.rules.engine import keep_longest
    from tonecheck.rules.model import Hit

    hits = [Hit("TC501", 0, 16), Hit("TC501", 12, 38), Hit("TC102", 14, 20), Hit("TC301", 0, 0)]
    assert keep_longest(hits) == [Hit("TC501", 12, 38), Hit("TC102", 14, 20), Hit("TC301", 0, 0)]


def test_gates_never_hide_a_pattern_match() -> None:
    """A gate only saves time: on every corpus letter (and on hard-wrapped and upper-case copies),
    each gated Matcher finds exactly what it finds when it runs over the whole letter."""
    import textwrap

    import corpus
    from tonecheck.config import Settings
    from tonecheck.linter import get_nlp
    from tonecheck.rules.context import CheckContext

    nlp = get_nlp(Settings())
    engine = nlp.get_pipe("tonecheck_rules").engine
    texts = [letter.text for letter in corpus.load()]
    texts += ["\n\n".join(textwrap.fill(p, 60) for p in t.split("\n\n")) for t in texts[::4]]
    texts += [t.upper() for t in texts[1::9]]
    admitted = 0
    for text in texts:
        doc = nlp(text)
        view = doc._.tonecheck_tokens
        ctx = CheckContext(doc, view.text, view.text.lower(), view, Settings(),
                           doc._.tonecheck_sentences, [], 0, 0.0, {})  # fmt: skip
        for group in engine.pattern_groups:
            assert group.gates, "every pattern file has a gate"
            admitted += len(group.ranges(ctx))
            gated = {(s, e) for _, s, e in group.matches(ctx)}
            ungated = {(s, e) for _, s, e in group.matcher(doc)}
            assert gated == ungated, text[:80]
    assert admitted > 100  # the gates do admit sentences: the comparison is not vacuous


@pytest.mark.parametrize(
    ("text", "code", "fires"),
    [
        ("I do not have any other offers, so there is no rush.", "TC502", False),
        ("There is no need to reply by Friday.", "TC501", False),
        ("Please let me know by Friday if you need anything from me.", "TC501", False),
        ("I don't need an answer by Friday; take your time.", "TC501", False),
        ("I need an answer by Friday.", "TC501", True),
        ("If I do not hear from you by Friday, I will take the other role.", "TC501", True),
        ("I have not heard back and I need an answer by Friday.", "TC501", True),
        ("I can't wait to meet everyone when I start on Monday.", "TC504", True),
        ("I am weighing a few options, so a quick answer would help.", "TC502", True),
        ("Honestly, the process felt chaotic.", "TC507", True),
    ],
)
def test_risk_rules_read_negation_and_offers_of_help(
    text: str, code: str, fires: bool, lint
) -> None:
    """A risk finding blocks a send: a negated match or an offer of help is not pressure."""
    assert (code in {f.code for f in lint(text).findings}) is fires
