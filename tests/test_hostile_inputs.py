"""Robust on hostile input (issue 16, items 2-9): any file name, lying and inflating .docx files,
terminal escapes, configs that validate then crash, binary and encoding gaps, odd line ends,
one-line errors, and a batch parent killed by a signal."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import signal
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tonecheck.batch.discovery import discover
from tonecheck.cli import app
from tonecheck.config import load_settings, settings_from_mapping
from tonecheck.errors import ConfigError, InputError
from tonecheck.linter import lint_paths, lint_safely, lint_text
from tonecheck.sources import decode, read_source

EXAMPLES = Path(__file__).parent.parent / "examples"
GOOD = (EXAMPLES / "good.txt").read_text(encoding="utf-8")
COOL = (Path(__file__).parent / "golden" / "letters" / "cool.txt").read_text(encoding="utf-8")
runner = CliRunner()
HOSTILE_NAMES = [b"caf\xe9.txt", b"title\x1b]0;pwned\x07.txt", b"two\nlines.txt", b"plain.txt"]
SHOWN = ["caf\\xe9.txt", "title\\x1b]0;pwned\\x07.txt", "two\\nlines.txt", "plain.txt"]


def tonecheck(*args: str | bytes, **kw: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""}
    return subprocess.run(
        [sys.executable, "-m", "tonecheck", *args],
        capture_output=True,
        timeout=300,
        check=False,
        env=env,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    for name in HOSTILE_NAMES:  # str with the bad bytes as surrogates: the OS gets the bytes back
        (folder / os.fsdecode(name)).write_bytes(GOOD.encode())
    return folder


def no_controls(out: bytes) -> str:
    text = out.decode("utf-8")  # all output is valid UTF-8
    assert re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text) is None, text[:500]
    return text


# -- 2 and 10: file names that are not UTF-8 or hold control characters ---------------------------


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_lint_any_file_name(hostile_folder: Path, fmt: str) -> None:
    paths = sorted(str(hostile_folder / os.fsdecode(n)) for n in HOSTILE_NAMES)
    done = tonecheck("lint", "--format", fmt, "--fail-on", "never", *paths)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    out = no_controls(done.stdout)
    if fmt == "json":
        sources = [r["source"].rsplit("/", 1)[1] for r in json.loads(out)["results"]]
    else:
        sources = re.findall(r"/([^/\n]+): summary", out)
    assert sorted(sources) == sorted(SHOWN)


@pytest.mark.parametrize(("suffix", "jobs"), [(".jsonl", "2"), (".csv", "1"), (".html", "2")])
def test_batch_any_file_name(hostile_folder: Path, tmp_path: Path, suffix: str, jobs: str) -> None:
    output = tmp_path / f"report{suffix}"
    done = tonecheck("batch", str(hostile_folder), "--output", str(output), "--jobs", jobs)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr
    report = output.read_text(encoding="utf-8")
    if suffix == ".jsonl":
        rows = [json.loads(line)["source"] for line in report.splitlines()]
    elif suffix == ".csv":
        rows = [row["source"] for row in csv.DictReader(io.StringIO(report))]
    else:
        rows = [name for name in SHOWN if name.replace("\\", "&#x5C;") in report or name in report]
    assert sorted(r.rsplit("/", 1)[-1] for r in rows) == sorted(SHOWN)


def test_error_about_a_file_named_with_a_newline_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "evil\nname\x1b[2J.txt"
    bad.write_bytes(b"\x00\x01binary")
    done = tonecheck("lint", str(bad))
    assert done.returncode == 2
    errors = no_controls(done.stderr).splitlines()
    assert errors == [f"tonecheck: error: {tmp_path}/evil\\nname\\x1b[2J.txt: looks like a binary "
                      "file, not text"]  # fmt: skip


def test_presend_without_a_command_is_one_line() -> None:
    result = runner.invoke(app, ["presend", "--"], input=b"Subject: x\n\nThanks")
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "presend needs the sendmail command" in result.output


def test_a_file_named_twice_through_dot_dot_is_one_input(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(GOOD, encoding="utf-8")
    names = [f"{tmp_path}/a/../a/x.txt", f"{tmp_path}/a/x.txt", f"{tmp_path}/a/./x.txt"]
    assert len(list(discover([*names, str(tmp_path / "a" / ".." / "a")]))) == 1


# -- 7: terminal escapes in letter text --------------------------------------------------------------


def test_escape_sequences_in_a_letter_are_shown_not_obeyed(tmp_path: Path) -> None:
    text = GOOD.replace("Thank you", "\x1b[2J\x1b]0;hacked\x07Thank you!!!", 1)
    text += "\n\u202eall checks passed\x9b31m SO EXCITED!!!\n"
    path = tmp_path / "letter.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["lint", "--color", "never", str(path)])
    assert "\\x1b[2J\\x1b]0;hacked\\x07" in result.output
    assert "\\u202eall checks passed\\x9b31m" in result.output
    no_controls(result.output.encode())
    as_json = runner.invoke(app, ["lint", "--format", "json", str(path)])
    findings = json.loads(as_json.output)["results"][0]["findings"]  # valid JSON, exact offsets
    assert findings and all(text[f["start"] : f["end"]] == f["match"] for f in findings)


# -- 3, 4: .docx that lies about its sizes or inflates past the limits ---------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def docx_bytes(body: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>',
        )
    return out.getvalue()


def lie_about_sizes(data: bytes, size: int) -> bytes:
    """The same zip with every member's declared uncompressed size set to ``size``."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.find(sig)
        while at != -1:
            out[at + offset : at + offset + 4] = struct.pack("<I", size)
            at = out.find(sig, at + 4)
    return bytes(out)


