"""Every notebook in notebooks/ runs top to bottom without an error.

Each notebook is executed in memory with nbclient (the file on disk is never rewritten), with the
notebooks folder as the kernel's working directory. The kernel is a local subprocess that talks to
this process over loopback only, which pytest-socket allows (``--allow-hosts=127.0.0.1,::1``).
"""

from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat
import pytest

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01-corpus.ipynb",
        "02-classifier.ipynb",
        "03-real-letters.ipynb",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_without_errors(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        allow_errors=True,  # run every cell, then report all the errors at once
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    client.execute()

    errors = [
        f"cell {index}: {output.get('ename')}: {output.get('evalue')}"
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors, f"{path.name} raised:\n" + "\n".join(errors)
