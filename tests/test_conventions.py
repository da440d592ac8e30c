"""Issue 18: the conventions of the linters people already use (colour, output formats, inputs and
options, show-config, help, completion, inline suppression, the Python API), through the CLI and the
public library functions."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from tonecheck import __version__, lint_paths, lint_text
from tonecheck.cli import app
from tonecheck.config import Settings
from tonecheck.report.color import use_color
from tonecheck.rules import ALL_RULES

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "draft.txt"
GOOD = ROOT / "examples" / "good.txt"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def run(*args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), input=stdin, env=env)


# -- 1. colour ----------------------------------------------------------------------------------


class _Tty:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("choice", "tty", "env", "expected"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),  # no-color.org: set and not empty
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", True, {"FORCE_COLOR": "0"}, False),
        ("auto", True, {"TERM": "dumb"}, False),
        ("auto", True, {"TERM": "dumb", "FORCE_COLOR": "1"}, True),
        ("auto", False, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        ("always", False, {"NO_COLOR": "1", "TERM": "dumb"}, True),  # --color wins
        ("never", True, {"FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_decision(choice: str, tty: bool, env: dict[str, str], expected: bool) -> None:
    assert use_color(choice, _Tty(tty), env) is expected  # type: ignore[arg-type]


def _lint_in_a_terminal(env: dict[str, str], *args: str) -> bytes:
    """Run `tonecheck lint` with standard output on a pseudo-terminal; return what it printed."""
    import pty

    main, sub = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tonecheck", "lint", *args, str(DRAFT)],
        stdout=sub,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "", "FORCE_COLOR": "", "TERM": "xterm", **env},
    )
    os.close(sub)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait()
    os.close(main)
    return b"".join(chunks)


@pytest.mark.slow
def test_no_color_and_term_dumb_on_a_real_terminal() -> None:
    assert b"\x1b[" in _lint_in_a_terminal({})
    assert b"\x1b[" not in _lint_in_a_terminal({"NO_COLOR": "1"})
    assert b"\x1b[" not in _lint_in_a_terminal({"TERM": "dumb"})
    assert b"\x1b[" in _lint_in_a_terminal({"NO_COLOR": "1"}, "--color", "always")


def test_force_color_when_piped() -> None:
    assert "\x1b[" in run("lint", str(DRAFT), env={"FORCE_COLOR": "1", "NO_COLOR": ""}).stdout
    assert "\x1b[" not in run("lint", str(DRAFT), env={"FORCE_COLOR": "", "NO_COLOR": ""}).stdout


# -- 2. output formats --------------------------------------------------------------------------

CONCISE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>TC\d{3}) "
    r"(?P<severity>error|warning|suggestion) (?P<message>.+)$"
)


def test_concise_is_one_parseable_line_per_finding() -> None:
    result = run("lint", "--format", "concise", str(DRAFT), str(GOOD))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    report = lint_text(DRAFT.read_text(encoding="utf-8"), str(DRAFT))
    assert len(lines) == len(report.findings)
    for line, finding in zip(lines, report.findings, strict=True):
        m = CONCISE.match(line)
        assert m, line
        assert m["file"] == str(DRAFT)
        assert (int(m["line"]), int(m["col"]), m["code"]) == (
            finding.line,
            finding.column,
            finding.code,
        )
        assert m["severity"] == str(finding.severity) and m["message"] == finding.message


def _parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse `::cmd k=v,k=v::message` and unescape as the Actions runner does."""

    def unescape(value: str, prop: bool) -> str:
        value = value.replace("%0D", "\r").replace("%0A", "\n")
        if prop:
            value = value.replace("%3A", ":").replace("%2C", ",")
        return value.replace("%25", "%")

    m = re.match(r"^::(\w+)(?: ([^:]*))?::(.*)$", line)
    assert m, line
    props = {}
    for pair in (m[2] or "").split(","):
        key, _, value = pair.partition("=")
        props[key] = unescape(value, True)
    return m[1], props, unescape(m[3], False)