def read_error(tmp_path: Path, name: str, data: bytes) -> InputError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert "\n" not in caught.value.message
    return caught.value


def test_docx_of_millions_of_empty_paragraphs_is_too_large(tmp_path: Path) -> None:
    data = docx_bytes("<w:p/>" * 2_000_000)
    assert len(data) < 40_000
    assert read_error(tmp_path, "bomb.docx", data).kind == "too-large"


def test_docx_that_declares_tiny_sizes_is_not_trusted(tmp_path: Path) -> None:
    data = lie_about_sizes(docx_bytes("<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 300_000), 100)
    assert read_error(tmp_path, "liar.docx", data).kind in ("too-large", "bad-docx")


def test_docx_text_over_the_limit_is_too_large(tmp_path: Path) -> None:
    data = docx_bytes("<w:p><w:r><w:t>" + "Thank you. " * 100_000 + "</w:t></w:r></w:p>")
    assert len(data) < 40_000
    assert read_error(tmp_path, "long.docx", data).kind == "too-large"
    (report,) = lint_paths([tmp_path / "long.docx"])
    assert report.error_kind == "too-large"
    result = runner.invoke(app, ["lint", str(tmp_path / "long.docx")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_text_over_the_limit_given_to_lint_text_is_an_input_error() -> None:
    report = lint_safely("Thank you. " * 100_000, "long", load_settings(start=Path("/")))
    assert report.error_kind == "too-large"


# -- 5: config values that validate and then crash -------------------------------------------------


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_reading_grade_must_be_finite(value: float) -> None:
    with pytest.raises(ConfigError, match="max_reading_grade"):
        settings_from_mapping({"max_reading_grade": value})


def test_huge_max_bytes_is_refused_and_stdin_reads_in_blocks(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="max_bytes"):
        settings_from_mapping({"max_bytes": 10**15})
    (tmp_path / ".tonecheck.toml").write_text("max_bytes = 100000000\n", encoding="utf-8")
    done = tonecheck("lint", "-", input=GOOD.encode(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()


def test_unrelated_broken_pyproject_in_a_parent_folder_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'other'\n", encoding="utf-8")
    inner = tmp_path / "letters"
    inner.mkdir()
    assert load_settings(start=inner).source is None  # the defaults
    (tmp_path / "pyproject.toml").write_text("[tool.tonecheck\nmax_words = 9\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_settings(start=inner)


# -- 6: binary and encoding gaps -------------------------------------------------------------------


def test_binary_check_covers_the_whole_file() -> None:
    with pytest.raises(InputError) as caught:
        decode(GOOD.encode() * 20 + b"\x00\x00\x00junk", "late-nul.txt")
    assert caught.value.kind == "binary"
    with pytest.raises(InputError) as caught:
        decode(GOOD.encode() * 20 + b"\x01\x02\x03\x04\x05" * 40, "late-controls.txt")
    assert caught.value.kind == "binary"


def test_short_utf32_and_zero_width_only() -> None:
    assert decode("Thanks".encode("utf-32"), "u32.txt") == "Thanks"
    assert decode(codecs.BOM_UTF32_BE + "Thanks".encode("utf-32-be"), "be.txt") == "Thanks"
    assert decode("Hi".encode("utf-16"), "u16.txt") == "Hi"
    for blank in ("\u200b\u200b\u200b", "\ufeff\u200d \u2060\n"):
        with pytest.raises(InputError) as caught:
            decode(blank.encode("utf-8"), "blank.txt")
        assert caught.value.kind == "empty"
        assert lint_safely(blank, "blank", load_settings(start=Path("/"))).error_kind == "empty"


def test_lone_surrogate_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        lint_text(GOOD + "\udc80")
    assert caught.value.kind == "bad-encoding"


# -- 9: CR-only and U+2028 line ends ---------------------------------------------------------------


@pytest.mark.parametrize("end", ["\r", "\u2028"])
def test_odd_line_ends_read_like_lf(end: str) -> None:
    lf = lint_text(COOL)
    odd_text = COOL.replace("\n", end)
    odd = lint_text(odd_text)
    assert [(f.code, f.start) for f in odd.findings] == [(f.code, f.start) for f in lf.findings]
    assert odd.elements == lf.elements and odd.stats == lf.stats
    for f in odd.findings:  # universal newlines: CR ends a line, U+2028 does not
        before = odd_text[: f.start].replace("\r\n", "\n").replace("\r", "\n")
        assert (f.line, f.column) == (before.count("\n") + 1, f.start - before.rfind("\n"))


# -- 9: the batch parent killed by a signal -------------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_batch(tmp_path: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    letters = tmp_path / "letters"
    letters.mkdir()
    for i in range(3000):
        (letters / f"l{i:04d}.txt").write_text(f"{GOOD}\nRef {i}.\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tonecheck", "batch", str(letters), "-o", str(tmp_path / "r.jsonl"),
         "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while len(workers := children(proc.pid)) < 2 and time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else b""
        time.sleep(0.1)
    assert len(workers) >= 2
    return proc, workers


def wait_gone(pids: list[int], seconds: float = 60) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := [p for p in pids if alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_sigterm_to_the_batch_parent_cleans_up(tmp_path: Path) -> None:
    proc, workers = start_batch(tmp_path)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=120) == 130
    assert proc.stderr is not None and b"was not written" in proc.stderr.read()
    assert wait_gone(workers) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letters"]  # no temporary report left


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    proc, workers = start_batch(tmp_path)
    proc.kill()
    proc.wait(timeout=60)
    assert wait_gone(workers) == []
    assert proc.stderr is not None
    proc.stderr.close()
