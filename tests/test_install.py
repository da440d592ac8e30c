"""`pip install tonecheck` brings what linting runs, and linting runs nothing else.

scikit-learn and scipy are in the ``[train]`` extra and textstat in ``[test]``; linting a letter must
not import them (nor NLTK, which textstat's syllable counting would reach, with its downloader).
Each check runs in a fresh interpreter, so no other test's imports can hide or cause a failure.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "draft.txt"
NOT_AT_RUN_TIME = {"sklearn", "scipy", "textstat", "nltk"}
# Imported by a runtime dependency only because a test tool put it in the environment: requests
# (through spaCy) loads PySocks when it is installed, and Selenium ([test]) installs it.
OPTIONAL_IN_TESTS = {"socks"}

# Each program lints the draft through a public entry point, then prints the top-level names of
# every module it imported.
PROGRAMS = {
    "lint_text": (
        "import json, sys, tonecheck\n"
        "report = tonecheck.lint_text(open(sys.argv[1], encoding='utf-8').read())\n"
        "assert report.findings, 'the draft should have findings'\n"
    ),
    "tonecheck lint": (
        "import json, sys\n"
        "from tonecheck.cli import app\n"
        "try:\n"
        "    app(['lint', sys.argv[1]])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code in (0, 1), exit.code\n"
    ),
}
PRINT_MODULES = "\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"


def imported_by(program: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", program + PRINT_MODULES, str(DRAFT)],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions() -> set[str]:
    """tonecheck and every distribution its dependencies pull in, extras left out."""
    seen: set[str] = set()
    todo = ["tonecheck"]
    while todo:
        name = _normalise(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:  # a dependency for another Python version
            continue
        for line in requires:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return seen


def test_training_and_test_tools_are_extras() -> None:
    runtime = runtime_distributions()
    assert {"spacy", "numpy", "typer"} <= runtime
    assert not {"scikit-learn", "scipy", "textstat", "vadersentiment", "pytest"} & runtime


@pytest.mark.parametrize("entry", sorted(PROGRAMS))
def test_linting_imports_only_runtime_dependencies(entry: str) -> None:
    modules = imported_by(PROGRAMS[entry])
    assert "tonecheck" in modules and "spacy" in modules  # it did lint
    assert not modules & NOT_AT_RUN_TIME
    runtime = runtime_distributions()
    owners = metadata.packages_distributions()
    outside = {
        module: owners[module]
        for module in modules
        # private names: interpreter and build helpers (_cython_*, setuptools' _distutils_hack)
        if module in owners and not module.startswith("_") and module not in OPTIONAL_IN_TESTS
        if not {_normalise(d) for d in owners[module]} & runtime
    }
    assert not outside, f"imported at run time but not a runtime dependency: {outside}"


def test_every_subpackage_is_in_the_wheel() -> None:
    """pyproject.toml lists the packages by hand (models/ is mapped in): a subpackage left off the list
    works in the editable install and is missing after `pip install .` (tonecheck.batch once was)."""
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    root = Path(__file__).resolve().parent.parent
    pyproject = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(root).parts)
        for init in (root / "tonecheck").rglob("__init__.py")
    }
    assert found - listed == set()
