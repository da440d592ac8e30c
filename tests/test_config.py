"""Configuration: finding the file, every key, every way to get a key wrong, and the effects.
Also the pre-commit hook definition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tonecheck import rules
from tonecheck.cli import app
from tonecheck.config import (
    Settings,
    find_config,
    load_settings,
    reaches,
    settings_from_mapping,
)
from tonecheck.errors import ConfigError
from tonecheck.findings import Severity

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "tonecheck.toml"
DOCS = ROOT / "docs" / "usage-batch-presend.md"
GOOD = (ROOT / "examples" / "good.txt").read_text(encoding="utf-8")
runner = CliRunner()


def toml_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / ".tonecheck.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path, catalog=rules)
    message = info.value.message
    assert "\n" not in message and message.startswith(str(path))
    return message


# -- finding the file ---------------------------------------------------------------------------------


def test_defaults_without_a_file(tmp_path: Path) -> None:
    assert load_settings(start=tmp_path) == Settings()


def test_found_upward_and_precedence(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_config(deep) is None  # a pyproject without [tool.tonecheck] is not a config
    (tmp_path / "pyproject.toml").write_text(
        "[tool.tonecheck]\nmax_words = 150\n", encoding="utf-8"
    )
    assert load_settings(start=deep).max_words == 150
    (tmp_path / "a" / ".tonecheck.toml").write_text("max_words = 120\n", encoding="utf-8")
    assert find_config(deep) == tmp_path / "a" / ".tonecheck.toml"  # the nearest wins
    (tmp_path / ".tonecheck.toml").write_text("max_words = 99\n", encoding="utf-8")
    assert load_settings(start=tmp_path).max_words == 99  # .tonecheck.toml before pyproject.toml
    explicit = tmp_path / "other.toml"
    explicit.write_text("[tool.tonecheck]\nmax-words = 180\n", encoding="utf-8")
    assert load_settings(explicit).max_words == 180


def test_missing_or_broken_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.toml")
    assert "invalid TOML" in toml_error(tmp_path, "max_words = = 3\n")


# -- every key ----------------------------------------------------------------------------------------


def test_the_documented_example_is_valid_and_complete() -> None:
    settings = load_settings(EXAMPLE)
    assert settings.ignore == ("TC305",)
    assert settings.severity == {"TC404": Severity.WARNING, "TC207": Severity.ERROR}
    assert settings.extra_phrases == {
        "TC102": ("unicorn team",),
        "TC505": ("relocation package",),
    }
    keys = set(re.findall(r"^([a-z_]+) =", EXAMPLE.read_text(encoding="utf-8"), re.M))
    tables = set(re.findall(r"^\[([a-z_]+)\]", EXAMPLE.read_text(encoding="utf-8"), re.M))
    assert keys | tables == {f for f in Settings.__dataclass_fields__ if f != "source"}


def test_the_docs_show_the_example_verbatim() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    block = re.search(r"```toml\n(# tonecheck configuration.*?)```", docs, re.S)
    assert block is not None
    assert block.group(1) == EXAMPLE.read_text(encoding="utf-8")


def test_every_key() -> None:
    settings = settings_from_mapping(
        {
            "min-words": 10,
            "max_words": 300,
            "max_sentence_words": 20,
            "max_paragraph_words": 50,
            "max_reading_grade": 10,
            "max_exclamations": 0,
            "select": ["tc1", "TC2", "TC101"],
            "ignore": "TC305",
            "severity": {"tc101": "ERROR"},
            "extra_phrases": {"TC207": ["  Over The Moon  "]},
            "required_elements": ["thanks", "thanks"],
            "fail_on": "warning",
            "max_bytes": 5000,
        },
        source="x.toml",
    )
    assert settings == Settings(
        min_words=10,
        max_words=300,
        max_sentence_words=20,
        max_paragraph_words=50,
        max_reading_grade=10.0,
        max_exclamations=0,
        select=("TC1", "TC2", "TC101"),
        ignore=("TC305",),
        severity={"TC101": Severity.ERROR},
        extra_phrases={"TC207": ("over the moon",)},
        required_elements=("thanks",),
        fail_on="warning",
        max_bytes=5000,
        source="x.toml",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("max_word = 10", "unknown config key 'max_word' (did you mean 'max_words'?)"),
        ("colour = 'red'", "unknown config key 'colour' (known: min_words"),
        ("max_words = 10\nmax-words = 11", "'max-words' is given twice"),
        ("max_words = '200'", "'max_words' must be a whole number >= 1, not '200'"),
        ("max_words = 0", "'max_words' must be a whole number >= 1, not 0"),
        ("min_words = -1", "'min_words' must be a whole number >= 0"),
        ("max_exclamations = true", "'max_exclamations' must be a whole number"),
        ("max_bytes = 0", "'max_bytes' must be a whole number >= 1"),
        ("max_reading_grade = 0", "'max_reading_grade' must be a positive number"),
        ("max_reading_grade = 'hard'", "'max_reading_grade' must be a positive number"),
        ("min_words = 300", "'min_words' (300) must be smaller than 'max_words' (200)"),
        ("select = [1]", "'select' must be a list of rule codes"),
        ("select = ['TC999']", "'select': unknown rule code 'TC999' (did you mean"),
        ("ignore = ['XY1']", "'ignore': unknown rule code 'XY1'"),
        ("severity = 'error'", "'severity' must be a table of CODE = \"level\""),
        ("[severity]\nTC101 = 'fatal'", "'severity'.TC101: unknown severity 'fatal'"),
        ("[severity]\nTC1 = 'error'", "'severity': unknown rule code 'TC1'"),
        ("[severity]\nTC101 = 3", "'severity'.TC101: unknown severity"),
        ("[extra_phrases]\nTC201 = ['wow']", "TC201 does not read a phrase list (these do: TC102"),
        ("[extra_phrases]\nTC102 = 'wow'", "'extra_phrases'.TC102 must be a list of phrases"),
        ("[extra_phrases]\nTC102 = ['']", "'extra_phrases'.TC102 must be a list of phrases"),
        ("[extra_phrases]\nTC000 = ['x']", "'extra_phrases': unknown rule code 'TC000'"),
        (
            "required_elements = ['thanks', 'smile']",
            "'required_elements' must be a list drawn from",
        ),
        ("fail_on = 'sometimes'", "'fail_on' must be one of error, warning, suggestion, never"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in toml_error(tmp_path, text + "\n")


def test_a_non_table_tool_section(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool]\ntonecheck = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"must be a table"):
        load_settings(path)


def test_check_codes() -> None:
    assert rules.check_codes("--select", [" tc1 ", "TC101", "TC1"]) == ("TC1", "TC101")
    with pytest.raises(ConfigError, match="did you mean TC101"):
        rules.check_codes("--select", ["TC1O1"])
    with pytest.raises(ConfigError, match="unknown rule code 'TC1'"):
        rules.check_codes("x", ["TC1"], prefixes=False)


def test_reaches() -> None:
    assert reaches(Severity.ERROR, "error") and reaches(Severity.WARNING, "suggestion")
    assert not reaches(Severity.WARNING, "error")
    assert not reaches(Severity.ERROR, "never") and not reaches(None, "suggestion")


# -- the settings take effect -------------------------------------------------------------------------


def codes(settings: Settings, text: str = GOOD) -> dict[str, Severity]:
    from tonecheck.linter import lint_text

    return {f.code: f.severity for f in lint_text(text, "x", settings).findings}


def test_settings_change_the_findings() -> None:
    assert "TC301" not in codes(Settings())
    assert "TC301" in codes(Settings(min_words=5, max_words=20))
    assert "TC303" in codes(Settings(max_sentence_words=5))
    assert "TC304" in codes(Settings(max_paragraph_words=10))
    assert "TC305" in codes(Settings(max_reading_grade=1.0))
    plain = GOOD.replace("I remain very interested in the position and ", "I ")
    assert "TC403" in codes(Settings(), plain)
    assert "TC403" not in codes(Settings(required_elements=("thanks", "learned_detail")), plain)
    assert codes(Settings(severity={"TC403": Severity.SUGGESTION}), plain)["TC403"] is (
        Severity.SUGGESTION
    )
    rocky = GOOD.replace("the dispatch team", "the unicorn team")
    assert "TC102" not in codes(Settings(), rocky)
    assert "TC102" in codes(Settings(extra_phrases={"TC102": ("unicorn team",)}), rocky)
    assert "TC403" not in codes(Settings(ignore=("TC4",)), plain)
    assert set(codes(Settings(select=("TC403",)), plain)) == {"TC403"}


def test_cli_uses_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "letter.txt").write_text(GOOD + "\nThanks again!!\n", encoding="utf-8")
    assert runner.invoke(app, ["lint", "letter.txt"]).exit_code == 0
    (tmp_path / ".tonecheck.toml").write_text('fail_on = "warning"\n', encoding="utf-8")
    assert runner.invoke(app, ["lint", "letter.txt"]).exit_code == 1
    assert runner.invoke(app, ["lint", "letter.txt", "--fail-on", "error"]).exit_code == 0
    (tmp_path / ".tonecheck.toml").write_text("max_bytes = 10\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", "letter.txt"])
    assert result.exit_code == 2 and "too large" in result.stderr
    (tmp_path / ".tonecheck.toml").write_text("max-word = 10\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", "letter.txt"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"tonecheck: error: {tmp_path / '.tonecheck.toml'}: unknown config key 'max-word' "
        "(did you mean 'max_words'?)\n"
    )


def test_cli_checks_rule_codes(tmp_path: Path) -> None:
    (tmp_path / "letter.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["lint", str(tmp_path / "letter.txt"), "--ignore", "TC1O1"])
    assert result.exit_code == 2 and "--ignore: unknown rule code 'TC1O1'" in result.stderr
    assert (
        runner.invoke(app, ["lint", str(tmp_path / "letter.txt"), "--ignore", "tc4"]).exit_code == 0
    )


# -- the pre-commit hook ------------------------------------------------------------------------------


def test_pre_commit_hook() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    fields = dict(re.findall(r"^\s*-?\s*(\w+):\s*(.+?)\s*$", text, re.M))
    assert fields["id"] == "tonecheck"
    assert fields["entry"] == "tonecheck lint"
    assert fields["language"] == "python"
    files = re.compile(fields["files"].strip("'\""))
    for name in ("letters/alvarez.txt", "a.md", "sent/reply.eml", "NOTE.TXT"):
        assert files.search(name), name
    for name in ("tonecheck.py", "cv.pdf", "a.txt.bak", "letter.docx"):
        assert not files.search(name), name


def test_a_config_that_is_not_utf8_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".tonecheck.toml").write_bytes("min_words = 40\n".encode("utf-16"))  # a BOM too
    (tmp_path / "letter.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["lint", "letter.txt"])
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert line.endswith(".tonecheck.toml: config is not valid UTF-8 at byte 0 (save it as UTF-8)")
