"""Batch-scoring: find letters under folders, lint them in worker processes, stream the results.

``discover`` lists the inputs (paths only, never their text); ``lint_chunks`` lints them in chunks
through ``nlp.pipe``, in this process (``jobs=1``) or in several processes (on Linux, workers forked
from this one once it has built the pipeline; elsewhere spawned workers that each build it), and
yields each chunk's result *in input order* (``lint_many``: one Report per input);
``BatchSummary`` keeps the counts for the closing table; ``atomic_output`` writes a report file so
that a crash never leaves a half-written report over an old one. Nothing here prints or exits.
"""

from __future__ import annotations

import dataclasses
import errno
import fnmatch
import math
import os
import signal
import stat
import sys
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import IO, Any, Protocol

from tonecheck.config import Settings
from tonecheck.errors import InputError, TonecheckError
from tonecheck.findings import Report, Severity
from tonecheck.report.json import render_line
from tonecheck.sources import DOCX_SUFFIXES, EMAIL_SUFFIXES, read_source

# Files a folder search picks up when no --glob is given (matched case-insensitively).
DEFAULT_SUFFIXES = (".txt", ".md", ".markdown", *EMAIL_SUFFIXES, *DOCX_SUFFIXES)
REPORT_SUFFIXES = (".jsonl", ".csv", ".html", ".htm")
MAX_CHUNK = 32  # letters a worker reads and lints per task
# On Linux, workers are forked from a process that has built the pipeline (no second start-up);
# macOS and Windows spawn workers that each build it.
_START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"
HISTOGRAM_BINS = 10
FAILURES_SHOWN = 10


@dataclass(frozen=True)
class Found:
    """One input of a batch: a path, or a folder that could not be listed (``error_kind`` set)."""

    path: str
    error_kind: str | None = None
    error_message: str | None = None


# -- finding the inputs -----------------------------------------------------------------------------


def _wanted(name: str, relative: str, patterns: Sequence[str]) -> bool:
    if not patterns:
        return PurePath(name).suffix.lower() in DEFAULT_SUFFIXES
    return any(
        fnmatch.fnmatchcase(relative if "/" in pattern else name, pattern) for pattern in patterns
    )


def _links_to_folder(entry: os.DirEntry[str]) -> bool:
    """Whether a symbolic link leads to a folder (a broken link or a loop does not: as
    ``Path.is_dir``)."""
    try:
        return entry.is_dir()  # follows the link
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return False
        raise


def discover(paths: Iterable[str], patterns: Sequence[str] = ()) -> Iterator[Found]:
    """The inputs under ``paths``, in a stable order.

    A file given by name is always an input, whatever its name. A folder is searched recursively in
    name order; hidden files and folders (a name starting with ``.``) are skipped, and a file is an
    input when its name matches one of ``patterns`` (``fnmatch`` syntax; a pattern containing ``/``
    is matched against the path relative to the folder given), by default the supported suffixes.
    Inside a folder, links to files are followed but links to folders are not (as ``find`` and
    ``ripgrep`` do), so a link loop cannot make the search endless or leave the folder given. A path
    that does not exist, or a folder that cannot be listed, is still yielded, so that it is reported
    as an error rather than lost. The same file named twice is yielded once.
    """
    seen: set[str] = set()  # absolute paths (Path.absolute(), as text) already yielded
    walked: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, path, patterns, seen, walked)
        elif (key := str(path.absolute())) not in seen:
            seen.add(key)
            yield Found(raw)


def _walk(
    folder: Path,
    root: Path,
    patterns: Sequence[str],
    seen: set[str],
    walked: set[tuple[int, int]],
) -> Iterator[Found]:
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in walked:
            return
        walked.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield Found(
            str(folder),
            "unreadable",
            f"{folder}: cannot list the folder ({exc.strerror or exc}); its letters were skipped",
        )
        return
    # Paths are built as text from per-folder prefixes (pathlib per file was most of the cost):
    # ``prefix + name == str(folder / name)``, and likewise for the absolute path and the path
    # relative to the folder given.
    prefix = str(folder / "_")[:-1]
    absolute = str(folder.absolute() / "_")[:-1]
    below = folder.relative_to(root).as_posix()
    below = "" if below == "." else below + "/"
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(folder / name, root, patterns, seen, walked)
            continue
        if entry.is_symlink() and _links_to_folder(entry):
            continue  # a link to a folder: not followed
        if _wanted(name, below + name, patterns) and (key := absolute + name) not in seen:
            seen.add(key)
            yield Found(prefix + name)


