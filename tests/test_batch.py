"""``tonecheck batch``: finding inputs, bad input that loses nothing, order, workers, formats,
exit codes and atomic report writing."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tonecheck import batch
from tonecheck.atomic import atomic_output
from tonecheck.batch import discovery, pool, writers
from tonecheck.batch.discovery import Found, discover
from tonecheck.batch.pool import lint_many
from tonecheck.cli import app
from tonecheck.config import Settings
from tonecheck.errors import TonecheckError
from tonecheck.findings import Finding, Report, Severity, ToneResult
from tonecheck.progress import Progress
from tonecheck.report.csv import COLUMNS
from tonecheck.summary import FAILURES_SHOWN, BatchSummary

EXAMPLES = Path(__file__).parent.parent / "examples"
GOOD = (EXAMPLES / "good.txt").read_text(encoding="utf-8")
DRAFT = (EXAMPLES / "draft.txt").read_text(encoding="utf-8")
runner = CliRunner()


def make_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_eml(body: str) -> bytes:
    head = "From: jordan@example.com\nTo: ana@example.org\nSubject: Thank you\n"
    return (head + "Content-Type: text/plain; charset=utf-8\n\n" + body).encode()


def mixed_folder(root: Path) -> dict[str, str | None]:
    """Good letters and every kind of bad input; returns each input's expected error kind
    (None: analysed) by path relative to ``root``."""
    letters = root / "letters"
    (letters / "nested" / "deeper").mkdir(parents=True)
    (letters / ".hidden").mkdir()
    expected: dict[str, str | None] = {}

    def put(rel: str, data: bytes, kind: str | None) -> None:
        (letters / rel).write_bytes(data)
        expected[f"letters/{rel}"] = kind

    put("a-good.txt", GOOD.encode(), None)
    put("b-draft.md", DRAFT.encode(), None)
    put("c-bom.txt", b"\xef\xbb\xbf" + GOOD.encode(), None)
    put("d-utf16.txt", b"\xff\xfe" + GOOD.encode("utf-16-le"), None)
    put("e-letter.eml", make_eml(GOOD), None)
    put("f-letter.docx", make_docx(GOOD), None)
    put("nested/g-good.txt", GOOD.encode(), None)
    put("nested/deeper/h-draft.txt", DRAFT.encode(), None)
    put("empty.txt", b"", "empty")
    put("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary")
    put("latin1.txt", GOOD.replace("Reno", "Renó").encode("latin-1"), "bad-encoding")
    put("too-large.txt", b"word " * 200_001, "too-large")
    put("malformed.eml", b"just some words, no header\n", "bad-email")
    put("corrupt.docx", b"PK\x03\x04 this is not really a zip", "bad-docx")
    (letters / "loop-a.txt").symlink_to("loop-b.txt")
    (letters / "loop-b.txt").symlink_to("loop-a.txt")
    expected["letters/loop-a.txt"] = expected["letters/loop-b.txt"] = "symlink-loop"
    (letters / "nested" / "back-up").symlink_to("..")  # a link to a folder: not followed
    locked = letters / "nested" / "locked.txt"
    locked.write_bytes(GOOD.encode())
    locked.chmod(0)
    expected["letters/nested/locked.txt"] = None if os.access(locked, os.R_OK) else "unreadable"
    # Not inputs: hidden files and folders, files of other types.
    (letters / ".hidden" / "secret.txt").write_bytes(DRAFT.encode())
    (letters / ".draft.txt").write_bytes(DRAFT.encode())
    (letters / "notes.pdf").write_bytes(b"%PDF-1.7")
    return expected


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str | None]]:
    monkeypatch.chdir(tmp_path)
    expected = mixed_folder(tmp_path)
    yield expected
    (tmp_path / "letters" / "nested" / "locked.txt").chmod(0o644)


def results(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- finding inputs -----------------------------------------------------------------------------------


def test_discover_order_hidden_and_patterns(mixed: dict[str, str | None]) -> None:
    found = [f.path for f in discover(["letters"])]
    assert found == sorted(mixed, key=lambda p: p.replace("letters/", "").split("/"))
    assert not any("/." in p for p in found)
    assert [f.path for f in discover(["letters"], ["*.eml"])] == [
        "letters/e-letter.eml",
        "letters/malformed.eml",
    ]
    assert [f.path for f in discover(["letters"], ["nested/deeper/*"])] == [
        "letters/nested/deeper/h-draft.txt"
    ]


def test_discover_named_files_and_duplicates(mixed: dict[str, str | None]) -> None:
    # A file named on the command line is an input even if hidden or of another suffix; a file
    # reached twice counts once; a path that does not exist is kept (it will be an error).
    found = discover(["letters/.draft.txt", "letters/nested", "letters/nested/g-good.txt", "nope"])
    assert [f.path for f in found] == [
        "letters/.draft.txt",
        "letters/nested/deeper/h-draft.txt",
        "letters/nested/g-good.txt",
        "letters/nested/locked.txt",
        "nope",
    ]


def test_discover_unlistable_folder_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop listing")
        (item,) = discover([str(tmp_path)])
        assert item.error_kind == "unreadable"
    finally:
        locked.chmod(0o755)


def test_discover_unlistable_folder_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path: Path) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(discovery.os, "scandir", scandir)
    found = list(discover([str(tmp_path)]))
    assert [(Path(f.path).name, f.error_kind) for f in found] == [
        ("locked", "unreadable"),
        ("a.txt", None),
    ]
    assert "Permission denied" in (found[0].error_message or "")


# -- the mixed folder, end to end ---------------------------------------------------------------------


def test_nothing_lost(mixed: dict[str, str | None]) -> None:
    before = {p: (Path(p).lstat().st_mtime_ns, Path(p).lstat().st_size) for p in mixed}
    result = runner.invoke(app, ["batch", "letters", "--output", "report.jsonl", "--jobs", "1"])
    assert result.exit_code == 2, result.output
    rows = results(Path("report.jsonl"))
    assert [r["source"] for r in rows] == [f.path for f in discover(["letters"])]
    got = {r["source"]: (None if r["status"] == "ok" else r["error"]["kind"]) for r in rows}  # type: ignore[index]
    assert got == mixed
    for r in rows:
        if r["status"] == "error":
            error = r["error"]
            assert isinstance(error, dict)
            assert str(error["message"]).startswith(str(r["source"]))
            assert "\n" not in str(error["message"])
        else:
            assert r["error"] is None and r["stats"] is not None
    # Every other input was analysed and reported; inputs were never touched.
    assert {p: (Path(p).lstat().st_mtime_ns, Path(p).lstat().st_size) for p in mixed} == before
    analysed = sum(kind is None for kind in mixed.values())
    assert f"  letters    {len(mixed)}\n  analysed   {analysed}\n" in result.stdout
    assert "could not analyse" in result.stdout
    assert "input(s) could not be analysed" in result.stderr


def _one_and_two_workers(suffix: str) -> tuple[Result, Result]:
    """``batch letters`` with one worker into ``one<suffix>`` and with two into ``two<suffix>``."""
    one = runner.invoke(app, ["batch", "letters", "-o", f"one{suffix}", "--jobs", "1"])
    two = runner.invoke(app, ["batch", "letters", "-o", f"two{suffix}", "--jobs", "2"])
    return one, two


@pytest.mark.slow
def test_same_report_whatever_the_workers(mixed: dict[str, str | None]) -> None:
    one, two = _one_and_two_workers(".jsonl")
    assert one.exit_code == two.exit_code == 2
    assert Path("one.jsonl").read_bytes() == Path("two.jsonl").read_bytes()
    # Chunks of one letter each over three workers: still in input order.
    items = list(discover(["letters"]))
    sources = [r.source for r in lint_many(items, Settings(), jobs=3, keep_text=False, size=1)]
    assert sources == [i.path for i in items]


@pytest.mark.slow
def test_spawned_workers_give_the_same_report(
    mixed: dict[str, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker pool used where forking is not safe (macOS, Windows), run here with spawn."""
    one = runner.invoke(app, ["batch", "letters", "-o", "one.jsonl", "--jobs", "1"])
    monkeypatch.setattr(pool, "START_METHOD", "spawn")
    two = runner.invoke(app, ["batch", "letters", "-o", "two.jsonl", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 2
    assert Path("one.jsonl").read_bytes() == Path("two.jsonl").read_bytes()


def test_a_forked_worker_that_dies_stops_the_run_with_a_clear_error(
    mixed: dict[str, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real = pool._chunk_result

    def dies_in_the_worker(*args: Any) -> pool.ChunkResult:
        if os.getpid() != parent:
            os._exit(9)  # as if killed: no result, no goodbye
        return real(*args)

    monkeypatch.setattr(pool, "_chunk_result", dies_in_the_worker)
    Path("report.jsonl").write_text("the previous report\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", "letters", "-o", "report.jsonl", "-j", "2"])
    assert result.exit_code == 2
    assert "a worker process stopped unexpectedly" in result.stderr
    assert "report.jsonl was not written" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert Path("report.jsonl").read_text(encoding="utf-8") == "the previous report\n"


@pytest.mark.skipif(pool.START_METHOD != "fork", reason="the hook reaches the workers by forking")
def test_a_killed_worker_is_one_line_and_the_old_report_stays(
    mixed: dict[str, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGKILL in a worker, half way (as the kernel's out-of-memory killer does): run_batch raises
    one TonecheckError, the CLI prints it on one line, and the old report is left as it was."""
    import signal

    import tonecheck.linter

    parent = os.getpid()
    real = tonecheck.linter.lint_sources

    def killed_in_the_worker(sources: Any, *args: Any, **kwargs: Any) -> Any:
        sources = list(sources)
        if os.getpid() != parent and any(s.name.endswith("g-good.txt") for s in sources):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(sources, *args, **kwargs)

    monkeypatch.setattr(tonecheck.linter, "lint_sources", killed_in_the_worker)
    old = "the previous report\n"
    Path("report.csv").write_text(old, encoding="utf-8")
    items = batch.find_inputs(["letters"], Path("report.csv"))
    with pytest.raises(TonecheckError) as info:
        batch.run_batch(items, Path("report.csv"), Settings(), jobs=2)
    assert info.value.message == f"{pool.WORKER_DIED}; report.csv was not written"
    result = runner.invoke(app, ["batch", "letters", "-o", "report.csv", "-j", "2"])
    assert result.exit_code == 2
    assert result.stderr == f"tonecheck: error: {info.value.message}\n"
    assert "Traceback" not in result.stdout
    assert Path("report.csv").read_text(encoding="utf-8") == old
    assert sorted(p.name for p in Path().iterdir()) == ["letters", "report.csv"]


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".html"])
def test_run_batch_gives_the_same_bytes_whatever_the_workers(
    mixed: dict[str, str | None], suffix: str
) -> None:
    """In input order, whatever the workers: the same report and the same counts."""
    items = batch.find_inputs(["letters"], Path(f"one{suffix}"))
    one = batch.run_batch(items, Path(f"one{suffix}"), Settings(), jobs=1)
    seen: list[int] = []
    two = batch.run_batch(items, Path(f"two{suffix}"), Settings(), jobs=2, progress=seen.append)
    assert Path(f"one{suffix}").read_bytes() == Path(f"two{suffix}").read_bytes()
    assert one == two and one.letters == len(items) == len(mixed)
    assert seen == sorted(seen) and seen[-1] == len(items) and len(seen) > 2


def test_the_chunks_in_flight_are_bounded(
    mixed: dict[str, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory stays flat: the pool is given a few chunks per worker ahead of the results read."""
    from concurrent.futures import Future, ProcessPoolExecutor

    submitted: list[int] = []

    class Counting(ProcessPoolExecutor):
        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            submitted.append(len(args[0]))
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(pool, "ProcessPoolExecutor", Counting)
    items = list(discover(["letters"]))
    with closing(pool.lint_chunks(items, Settings(), jobs=2, size=1)) as run:
        next(run)
        assert len(submitted) == 2 * pool.IN_FLIGHT + 1 < len(items)
        assert len(list(run)) == len(items) - 1
    assert len(submitted) == len(items)


def test_a_file_that_vanishes_mid_run(mixed: dict[str, str | None]) -> None:
    items = list(discover(["letters"]))
    reports = lint_many(items, Settings(), jobs=1, size=1)
    first = next(reports)  # streaming: the later files are not read yet
    Path("letters/nested/g-good.txt").unlink()
    rest = list(reports)
    assert [first.source, *(r.source for r in rest)] == [i.path for i in items]
    gone = next(r for r in rest if r.source == "letters/nested/g-good.txt")
    assert gone.error_kind == "not-found"


def test_one_letter_that_breaks_the_pipeline_does_not_sink_its_chunk(
    mixed: dict[str, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tonecheck.linter

    real = tonecheck.linter.lint_text

    def broken_pipe(*args: object, **kwargs: object) -> Iterator[Report]:
        raise RuntimeError("pipeline failed")

    def lint_text(text: str, source: str = "<text>", settings: Settings | None = None) -> Report:
        if "dream job" in text:
            raise RuntimeError("a rule crashed")
        return real(text, source, settings)

    monkeypatch.setattr(tonecheck.linter, "lint_sources", broken_pipe)
    monkeypatch.setattr(tonecheck.linter, "lint_text", lint_text)
    chunk = [Found("letters/a-good.txt"), Found("letters/b-draft.md"), Found("letters/empty.txt")]
    good, draft, empty = pool.lint_chunk(chunk, Settings())
    assert good.ok
    assert draft.error_kind == "internal-error" and "a rule crashed" in (draft.error_message or "")
    assert empty.error_kind == "empty"


# -- formats ------------------------------------------------------------------------------------------


def test_csv_report(mixed: dict[str, str | None]) -> None:
    result = runner.invoke(app, ["batch", "letters", "-o", "report.csv", "-j", "1"])
    assert result.exit_code == 2, result.output
    with Path("report.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == COLUMNS
    assert [r["source"] for r in rows] == [f.path for f in discover(["letters"])]
    draft = next(r for r in rows if r["source"] == "letters/b-draft.md")
    assert draft["status"] == "ok" and draft["error"] == ""
    assert draft["length"] == "ok" and int(draft["words"]) > 40
    assert draft["thanks"] == "true" and draft["pleasure"] == "true"  # "I loved hearing about"
    assert int(draft["n_risk"]) >= 2 and int(draft["n_hyperbole"]) >= 2
    assert int(draft["findings"]) == sum(
        int(draft[k]) for k in ("errors", "warnings", "suggestions")
    )
    assert "TC" in draft["top_codes"]
    empty = next(r for r in rows if r["source"] == "letters/empty.txt")
    assert (empty["status"], empty["error"], empty["score"]) == ("error", "empty", "")
    assert "file is empty" in empty["error_message"]


def test_csv_neutralises_formulas() -> None:
    from tonecheck.report.csv import row

    cells = row(Report.failed("=HYPERLINK(1).txt", "empty", "-1+1"))
    assert cells[0] == "'=HYPERLINK(1).txt" and cells[3] == "'-1+1"


def test_html_report_is_self_contained(mixed: dict[str, str | None]) -> None:
    result = runner.invoke(app, ["batch", "letters", "-o", "report.html", "-j", "1"])
    assert result.exit_code == 2, result.output
    page = Path("report.html").read_text(encoding="utf-8")
    for source in mixed:
        assert f">{source}</a>" in page  # in the table
    assert page.count('<section class="letter"') == len(mixed)
    assert "<mark " in page and "Content-Security-Policy" in page
    assert "http://" not in page and "https://" not in page and " src=" not in page


def test_unknown_report_format_and_missing_folder(mixed: dict[str, str | None]) -> None:
    result = runner.invoke(app, ["batch", "letters", "-o", "report.pdf"])
    assert result.exit_code == 2 and "use .jsonl, .csv, .html, .sarif or .xml" in result.stderr
    result = runner.invoke(app, ["batch", "letters", "-o", "no/such/dir/report.csv"])
    assert result.exit_code == 2 and "does not exist" in result.stderr
    result = runner.invoke(app, ["batch", "-", "-o", "report.csv"])
    assert result.exit_code == 2 and "lint -" in result.stderr


# -- exit codes and options ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["letters/a-good.txt"], 0),
        (["letters/b-draft.md"], 1),
        (["letters/b-draft.md", "--fail-on", "never"], 0),
        (["letters/a-good.txt", "letters/empty.txt"], 2),
        (["letters/b-draft.md", "--ignore", "TC5,TC4,TC6", "--fail-on", "error"], 0),
    ],
)
def test_exit_codes(mixed: dict[str, str | None], args: list[str], code: int) -> None:
    result = runner.invoke(app, ["batch", *args, "-o", "out.jsonl", "-j", "1"])
    assert result.exit_code == code, result.output


def test_select_and_config(mixed: dict[str, str | None]) -> None:
    result = runner.invoke(
        app, ["batch", "letters/b-draft.md", "-o", "out.jsonl", "--select", "TC1", "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    (row,) = results(Path("out.jsonl"))
    codes = {f["code"] for f in row["findings"]}  # type: ignore[attr-defined]
    assert codes and all(c.startswith("TC1") for c in codes)

    Path("small.toml").write_text("max_bytes = 100\n", encoding="utf-8")
    result = runner.invoke(
        app, ["batch", "letters/a-good.txt", "-o", "out.jsonl", "--config", "small.toml"]
    )
    assert result.exit_code == 2
    assert results(Path("out.jsonl"))[0]["error"] == {
        "kind": "too-large",
        "message": f"letters/a-good.txt: file is too large ({len(GOOD.encode()):,} bytes; "
        "the limit is 100, see max_bytes)",
    }

    Path("bad.toml").write_text("max_byte = 100\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", "letters", "-o", "out.jsonl", "--config", "bad.toml"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "'max_byte'" in result.stderr

    result = runner.invoke(app, ["batch", "letters", "-o", "out.jsonl", "--select", "TC999"])
    assert result.exit_code == 2 and "TC999" in result.stderr


def test_glob_option(mixed: dict[str, str | None]) -> None:
    result = runner.invoke(app, ["batch", "letters", "-o", "o.jsonl", "--glob", "*-good.txt"])
    assert result.exit_code == 0, result.output
    assert [r["source"] for r in results(Path("o.jsonl"))] == [
        "letters/a-good.txt",
        "letters/nested/g-good.txt",
    ]


def test_no_letters_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("empty-folder").mkdir()
    result = runner.invoke(app, ["batch", "empty-folder", "-o", "out.csv"])
    assert result.exit_code == 0
    assert "no letters found" in result.stderr
    assert Path("out.csv").read_text(encoding="utf-8").splitlines() == [",".join(COLUMNS)]


# -- the report file: never over an input, written atomically ------------------------------------------


def test_refuses_to_overwrite_an_input(mixed: dict[str, str | None]) -> None:
    Path("letters/old-report.html").write_text("<p>an input, not a report</p>", encoding="utf-8")
    result = runner.invoke(
        app, ["batch", "letters", "--glob", "*.html", "-o", "letters/old-report.html"]
    )
    assert result.exit_code == 2 and "overwrite one of the inputs" in result.stderr
    assert Path("letters/old-report.html").read_text(encoding="utf-8").startswith("<p>an input")
    Path("x.csv").write_text("kept", encoding="utf-8")
    result = runner.invoke(app, ["batch", "letters/a-good.txt", "./x.csv", "-o", "x.csv"])
    assert result.exit_code == 2 and Path("x.csv").read_text(encoding="utf-8") == "kept"
    # the same file under another name: a symbolic link or a hard link to the report
    Path("report.jsonl").write_text("kept\n", encoding="utf-8")
    Path("link.txt").symlink_to("report.jsonl")
    Path("hard.txt").hardlink_to("report.jsonl")
    for name in ("link.txt", "hard.txt"):
        result = runner.invoke(app, ["batch", name, "-o", "report.jsonl"])
        assert result.exit_code == 2 and "overwrite one of the inputs" in result.stderr
    assert Path("report.jsonl").read_text(encoding="utf-8") == "kept\n"


def test_a_failed_run_leaves_the_old_report(
    mixed: dict[str, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("report.jsonl").write_text("the previous report\n", encoding="utf-8")
    real = batch.lint_chunks

    def dies_half_way(*args: object, **kwargs: object) -> Iterator[pool.ChunkResult]:
        generator = real(*args, **kwargs)  # type: ignore[arg-type]
        yield next(generator)
        raise TonecheckError("a worker process stopped unexpectedly")

    monkeypatch.setattr(batch, "lint_chunks", dies_half_way)
    result = runner.invoke(app, ["batch", "letters", "-o", "report.jsonl", "-j", "1"])
    assert result.exit_code == 2 and "report.jsonl was not written" in result.stderr
    assert Path("report.jsonl").read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in Path().iterdir()) == ["letters", "report.jsonl"]

    def interrupted(*args: object, **kwargs: object) -> Iterator[pool.ChunkResult]:
        generator = real(*args, **kwargs)  # type: ignore[arg-type]
        yield next(generator)
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "lint_chunks", interrupted)
    result = runner.invoke(app, ["batch", "letters", "-o", "report.jsonl", "-j", "1"])
    assert result.exit_code == 130
    assert Path("report.jsonl").read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in Path().iterdir()) == ["letters", "report.jsonl"]


def test_atomic_output(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), atomic_output(target) as out:
        out.write("half a rep")
        raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]
    with atomic_output(target) as out:
        out.write("new\n")
        assert target.read_text(encoding="utf-8") == "old"  # not visible until complete
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640  # the replaced report's mode is kept
    fresh = tmp_path / "fresh.jsonl"
    with atomic_output(fresh) as out:
        out.write("x")
    assert fresh.stat().st_mode & 0o600 == 0o600


# -- progress and summary -----------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal() -> None:
    quiet = io.StringIO()
    bar = Progress(10, quiet)
    bar.update(10)
    bar.close()
    assert quiet.getvalue() == ""
    terminal = FakeTerminal()
    bar = Progress(4, terminal)
    bar.update(4)
    assert "[" + "#" * 30 + "] 4/4 letters" in terminal.getvalue()
    bar.close()
    assert terminal.getvalue().endswith("\r\x1b[K")


def test_no_progress_bar_when_not_a_terminal(mixed: dict[str, str | None]) -> None:
    result = runner.invoke(app, ["batch", "letters/a-good.txt", "-o", "o.jsonl"])
    assert "\r" not in result.stderr and "letters" not in result.stderr


def scored(source: str, score: float, tone: str, codes: tuple[str, ...] = ()) -> Report:
    findings = tuple(
        Finding(i, i + 1, code, code.lower(), "risk", Severity.ERROR, "m.")
        for i, code in enumerate(codes)
    )
    return Report(
        source=source,
        findings=findings,
        length="ok",
        tone=ToneResult(score=score, tone=tone, probabilities={tone: 1.0}),
    )


def test_summary() -> None:
    summary = BatchSummary()
    for report in (
        scored("a", 100.0, "cool_cordial"),
        scored("b", 40.0, "pushy", ("TC501", "TC501", "TC503")),
        scored("c", 0.0, "pushy", ("TC501",)),
        Report.failed("d", "empty", "d: file is empty"),
    ):
        summary.add(report)
    assert (summary.letters, summary.analysed, summary.errors) == (4, 3, 1)
    assert summary.mean_score == pytest.approx(140 / 3)
    assert summary.histogram == [1, 0, 0, 0, 1, 0, 0, 0, 0, 1]
    assert summary.top_findings() == [("TC501", "tc501", 3, 2), ("TC503", "tc503", 1, 1)]
    assert summary.worst is Severity.ERROR
    text = summary.render()
    assert "pushy 2  cool_cordial 1" in text and "mean score 46.7" in text
    assert "TC501" in text and "d: file is empty" in text
    assert "n/a (no tone classifier installed)" in BatchSummary().render()


def test_summary_merge_equals_adding_one_by_one() -> None:
    reports = [
        Report.failed(f"e{i}", "empty", f"e{i}: file is empty")
        if i % 3 == 0
        else scored(f"s{i}", 7.0 * i, "pushy" if i % 2 else "curt", ("TC501",) * (i % 4))
        for i in range(30)
    ]
    one_by_one = BatchSummary()
    for report in reports:
        one_by_one.add(report)
    merged = BatchSummary()
    for start in range(0, len(reports), 7):
        part = BatchSummary()
        for report in reports[start : start + 7]:
            part.add(report)
        merged.merge(part)
    assert merged == one_by_one
    assert merged.failures == [f"e{i}: file is empty" for i in range(0, 30, 3)][:FAILURES_SHOWN]


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_workers_render_the_same_report(mixed: dict[str, str | None], suffix: str) -> None:
    """Workers render their letters' rows; the file is the one the parent would write."""
    one = runner.invoke(app, ["batch", "letters", "-o", f"one{suffix}", "-j", "1"])
    two = runner.invoke(app, ["batch", "letters", "-o", f"two{suffix}", "-j", "2"])
    assert one.exit_code == two.exit_code == 2
    assert Path(f"one{suffix}").read_bytes() == Path(f"two{suffix}").read_bytes()
    assert one.stdout.replace("one.", "two.") == two.stdout
    items = list(discover(["letters"]))
    reports = list(lint_many(items, Settings(), jobs=1, keep_text=False))
    by_writer = io.StringIO()
    writer = writers.writer_for(Path(f"x{suffix}"), by_writer)
    for report in reports:
        writer.write(report)
    assert writer.render is not None
    rendered = "".join(writer.render(r) for r in reports)
    assert by_writer.getvalue().endswith(rendered) and rendered.count("\n") >= len(items)


@pytest.mark.slow
def test_html_report_is_the_same_whatever_the_workers(mixed: dict[str, str | None]) -> None:
    """The HTML report needs whole Reports (with their text): forked workers send them back."""
    one, two = _one_and_two_workers(".html")
    assert one.exit_code == two.exit_code == 2
    assert Path("one.html").read_bytes() == Path("two.html").read_bytes()


def test_chunk_size() -> None:
    assert pool.chunk_size(10, 2) == 2
    assert pool.chunk_size(100_000, 2) == pool.MAX_CHUNK
    assert pool.chunk_size(0, 4) == 1


def test_docx_and_eml_in_the_mixed_folder_are_read_as_letters(mixed: dict[str, str | None]) -> None:
    reports = {r.source: r for r in lint_many(list(discover(["letters"])), Settings(), jobs=1)}
    assert reports["letters/e-letter.eml"].text == GOOD.rstrip("\n")
    assert reports["letters/f-letter.docx"].text == GOOD
    assert zipfile.is_zipfile("letters/f-letter.docx")
