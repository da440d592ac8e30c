"""The CLI through typer's CliRunner: every exit code, the JSON contract, stdin, rules and rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tonecheck import __version__
from tonecheck.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "examples" / "good.txt"
DRAFT = ROOT / "examples" / "draft.txt"


def run(*args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_clean_letter_exits_0() -> None:
    result = run("lint", str(GOOD))
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


def test_error_finding_exits_1() -> None:
    result = run("lint", str(DRAFT))
    assert result.exit_code == 1
    assert "TC503" in result.output  # "I really need this job"


def test_fail_on_levels() -> None:
    # the draft has errors; with --fail-on never it passes
    assert run("lint", "--fail-on", "never", str(DRAFT)).exit_code == 0
    # the good letter only has no findings, so even --fail-on suggestion passes
    assert run("lint", "--fail-on", "suggestion", str(GOOD)).exit_code == 0
    short = "Thank you for the interview on Monday. I remain interested in the role."
    assert run("lint", "--fail-on", "error", "-", stdin=short).exit_code == 0
    assert run("lint", "--fail-on", "warning", "-", stdin=short).exit_code == 1


def test_unreadable_input_exits_2_after_reporting_the_rest(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("lint", "--format", "json", str(empty), str(GOOD))
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert [r["status"] for r in doc["results"]] == ["error", "ok"]
    assert doc["results"][0]["error"]["kind"] == "empty"


def test_usage_error_exits_2() -> None:
    assert run("lint", "--format", "xml", str(GOOD)).exit_code == 2
    assert run("rule", "TC999").exit_code == 2


def test_bad_config_exits_2(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[tool.tonecheck]\nmax_wrods = 10\n")
    result = run("lint", "--config", str(cfg), str(GOOD))
    assert result.exit_code == 2
    assert "max_wrods" in result.output


def test_json_contract(tmp_path: Path) -> None:
    result = run("lint", "--format", "json", str(DRAFT))
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["tonecheck_version"] == __version__
    (res,) = doc["results"]
    for key in (
        "source",
        "status",
        "error",
        "score",
        "tone",
        "tone_probabilities",
        "elements",
        "length",
        "stats",
        "findings",
    ):
        assert key in res
    assert res["status"] == "ok" and res["error"] is None
    assert 0 <= res["score"] <= 100
    assert res["tone"] in ("cool_cordial", "effusive", "curt", "pushy")
    assert set(res["tone_probabilities"]) == {"cool_cordial", "effusive", "curt", "pushy"}
    assert set(res["elements"]) == {"thanks", "pleasure", "learned_detail", "continued_interest"}
    assert res["length"] in ("ok", "too_short", "too_long")
    assert set(res["stats"]) == {"words", "sentences", "paragraphs", "reading_grade"}
    text = DRAFT.read_text(encoding="utf-8")
    assert res["findings"], "the draft has findings: the checks below must not be vacuous"
    starts = [f["start"] for f in res["findings"]]
    assert starts == sorted(starts)
    for f in res["findings"]:
        assert set(f) == {
            "code",
            "name",
            "category",
            "severity",
            "message",
            "start",
            "end",
            "line",
            "column",
            "match",
            "suggestion",
        }
        assert text[f["start"] : f["end"]] == f["match"]
        assert f["severity"] in ("error", "warning", "suggestion")
        assert f["category"] in (
            "hyperbole",
            "enthusiasm",
            "length",
            "missing-element",
            "risk",
            "tone",
        )
        assert f["message"].endswith(".")
        line_start = text.rfind("\n", 0, f["start"]) + 1
        assert f["line"] == text.count("\n", 0, f["start"]) + 1
        assert f["column"] == f["start"] - line_start + 1


def test_stdin_and_bom(tmp_path: Path) -> None:
    """Standard input with a UTF-8 BOM reads as the file does: same findings at the same offsets."""
    text = DRAFT.read_text(encoding="utf-8")
    result = run("lint", "--format", "json", "-", stdin=text.encode("utf-8-sig"))
    assert result.exit_code == 1
    (res,) = json.loads(result.stdout)["results"]
    assert res["source"] == "<stdin>"
    (from_file,) = json.loads(run("lint", "--format", "json", str(DRAFT)).stdout)["results"]
    assert res["findings"] and res["findings"] == from_file["findings"]
    assert res["stats"] == from_file["stats"]


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(DRAFT.read_text(encoding="utf-8").encode("utf-16"))
    result = run("lint", "--format", "json", str(path))
    (res,) = json.loads(result.stdout)["results"]
    assert res["status"] == "ok"
    text = DRAFT.read_text(encoding="utf-8")
    assert res["findings"]
    assert all(text[f["start"] : f["end"]] == f["match"] for f in res["findings"])


def test_select_and_ignore() -> None:
    selected = json.loads(run("lint", "-f", "json", "--select", "TC1", str(DRAFT)).stdout)
    codes = {f["code"] for f in selected["results"][0]["findings"]}
    assert codes and all(c.startswith("TC1") for c in codes)
    ignored = json.loads(run("lint", "-f", "json", "--ignore", "TC5,TC601", str(DRAFT)).stdout)
    codes = {f["code"] for f in ignored["results"][0]["findings"]}
    assert codes  # the draft's other findings stay
    assert not any(c.startswith(("TC5", "TC601")) for c in codes)
    assert run("lint", "--ignore", "TC5", "--ignore", "TC601", str(DRAFT)).exit_code == 0


def test_text_output_has_location_excerpt_suggestion_and_summary() -> None:
    result = run("lint", "--color", "never", str(DRAFT))
    first = result.output.splitlines()[0]
    assert first.startswith(f"{DRAFT}:")
    assert "    | " in result.output and "= try:" in result.output
    assert "summary" in result.output and "elements:" in result.output and "tone:" in result.output
    assert "\x1b[" not in result.output
    coloured = run("lint", "--color", "always", str(DRAFT))
    assert "\x1b[" in coloured.output


def test_rules_table_and_rule_doc() -> None:
    table = run("rules")
    assert table.exit_code == 0
    assert "TC101" in table.output and "superlative-praise" in table.output
    doc = run("rule", "TC101")
    assert doc.exit_code == 0
    assert "## What it does" in doc.output
    by_name = run("rule", "gushing-words")
    assert by_name.exit_code == 0 and "TC207" in by_name.output


@pytest.mark.parametrize("args", [["--help"], ["rules"], ["rule", "TC101"]])
def test_help_and_rules_do_not_import_spacy_or_sklearn(args: list[str]) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from tonecheck.cli import app\n"
        "try:\n"
        f"    app({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('spacy', 'sklearn', 'scipy', 'textstat', 'nltk') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout


def test_a_bug_on_one_letter_is_a_row_not_a_traceback(tmp_path: Path, monkeypatch) -> None:
    """`lint` decides "one bad input never sinks the run" where `batch` does (linter.lint_safely):
    an unexpected error on one letter is a one-line error for that letter, the others are linted."""
    from tonecheck import linter

    real = linter.lint_text
    bad = tmp_path / "bad.txt"
    bad.write_text("Thank you for the interview. BOOM", encoding="utf-8")

    def flaky(text: str, source: str = "<text>", settings=None):
        if "BOOM" in text:
            raise RuntimeError("boom")
        return real(text, source, settings)

    monkeypatch.setattr(linter, "lint_text", flaky)
    result = runner.invoke(app, ["lint", "--format", "json", str(bad), str(GOOD)])
    assert "Traceback" not in result.output
    rows = json.loads(result.stdout)["results"]
    assert [r["status"] for r in rows] == ["error", "ok"]
    assert rows[0]["error"]["kind"] == "internal-error" and "boom" in rows[0]["error"]["message"]
