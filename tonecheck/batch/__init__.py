"""Batch-scoring: lint every letter under some folders into one report file, and count them.

``find_inputs`` lists the inputs (``discovery``) and checks the report path (``writers``);
``run_batch`` lints them in chunks (``pool``), streams each chunk into the report file in input
order, and returns the counts for the closing table (``tonecheck.summary``). The report file is
written atomically (``tonecheck.atomic``): a failed or interrupted run leaves the old one as it was.
Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from pathlib import Path

from tonecheck.atomic import atomic_output
from tonecheck.batch.discovery import Found, discover
from tonecheck.batch.pool import default_jobs, lint_chunks, lint_many
from tonecheck.batch.writers import check_output, writer_for
from tonecheck.config import Settings
from tonecheck.errors import TonecheckError
from tonecheck.summary import BatchSummary

__all__ = [
    "BatchSummary",
    "Found",
    "default_jobs",
    "discover",
    "find_inputs",
    "lint_many",
    "run_batch",
]


def find_inputs(paths: Iterable[str], output: Path, patterns: Sequence[str] = ()) -> list[Found]:
    """The inputs under ``paths`` (see :func:`discover`), once ``output`` is known to be a report
    path that can be written and is none of them.

    Raises:
        TonecheckError: kind ``usage``, for a report path that cannot be used.
    """
    items = list(discover(paths, patterns))
    check_output(output, items)
    return items


def run_batch(
    items: Sequence[Found],
    output: Path,
    settings: Settings,
    *,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Lint ``items`` into the report file ``output`` (its suffix picks the format) and return the
    counts. Every input is in the report, in order; one that cannot be read or analysed is an
    error row and the batch goes on. ``progress`` is called with the number of letters done after
    each chunk. ``jobs`` defaults to the number of cores.

    Raises:
        TonecheckError: the report could not be written, or a worker process died; the message
            says so and that ``output`` was not written (an old report there is left as it was).
    """
    summary = BatchSummary()
    try:
        with atomic_output(output) as out:
            writer = writer_for(output, out)
            run = lint_chunks(
                items,
                settings,
                jobs=jobs or default_jobs(),
                keep_text=writer.needs_text,
                render=writer.render,
            )
            with closing(run) as chunks:  # whatever happens, the workers are shut down here
                for chunk in chunks:
                    if chunk.rendered is not None:
                        writer.write_rendered(chunk.rendered)
                    for report in chunk.reports or ():
                        writer.write(report)
                    summary.merge(chunk.summary)
                    if progress is not None:
                        progress(summary.letters)
            writer.finish(summary)
    except TonecheckError as exc:
        raise TonecheckError(f"{exc.message}; {output} was not written", kind=exc.kind) from None
    except OSError as exc:
        raise TonecheckError(
            f"cannot write {output} ({exc.strerror or exc})", kind="unwritable"
        ) from None
    return summary
