"""The worker pool of a batch: lint the inputs in chunks, in this process or in worker processes,
and hand back each chunk's result in input order.

With several workers, one ``concurrent.futures.ProcessPoolExecutor`` runs them. Where processes
fork safely (Linux and other Unixes, not macOS), this process builds the pipeline before the workers
start and they inherit it: no worker pays spaCy's start-up again. Elsewhere the workers are spawned
and each builds the pipeline once, in its initializer. At most ``IN_FLIGHT`` chunks per worker are
submitted ahead of the one being waited for, so memory stays flat however many letters there are.
Nothing here prints or exits.
"""

from __future__ import annotations

import dataclasses
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tonecheck import linter
from tonecheck.batch.discovery import Found
from tonecheck.batch.writers import Render
from tonecheck.config import Settings
from tonecheck.errors import InputError, TonecheckError
from tonecheck.findings import Report
from tonecheck.guards import display_name
from tonecheck.sources import read_source
from tonecheck.summary import BatchSummary

MAX_CHUNK = 32  # letters a worker reads and lints per task
IN_FLIGHT = 2  # chunks per worker submitted ahead of the one the results wait for
# macOS offers fork, but forking a process that has loaded system frameworks is not safe there
# (CPython spawns by default on macOS); Windows cannot fork.
START_METHOD = (
    "fork"
    if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    else "spawn"
)
WORKER_DIED = (
    "a worker process stopped unexpectedly (killed or out of memory); try again with fewer --jobs"
)


def lint_chunk(chunk: Sequence[Found], settings: Settings, keep_text: bool = True) -> list[Report]:
    """Read and lint a few inputs (through ``nlp.pipe``); one Report per input, in order.

    An input that cannot be read becomes an error Report. If the pipeline fails on the chunk, its
    letters are linted one by one so that only the letter at fault is reported as an error.
    ``keep_text=False`` drops ``Report.text`` (formats that do not show the letter).
    """
    results: list[Report | None] = [None] * len(chunk)
    sources = []
    slots = []
    for i, item in enumerate(chunk):
        if item.error_kind is not None:
            name = display_name(item.path)
            results[i] = Report.failed(name, item.error_kind, item.error_message or "")
            continue
        try:
            sources.append(read_source(Path(item.path), settings.max_bytes))
            slots.append(i)
        except InputError as exc:
            results[i] = Report.failed(display_name(item.path), exc.kind, exc.message)
    try:
        reports = list(linter.lint_sources(sources, settings, keep_text=keep_text))
    except Exception:
        reports = [linter.lint_source(s, settings) for s in sources]
        if not keep_text:
            reports = [dataclasses.replace(r, text=None) for r in reports]
    for i, report in zip(slots, reports, strict=True):
        results[i] = report
    return [r for r in results if r is not None]


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

    With ``jobs == 1`` (or a single chunk) everything runs in this process; otherwise ``jobs``
    worker processes lint the chunks (see the module). With ``render`` (a module-level function or
    static method, so that it can be sent to a worker), the workers also render their letters'
    part of the report and count the summary, so the parent only writes.

    Raises:
        TonecheckError: a worker process died (killed, out of memory).
    """
    size = size or chunk_size(len(items), jobs)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    workers = min(jobs, len(chunks))
    if workers <= 1:
        for chunk in chunks:
            yield _chunk_result(chunk, settings, keep_text, render)
        return
    if START_METHOD == "fork":
        _build_pipeline(settings)  # here, once: the forked workers inherit it
        sys.stdout.flush()  # a forked copy must not write this process's buffered output again
        sys.stderr.flush()
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(START_METHOD),
        initializer=_init_worker,
        initargs=(settings, keep_text, render),
    )
    pending: deque[Future[ChunkResult]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_chunk_in_worker, chunk))
            if len(pending) > IN_FLIGHT * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise TonecheckError(WORKER_DIED, kind="internal-error") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _build_pipeline(settings: Settings) -> None:
    from tonecheck.tone.model import load_model, model_available

    linter.get_nlp(settings)
    if model_available():
        load_model()


_WORKER: dict[str, Any] = {}


PARENT_POLL = 0.5  # seconds between a worker's looks at whether its parent is still there


def _exit_with_parent(parent: int) -> None:
    """Exit this worker as soon as its parent is gone (killed, even by SIGKILL, which no handler
    sees): the worker would otherwise wait on the task queue for ever, holding the caller's
    standard output and error open."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _init_worker(settings: Settings, keep_text: bool, render: Render | None) -> None:
    # Ctrl-C goes to the whole process group; only the parent should handle it. SIGTERM ends a
    # worker at once (the parent's handler may have been inherited through fork).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    watch = threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True)
    watch.start()
    _WORKER.update(settings=settings, keep_text=keep_text, render=render)
    _build_pipeline(settings)  # inherited when forked; a spawned worker builds it here, once


def _chunk_in_worker(chunk: Sequence[Found]) -> ChunkResult:
    return _chunk_result(chunk, _WORKER["settings"], _WORKER["keep_text"], _WORKER["render"])
