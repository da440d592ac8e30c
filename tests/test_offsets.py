"""Property: on any text, every finding's offsets slice out exactly its match, sorted by start."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonecheck.linter import lint_text

WORDS = st.sampled_from(
    [
        "Thank",
        "you",
        "for",
        "the",
        "interview",
        "!",
        "!!",
        "SO",
        "excited",
        "dream",
        "job",
        "perfect",
        "fit",
        "I",
        "really",
        "need",
        "this",
        "by",
        "Friday",
        ":)",
        "😊",
        "sooo",
        "\n",
        "\n\n",
        "Best",
        "regards",
        ",",
        ".",
        "é",
        "“quoted”",
        "can't",
        "can’t",
        "wait",
        "[topic]",
        "\t",
        "  ",
        "ＦＵＬＬ",
    ]
)
TEXTS = st.one_of(
    st.text(min_size=1, max_size=400).filter(lambda t: t.strip()),
    st.lists(WORDS, min_size=1, max_size=80).map(" ".join).filter(lambda t: t.strip()),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_offsets_slice_out_the_match(text: str) -> None:
    report = lint_text(text)
    starts = [f.start for f in report.findings]
    assert starts == sorted(starts)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.match
        assert f.line == text.count("\n", 0, f.start) + 1
        assert f.column == f.start - (text.rfind("\n", 0, f.start) + 1) + 1
    if report.evidence:
        for ev in report.evidence.values():
            if ev is not None:
                assert text[ev.start : ev.end] == ev.text