# -- linting ----------------------------------------------------------------------------------------


def _lint_one(name: str, text: str, settings: Settings) -> Report:
    from tonecheck.linter import lint_text

    try:
        return lint_text(text, name, settings)
    except TonecheckError as exc:
        return Report.failed(name, exc.kind, exc.message)
    except Exception as exc:  # one letter must not sink the batch
        return Report.failed(
            name, "internal-error", f"{name}: tonecheck failed on this letter ({exc!r})"
        )


def lint_chunk(chunk: Sequence[Found], settings: Settings, keep_text: bool = True) -> list[Report]:
    """Read and lint a few inputs (through ``nlp.pipe``); one Report per input, in order.

    An input that cannot be read becomes an error Report. If the pipeline fails on the chunk, its
    letters are linted one by one so that only the letter at fault is reported as an error.
    ``keep_text=False`` drops ``Report.text`` (formats that do not show the letter).
    """
    from tonecheck.linter import lint_sources

    results: list[Report | None] = [None] * len(chunk)
    sources = []
    slots = []
    for i, item in enumerate(chunk):
        if item.error_kind is not None:
            results[i] = Report.failed(item.path, item.error_kind, item.error_message or "")
            continue
        try:
            sources.append(read_source(Path(item.path), settings.max_bytes))
            slots.append(i)
        except InputError as exc:
            results[i] = Report.failed(item.path, exc.kind, exc.message)
    try:
        reports = list(lint_sources(sources, settings, keep_text=keep_text))
    except Exception:
        reports = [_lint_one(s.name, s.text, settings) for s in sources]
        if not keep_text:
            reports = [dataclasses.replace(r, text=None) for r in reports]
    for i, report in zip(slots, reports, strict=True):
        results[i] = report
    return [r for r in results if r is not None]


Render = Callable[[Report], str]


@dataclass
class ChunkResult:
    """What linting one chunk gives back: its counts, and either its Reports or, when a ``render``
    function was given, the chunk's part of the report file already rendered (a worker process then
    sends back one string instead of many Report objects, and the parent only writes it)."""

    summary: BatchSummary
    reports: list[Report] | None = None
    rendered: str | None = None


def _chunk_result(
    chunk: Sequence[Found], settings: Settings, keep_text: bool, render: Render | None
) -> ChunkResult:
    reports = lint_chunk(chunk, settings, keep_text)
    summary = BatchSummary()
    for report in reports:
        summary.add(report)
    if render is None:
        return ChunkResult(summary, reports=reports)
    return ChunkResult(summary, rendered="".join(map(render, reports)))


_WORKER: dict[str, Any] = {}


def _init_worker(settings: Settings, keep_text: bool, render: Render | None) -> None:
    # Ctrl-C goes to the whole process group; only the parent should handle it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from tonecheck.linter import get_nlp

    _WORKER.update(settings=settings, keep_text=keep_text, render=render)
    get_nlp(settings)  # the pipeline is built once per worker process, before the first chunk


def _chunk_in_worker(chunk: Sequence[Found]) -> ChunkResult:
    return _chunk_result(chunk, _WORKER["settings"], _WORKER["keep_text"], _WORKER["render"])


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def chunk_size(count: int, jobs: int) -> int:
    """Letters per task: at most ``MAX_CHUNK``, and small enough to give every worker ~4 tasks."""
    return max(1, min(MAX_CHUNK, math.ceil(count / (jobs * 4))))


def lint_many(
    items: Sequence[Found],
    settings: Settings,
    *,
    jobs: int = 1,
    keep_text: bool = True,
    size: int | None = None,
) -> Generator[Report, None, None]:
    """Lint every input and yield its Report, in input order, whatever the number of workers
    (see :func:`lint_chunks`).

    Raises:
        TonecheckError: a worker process died (killed, out of memory).
    """
    for result in lint_chunks(items, settings, jobs=jobs, keep_text=keep_text, size=size):
        assert result.reports is not None
        yield from result.reports


