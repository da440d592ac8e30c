"""Word paragraphs, hard-wrapped text and unfilled templates (issue 15), through the public entry
points: ``read_source``, ``lint_text`` and the CLI."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from test_sources import make_docx  # the suite's folder is on sys.path (rootdir imports)
from typer.testing import CliRunner

from tonecheck import lint_text
from tonecheck.cli import app
from tonecheck.findings import Report
from tonecheck.sources import read_source
from tonecheck.tone.features import numeric_features

PARAGRAPHS = [
    "Dear Ms. Reyes,",
    "Thank you for taking the time to speak with me on Tuesday about the analyst role. It was a "
    "pleasure to meet you and the team.",
    "I enjoyed hearing about the plan to move the Reno warehouse onto the new routing software in "
    "March, and I remain very interested in the position.",
    "Best regards,",
    "Ana Lima",
]
TEMPLATE = (
    "Dear [Interviewer Name],\n\nThank you for meeting with me about the [Position Title] role at "
    "[Company Name]. I enjoyed learning about [specific topic you discussed], and I remain very "
    "interested in joining the team.\n\nBest regards,\n[Your Name]"
)


def test_word_paragraphs_spaced_by_style_are_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "spaced.docx"
    path.write_bytes(make_docx(PARAGRAPHS))
    source = read_source(path)
    assert source.text == "\n\n".join(PARAGRAPHS)
    report = lint_text(source.text, source.name)
    assert report.stats is not None and report.stats.paragraphs == 5
    assert report.text is not None
    for finding in report.findings:
        assert report.text[finding.start : finding.end] == finding.match


def test_word_paragraphs_spaced_by_empty_ones_keep_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "typed.docx"
    typed = ["", PARAGRAPHS[0], "", PARAGRAPHS[1], "", PARAGRAPHS[2], "", *PARAGRAPHS[3:]]
    path.write_bytes(make_docx(typed))
    text = read_source(path).text
    assert text == "\n".join(typed)
    report = lint_text(text)
    assert report.stats is not None and report.stats.paragraphs == 4  # sign-off is one paragraph


def sentences(text: str) -> list[str]:
    report = lint_text(text)
    assert report.evidence is not None
    from tonecheck.config import Settings
    from tonecheck.linter import get_nlp

    doc = get_nlp(Settings())(text)
    return [" ".join(text[s:e].split()) for s, e in doc._.tonecheck_sentences]


def test_text_wrapped_at_a_fixed_width_is_rejoined_whatever_the_next_word() -> None:
    body = (
        "Thank you for taking the time to speak with me on Tuesday about the analyst role at "
        "Northwind Logistics. I enjoyed hearing about the plan to move the Reno warehouse onto "
        "the new routing software in March, and how the team wants to cut late deliveries "
        "during the changeover. My experience running route changes at Summit Freight would be "
        "useful there."
    )
    plain = f"Dear Ms. Reyes,\n\n{body}\n\nBest regards,\nAna Lima"
    for width in (60, 72, 78):
        wrapped = f"Dear Ms. Reyes,\n\n{textwrap.fill(body, width)}\n\nBest regards,\nAna Lima"
        assert "\n" in textwrap.fill(body, width)
        assert sentences(wrapped) == sentences(plain), width


def test_lines_not_wrapped_at_a_fixed_width_stay_lines() -> None:
    text = (
        "Dear Ms. Reyes,\nThank you for the interview on Tuesday\nNorthwind looks like a fine "
        "place to work and I remain very interested\nBest regards,\nAna"
    )
    assert sentences(text) == [
        "Dear Ms. Reyes,",
        "Thank you for the interview on Tuesday",
        "Northwind looks like a fine place to work and I remain very interested",
        "Best regards,",
        "Ana",
    ]


def test_template_placeholders_are_errors_and_still_count_as_a_detail() -> None:
    report = lint_text(TEMPLATE)
    found = [f.match for f in report.findings if f.code == "TC701"]
    assert found == [
        "[Interviewer Name]",
        "[Position Title]",
        "[Company Name]",
        "[specific topic you discussed]",
        "[Your Name]",
    ]
    assert {str(f.severity) for f in report.findings if f.code == "TC701"} == {"error"}
    assert {f.category for f in report.findings if f.code == "TC701"} == {"placeholder"}
    assert report.elements is not None and report.elements["learned_detail"]


def test_xxxx_is_a_placeholder_not_a_word_in_capitals() -> None:
    report = lint_text("Dear XXXX,\n\nThank you for the interview at XXX on Tuesday.")
    codes = [(f.code, f.match) for f in report.findings if f.end > f.start]
    assert codes == [("TC701", "XXXX"), ("TC701", "XXX")]


def test_placeholder_findings_are_not_tone_features() -> None:
    report = lint_text(TEMPLATE)
    without = Report(
        **{
            **report.__dict__,
            "findings": tuple(f for f in report.findings if f.category != "placeholder"),
        }
    )
    assert numeric_features(report) == numeric_features(without)


def test_an_unfilled_template_fails_lint_with_a_contract_category(tmp_path: Path) -> None:
    path = tmp_path / "template.txt"
    path.write_text(TEMPLATE, encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "-f", "json", str(path)])
    assert result.exit_code == 1
    (data,) = json.loads(result.stdout)["results"]
    assert any(f["category"] == "placeholder" for f in data["findings"])
    assert (
        CliRunner().invoke(app, ["rule", "TC701"]).stdout.startswith("# TC701 unfilled-placeholder")
    )