def test_github_annotations_parse_and_escape(tmp_path: Path) -> None:
    odd = tmp_path / "a,b:c%d.txt"
    odd.write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("lint", "--format", "github", str(odd), str(empty))
    assert result.exit_code == 2
    commands = [_parse_workflow_command(line) for line in result.stdout.splitlines()]
    report = lint_text(odd.read_text(encoding="utf-8"), str(odd))
    assert len(commands) == len(report.findings) + 1
    for (level, props, message), f in zip(commands, report.findings, strict=False):
        assert (
            level
            == {"error": "error", "warning": "warning", "suggestion": "notice"}[str(f.severity)]
        )
        assert props["file"] == str(odd)
        assert (int(props["line"]), int(props["col"])) == (f.line, f.column)
        assert props["title"] == f"{f.code} {f.name}"
        assert message.startswith(f.message)
    level, props, message = commands[-1]
    assert level == "error" and props["file"] == str(empty) and "empty" in message


def test_sarif_is_valid_against_the_2_1_0_schema(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("lint", "--format", "sarif", str(DRAFT), str(GOOD), str(empty))
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in ALL_RULES]
    tc102 = next(r for r in rules if r["id"] == "TC102")
    assert tc102["name"] == "stock-hyperbole"
    assert "## Why it matters" in tc102["help"]["markdown"]
    assert tc102["shortDescription"]["text"].startswith("Flags set phrases")
    report = lint_text(DRAFT.read_text(encoding="utf-8"), str(DRAFT))
    results = run_["results"]
    assert [r["ruleId"] for r in results] == [f.code for f in report.findings]
    for r, f in zip(results, report.findings, strict=True):
        assert rules[r["ruleIndex"]]["id"] == f.code
        region = r["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (f.line, f.column)
        assert (region["charOffset"], region["charLength"]) == (f.start, f.end - f.start)
    assert run_["invocations"][0]["executionSuccessful"] is False
    (note,) = run_["invocations"][0]["toolExecutionNotifications"]
    assert note["descriptor"]["id"] == "empty"


def test_junit_parses_with_one_failure_per_finding(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("lint", "--format", "junit", str(DRAFT), str(GOOD), str(empty))
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    draft, good, bad = root.findall("testsuite")
    n = len(lint_text(DRAFT.read_text(encoding="utf-8"), str(DRAFT)).findings)
    assert draft.get("name") == str(DRAFT) and draft.get("failures") == str(n)
    assert len(draft.findall("testcase/failure")) == n
    assert good.get("failures") == "0" and len(good.findall("testcase")) == 1
    assert bad.get("errors") == "1" and bad.find("testcase/error") is not None
    assert root.get("failures") == str(n) and root.get("errors") == "1"


# -- 3. inputs and options ----------------------------------------------------------------------


def test_lint_a_folder_recurses_like_batch(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "draft.txt").write_text(DRAFT.read_text(encoding="utf-8"))
    (tmp_path / "good.md").write_text(GOOD.read_text(encoding="utf-8"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not a letter's suffix: skipped, as batch does
    (tmp_path / ".hidden.txt").write_text("skipped")
    result = run("lint", "--format", "json", str(tmp_path))
    sources = [r["source"] for r in json.loads(result.stdout)["results"]]
    assert sources == [str(tmp_path / "good.md"), str(tmp_path / "sub" / "draft.txt")]


def test_a_problem_is_reported_once(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run("lint", str(missing), str(GOOD))
    assert result.exit_code == 2
    assert result.output.count("missing.txt") == 1
    assert result.stderr.strip() == f"tonecheck: error: {missing}: no such file"


def test_stdin_filename_reads_an_email_and_names_it() -> None:
    body = GOOD.read_text(encoding="utf-8")
    message = (
        "From: a@example.com\nTo: b@example.com\nSubject: Thank you\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n> quoted reply!!! dream job\n"
    )
    result = run("lint", "--format", "json", "--stdin-filename", "note.eml", "-", stdin=message)
    (row,) = json.loads(result.stdout)["results"]
    assert row["source"] == "note.eml"
    assert "From:" not in json.dumps(row["findings"])
    assert row["stats"]["words"] == lint_text(body, "x.txt").stats.words  # type: ignore[union-attr]


def test_quiet_prints_findings_only() -> None:
    loud = run("lint", str(DRAFT)).stdout
    quiet = run("lint", "--quiet", str(DRAFT), str(GOOD)).stdout
    assert "summary" in loud and "summary" not in quiet
    assert quiet.count("TC102") == 1
    assert run("lint", "-q", str(GOOD)).stdout == ""


def test_min_severity_filters_the_display_not_the_exit_code() -> None:
    result = run("lint", "--format", "json", "--min-severity", "error", str(DRAFT))
    findings = json.loads(result.stdout)["results"][0]["findings"]
    assert findings and {f["severity"] for f in findings} == {"error"}
    assert result.exit_code == 1
    warn = run(
        "lint", "-f", "concise", "--min-severity", "error", "--fail-on", "warning", str(DRAFT)
    )
    assert " warning " not in warn.stdout and warn.exit_code == 1


def test_version_forms() -> None:
    for args in (["-V"], ["--version"], ["version"]):
        result = run(*args)
        assert result.exit_code == 0 and result.stdout == f"tonecheck {__version__}\n"


def test_show_config_names_where_each_setting_came_from(tmp_path: Path) -> None:
    cfg = tmp_path / ".tonecheck.toml"
    cfg.write_text('max_words = 150\nignore = ["TC305"]\n')
    result = run("show-config", "--config", str(cfg), "--ignore", "TC101", "--fail-on", "warning")
    assert result.exit_code == 0
    rows = {line.split(" = ")[0]: line for line in result.stdout.splitlines() if " = " in line}
    assert rows["max_words"].startswith("max_words = 150") and rows["max_words"].endswith(str(cfg))
    assert rows["min_words"].endswith("# default")
    assert rows["fail_on"].startswith('fail_on = "warning"') and rows["fail_on"].endswith(
        "--fail-on"
    )
    assert '"TC101"' in rows["ignore"] and rows["ignore"].endswith(f"{cfg} + --ignore")
    assert result.stdout.startswith(f"# config file: {cfg}")
    bad = run("show-config", "--select", "TC999")
    assert bad.exit_code == 2 and "TC999" in bad.stderr


@pytest.mark.parametrize(
    "command",
    [[], ["lint"], ["batch"], ["presend"], ["rules"], ["rule"], ["show-config"], ["version"]],
)
def test_help_has_no_odd_metavars_or_broken_words_and_an_example(command: list[str]) -> None:
    result = run(*command, "--help", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    text = result.stdout
    assert not re.search(r"<[a-z]+[\[\] a-z|,]*>|\{\w", text), text
    assert not re.search(r"\w-\n", text), text  # no word split at a hyphen across lines
    assert max(len(line) for line in text.splitlines()) <= 80
    if command:
        assert "Example" in text


@pytest.mark.slow
def test_shell_completion_scripts_offline() -> None:
    script = Path(sys.executable).parent / "tonecheck"  # the console script pip installed
    for shell in ("bash", "zsh", "fish"):
        out = subprocess.run(
            [str(script), "--show-completion", shell],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "_TONECHECK_COMPLETE" in out.stdout
    env = {
        **os.environ,
        "_TONECHECK_COMPLETE": "complete_bash",
        "COMP_WORDS": "tonecheck li",
        "COMP_CWORD": "1",
    }
    out = subprocess.run([str(script)], capture_output=True, text=True, env=env, check=False)
    assert "lint" in out.stdout


# -- 4. inline suppression ----------------------------------------------------------------------

LETTER = (
    "Dear Ms. Alvarez,\n\n"
    "Thank you for the interview on Tuesday. It was a pleasure to meet the team.\n\n"
    "{block}"
    "I enjoyed hearing about the plan to move the Reno warehouse onto the new routing software.\n\n"
    "I remain very interested in the role and look forward to hearing from you.\n\n"
    "Best regards,\nSam\n"
)


def _codes(report) -> list[str]:
    return [f.code for f in report.findings]


def test_disable_enable_region_keeps_offsets_and_counts_what_it_hides() -> None:
    block = (
        "<!-- tonecheck-disable TC102 -->\nThis is my dream job.\n<!-- tonecheck-enable -->\n\n"
        "It is a dream job.\n\n"
    )
    text = LETTER.format(block=block)
    plain = lint_text(text, "letter.txt")  # not Markdown: comments are only read in .md
    md = lint_text(text, "letter.md")
    assert _codes(plain).count("TC102") == 2
    assert _codes(md).count("TC102") == 1
    assert [f.code for f in md.suppressed] == ["TC102"]
    hidden = md.suppressed[0]
    assert text[hidden.start : hidden.end] == hidden.match == "dream job"
    assert hidden.start < text.index("tonecheck-enable")
    for f in md.findings:
        assert text[f.start : f.end] == f.match
    assert md.text == text
    row = md.to_dict()
    assert [s["code"] for s in row["suppressed"]] == ["TC102"]


def test_disable_all_and_next_line(tmp_path: Path) -> None:
    block = (
        "<!-- tonecheck-disable-next-line -->\nIt was AMAZING!!! My dream job.\n"
        "This is my dream job.\n\n"
    )
    md = lint_text(LETTER.format(block=block), "letter.md")
    first_line = LETTER.format(block=block).index("It was AMAZING")
    assert all(f.start < first_line or f.start > first_line + 30 for f in md.findings)
    assert "TC102" in _codes(md)  # the second line is still checked
    assert {"TC201", "TC102"} <= {f.code for f in md.suppressed}
    everything = lint_text(
        "<!-- tonecheck-disable -->\n" + LETTER.format(block="This is my dream job!!!\n\n"),
        "letter.md",
    )
    assert everything.findings == () and everything.suppressed


def test_suppressed_findings_are_counted_in_the_summary_and_json(tmp_path: Path) -> None:
    path = tmp_path / "letter.md"
    path.write_text(
        LETTER.format(block="<!-- tonecheck-disable-next-line TC102 -->\nMy dream job.\n\n"),
        encoding="utf-8",
    )
    text = run("lint", str(path)).stdout
    assert "1 suppressed inline" in text
    row = json.loads(run("lint", "-f", "json", str(path)).stdout)["results"][0]
    assert [s["code"] for s in row["suppressed"]] == ["TC102"]
    stdin = run("lint", "-f", "json", "--stdin-filename", "x.md", "-", stdin=path.read_text())
    assert json.loads(stdin.stdout)["results"][0]["suppressed"] == row["suppressed"]
    sarif = json.loads(run("lint", "-f", "sarif", str(path)).stdout)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"] if r.get("suppressions")] == ["TC102"]


# -- 5. the Python API --------------------------------------------------------------------------


def test_threads_lint_concurrently_like_serial() -> None:
    texts = [DRAFT.read_text(encoding="utf-8"), GOOD.read_text(encoding="utf-8")] * 4
    settings = [Settings(), Settings(max_words=60)]
    serial = [lint_text(t, f"l{i}.txt", settings[i % 2]).to_dict() for i, t in enumerate(texts)]
    got: dict[int, dict[str, object]] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(texts))

    def work(i: int) -> None:
        try:
            barrier.wait()
            for _ in range(3):
                got[i] = lint_text(texts[i], f"l{i}.txt", settings[i % 2]).to_dict()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [got[i] for i in range(len(texts))] == serial


def test_lint_paths_yields_a_report_per_path_and_never_raises(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    reports = list(lint_paths([DRAFT, missing, GOOD]))
    assert [r.status for r in reports] == ["ok", "error", "ok"]
    assert reports[1].error_kind == "not-found"


# -- the README's examples of each format parse as the tests above parse real output --------------


def _readme_output(fmt: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = f"$ tonecheck lint examples/draft.txt --format {fmt}"
    block = readme.split(command, 1)[1].split("\n", 1)[1]
    return block.split("```", 1)[0]


def test_readme_examples_of_each_format_parse() -> None:
    concise = _readme_output("concise").splitlines()
    assert concise and all(CONCISE.match(line) for line in concise)
    github = [_parse_workflow_command(line) for line in _readme_output("github").splitlines()]
    assert github and all(level in ("error", "warning", "notice") for level, _, _ in github)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(json.loads(_readme_output("sarif")))
    root = ET.fromstring(_readme_output("junit").encode("utf-8"))
    assert root.tag == "testsuites" and root.find("testsuite/testcase/failure") is not None


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_writes_sarif_and_junit_reports_like_lint(tmp_path: Path, jobs: str) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "a.txt").write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    (letters / "b.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    (letters / "c.txt").write_text("")
    sarif_path, junit_path = tmp_path / "report.sarif", tmp_path / "report.xml"
    for out in (sarif_path, junit_path):
        result = run("batch", str(letters), "--output", str(out), "--jobs", jobs)
        assert result.exit_code == 2, result.output
    lint_sarif = json.loads(run("lint", "-f", "sarif", str(letters)).stdout)
    batch_sarif = json.loads(sarif_path.read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(batch_sarif)
    assert batch_sarif == lint_sarif
    lint_junit = run("lint", "-f", "junit", str(letters)).stdout
    assert junit_path.read_text(encoding="utf-8") == lint_junit
    root = ET.fromstring(lint_junit.encode("utf-8"))
    assert [s.get("name") for s in root] == [str(letters / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert root.get("errors") == "1"