def lint_chunks(
    items: Sequence[Found],
    settings: Settings,
    *,
    jobs: int = 1,
    keep_text: bool = True,
    size: int | None = None,
    render: Render | None = None,
) -> Generator[ChunkResult, None, None]:
    """Lint every input in chunks and yield each chunk's result, in input order.

    With ``jobs == 1`` (or a single chunk) everything runs in this process. Otherwise ``jobs``
    processes share the chunks. On Linux this process builds the pipeline once and forks
    ``jobs - 1`` workers that inherit it, and it lints chunks too (each process takes the next
    chunk nobody has taken, so a process the machine slows down does fewer): no worker pays
    spaCy's start-up again, and the forked workers share the pipeline's memory with this process.
    Elsewhere (macOS, Windows), ``jobs`` spawned worker processes each build the pipeline and lint
    whole chunks, at most ``2 * jobs`` chunks in flight.
    Either way memory stays flat however many letters there are. With ``render`` (a module-level
    function, so that it can be sent to a worker), the workers also render their letters' part of
    the report and count the summary, so the parent only writes.

    Raises:
        TonecheckError: a worker process died (killed, out of memory).
    """
    size = size or chunk_size(len(items), jobs)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    workers = min(jobs, len(chunks))
    if workers <= 1:
        for chunk in chunks:
            yield _chunk_result(chunk, settings, keep_text, render)
    elif _START_METHOD == "fork":
        yield from _lint_forked(chunks, settings, keep_text, render, workers)
    else:
        yield from _lint_pooled(chunks, settings, keep_text, render, workers)


_WORKER_DIED = (
    "a worker process stopped unexpectedly (killed or out of memory); try again with fewer --jobs"
)


def _lint_forked(
    chunks: list[Sequence[Found]],
    settings: Settings,
    keep_text: bool,
    render: Render | None,
    workers: int,
) -> Generator[ChunkResult, None, None]:
    """This process and ``workers - 1`` forked copies share the chunks: each takes the next chunk
    nobody has taken yet (a counter in shared memory), so a copy that the machine slows down does
    fewer and the others more. Each copy sends its results through its own pipe; this process
    yields them in input order. Memory stays flat: this process keeps at most ``LOOKAHEAD`` of its
    own results while it waits for an earlier chunk, and a copy runs ahead by at most what its
    pipe holds (``PIPE_BYTES``)."""
    import multiprocessing
    from multiprocessing.connection import wait

    from tonecheck.linter import get_nlp
    from tonecheck.tone.model import load_model, model_available

    get_nlp(settings)  # built once, here: the forked workers inherit it
    if model_available():
        load_model()
    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)  # the next chunk nobody has taken
    sys.stdout.flush()  # a forked copy must not write this process's buffered output again
    sys.stderr.flush()
    children: dict[Any, Any] = {}  # receiver -> its worker process
    try:
        for _ in range(1, workers):
            receiver, sender = context.Pipe(duplex=False)
            _widen_pipe(receiver.fileno())
            child = context.Process(
                target=_forked_worker,
                args=(chunks, counter, settings, keep_text, render, sender),
                daemon=True,
            )
            child.start()
            sender.close()
            children[receiver] = child
        receiving = list(children)
        ready: dict[int, ChunkResult] = {}
        received: set[int] = set()  # the results in ``ready`` that came from a worker
        for i in range(len(chunks)):
            while i not in ready:
                if len(ready) - len(received) < LOOKAHEAD:
                    k = _take(counter, len(chunks))
                    if k is not None:
                        ready[k] = _chunk_result(chunks[k], settings, keep_text, render)
                        continue
                # chunk i is being linted by a worker: take results as they come, until it is in
                if not receiving:
                    raise TonecheckError(_WORKER_DIED, kind="internal-error")
                conn: Any
                for conn in wait(receiving):
                    try:
                        k, result = conn.recv()
                    except (EOFError, OSError):  # the worker is done, or dead
                        receiving.remove(conn)
                        child = children[conn]
                        child.join(timeout=10)
                        if child.exitcode != 0:
                            raise TonecheckError(_WORKER_DIED, kind="internal-error") from None
                        continue
                    ready[k] = result
                    received.add(k)
            received.discard(i)
            yield ready.pop(i)
    finally:
        for child in children.values():
            if child.is_alive():
                child.terminate()
            child.join()
        for receiver in children:
            receiver.close()


PIPE_BYTES = 1 << 20  # room for several chunks' results: a worker is not held to the parent's pace
LOOKAHEAD = 8  # own results the parent may hold while it waits for an earlier chunk from a worker


def _widen_pipe(fd: int) -> None:
    """Let a worker run several chunks ahead of the parent (a pipe holds 64 KiB by default, less
    than one chunk's rendered rows); best effort, and only where Linux allows it."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def _forked_worker(
    chunks: list[Sequence[Found]],
    counter: Any,
    settings: Settings,
    keep_text: bool,
    render: Render | None,
    sender: Any,
) -> None:
    # Ctrl-C goes to the whole process group; only the parent should handle it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        while (k := _take(counter, len(chunks))) is not None:
            sender.send((k, _chunk_result(chunks[k], settings, keep_text, render)))
    except OSError:
        pass  # the parent has gone (it stopped reading): nothing left to do
    finally:
        sender.close()


def _take(counter: Any, count: int) -> int | None:
    """Take the next chunk nobody has taken yet: its index, or None when all are taken."""
    with counter.get_lock():
        k: int = counter.value
        if k >= count:
            return None
        counter.value = k + 1
    return k


def _lint_pooled(
    chunks: list[Sequence[Found]],
    settings: Settings,
    keep_text: bool,
    render: Render | None,
    workers: int,
) -> Generator[ChunkResult, None, None]:
    """Spawned worker processes (where forking is not safe), each building the pipeline once."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(_START_METHOD),
        initializer=_init_worker,
        initargs=(settings, keep_text, render),
    )
    pending: deque[Future[ChunkResult]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_chunk_in_worker, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise TonecheckError(_WORKER_DIED, kind="internal-error") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- the closing summary ----------------------------------------------------------------------------


def ranked(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    """The ``n`` most frequent keys with their counts; ties in key order, so runs agree."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


@dataclass
class BatchSummary:
    """Running counts over a batch: enough for the closing table and the HTML summary."""

    letters: int = 0
    error_kinds: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # the first FAILURES_SHOWN messages
    tones: Counter[str] = field(default_factory=Counter)
    lengths: Counter[str] = field(default_factory=Counter)
    score_total: float = 0.0
    scored: int = 0
    histogram: list[int] = field(default_factory=lambda: [0] * HISTOGRAM_BINS)
    codes: Counter[str] = field(default_factory=Counter)  # findings per code
    letters_with: Counter[str] = field(default_factory=Counter)  # letters with each code
    names: dict[str, str] = field(default_factory=dict)
    worst: Severity | None = None

    def add(self, report: Report) -> None:
        """Count one result."""
        self.letters += 1
        if not report.ok:
            self.error_kinds[report.error_kind or "error"] += 1
            if len(self.failures) < FAILURES_SHOWN:
                self.failures.append(report.error_message or report.source)
            return
        if report.length:
            self.lengths[report.length] += 1
        if report.tone is not None:
            self.tones[report.tone.tone] += 1
            self.score_total += report.tone.score
            self.scored += 1
            bin_ = min(HISTOGRAM_BINS - 1, max(0, int(report.tone.score // HISTOGRAM_BINS)))
            self.histogram[bin_] += 1
        for finding in report.findings:
            self.codes[finding.code] += 1
            self.names.setdefault(finding.code, finding.name)
        self.letters_with.update({f.code for f in report.findings})
        worst = report.worst()
        if worst is not None and (self.worst is None or worst > self.worst):
            self.worst = worst

    def merge(self, other: BatchSummary) -> None:
        """Add the counts of ``other``, a summary of the letters that come after these."""
        self.letters += other.letters
        self.error_kinds.update(other.error_kinds)
        self.failures += other.failures[: FAILURES_SHOWN - len(self.failures)]
        self.tones.update(other.tones)
        self.lengths.update(other.lengths)
        self.score_total += other.score_total
        self.scored += other.scored
        self.histogram = [a + b for a, b in zip(self.histogram, other.histogram, strict=True)]
        self.codes.update(other.codes)
        self.letters_with.update(other.letters_with)
        for code, name in other.names.items():
            self.names.setdefault(code, name)
        if other.worst is not None and (self.worst is None or other.worst > self.worst):
            self.worst = other.worst

    @property
    def errors(self) -> int:
        return sum(self.error_kinds.values())

    @property
    def analysed(self) -> int:
        return self.letters - self.errors

    @property
    def mean_score(self) -> float | None:
        return self.score_total / self.scored if self.scored else None

    def top_findings(self, n: int = 10) -> list[tuple[str, str, int, int]]:
        """The most frequent findings: (code, name, occurrences, letters)."""
        return [
            (code, self.names[code], count, self.letters_with[code])
            for code, count in ranked(self.codes, n)
        ]

    def rows(self) -> list[tuple[str, str]]:
        """The headline figures as (label, value), for the closing table and the HTML page."""

        def counts(counter: Counter[str]) -> str:
            return "  ".join(f"{k} {v:,}" for k, v in ranked(counter, len(counter)))

        mean = self.mean_score
        errors = f"{self.errors:,}" + (f"  ({counts(self.error_kinds)})" if self.errors else "")
        return [
            ("letters", f"{self.letters:,}"),
            ("analysed", f"{self.analysed:,}"),
            ("errors", errors),
            ("by tone", counts(self.tones) or "n/a (no tone classifier installed)"),
            ("mean score", "n/a" if mean is None else f"{mean:.1f}"),
            ("length", counts(self.lengths) or "n/a"),
        ]

    def render(self) -> str:
        """The closing table, for people."""
        out = [f"  {label:<11}{value}" for label, value in self.rows()]
        top = self.top_findings()
        if top:
            out.append("  most frequent findings:")
            out += [
                f"    {code:<7}{name:<32}{count:>6,} in {letters:,} letter(s)"
                for code, name, count, letters in top
            ]
        if self.failures:
            more = self.errors - len(self.failures)
            out.append("  could not analyse:")
            out += [f"    {message}" for message in self.failures]
            if more:
                out.append(f"    ... and {more:,} more (see the report)")
        return "\n".join(out) + "\n"


# -- writing the report -----------------------------------------------------------------------------


class ReportWriter(Protocol):
    """Streams Reports into a report file; ``finish`` closes it off (the HTML page needs the totals).

    A writer whose ``render`` is a function (Report -> its text in the file) can be given text that
    a worker process rendered (``write_rendered``); otherwise it is given Reports (``write``).
    """

    needs_text: bool

    @property
    def render(self) -> Render | None: ...

    def write(self, report: Report) -> None: ...

    def write_rendered(self, text: str) -> None: ...

    def finish(self, summary: BatchSummary) -> None: ...


class JsonlWriter:
    """``.jsonl``: one CONTRACT.md RESULT a line."""

    needs_text = False
    render = staticmethod(render_line)

    def __init__(self, out: IO[str]) -> None:
        self._out = out

    def write(self, report: Report) -> None:
        self._out.write(render_line(report))

    def write_rendered(self, text: str) -> None:
        self._out.write(text)

    def finish(self, summary: BatchSummary) -> None:
        """Nothing to add: every line is already written."""


def report_format(path: Path) -> str:
    """``jsonl``, ``csv`` or ``html``, from a report path's suffix.

    Raises:
        TonecheckError: kind ``usage``, for any other suffix.
    """
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise TonecheckError(
            f"{path}: unknown report format '{suffix}' (use .jsonl, .csv or .html)", kind="usage"
        )
    return "html" if suffix == ".htm" else suffix[1:]


def writer_for(path: Path, out: IO[str]) -> ReportWriter:
    """The writer for a report path, by its suffix (``.jsonl``, ``.csv``, ``.html``)."""
    fmt = report_format(path)
    if fmt == "csv":
        from tonecheck.report.csv import CsvWriter

        return CsvWriter(out)
    if fmt == "html":
        from tonecheck.report.html import HtmlWriter

        return HtmlWriter(out)
    return JsonlWriter(out)


def check_output(output: Path, items: Iterable[Found]) -> None:
    """Refuse a report path that cannot be written, or that is one of the inputs.

    Raises:
        TonecheckError: kind ``usage``.
    """
    report_format(output)
    folder = output.parent
    if not folder.is_dir():
        raise TonecheckError(f"{output}: the folder {folder} does not exist", kind="usage")
    if output.is_dir():
        raise TonecheckError(f"{output}: is a folder; give a report file name", kind="usage")
    try:
        target = output.stat()
    except OSError:
        return  # no report there yet: it cannot be one of the inputs
    for item in items:
        try:
            info = Path(item.path).stat()  # follows symbolic links; hard links share the inode
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            raise TonecheckError(
                f"{output}: the report would overwrite one of the inputs; choose another --output",
                kind="usage",
            )


def _new_file_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)  # keep the mode of the report being replaced
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_output(path: Path) -> Iterator[IO[str]]:
    """Write ``path`` atomically: into a hidden temporary file in the same folder, then
    ``os.replace``. If the block raises (or the process dies), the old file is left as it was and
    the temporary file is removed (or, after a hard crash, left hidden beside it)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).chmod(_new_file_mode(path))
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
