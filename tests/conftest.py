"""Shared fixtures and options. Every test runs with the network blocked (pytest-socket, loopback only).

Reviewed outputs (golden letters, per-rule snapshots) are compared, never written, unless the update
flag is given: ``pytest --update-golden`` or ``TONECHECK_UPDATE_GOLDEN=1 pytest``. A missing file is a
failure without it. Review the diff before committing what it wrote.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tonecheck.config import Settings

UPDATE_ENV = "TONECHECK_UPDATE_GOLDEN"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help=f"rewrite the golden files and rule snapshots instead of comparing (or {UPDATE_ENV}=1)",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden")) or os.environ.get(UPDATE_ENV) == "1"


@pytest.fixture(scope="session")
def check_reviewed(update_golden: bool):
    """``check_reviewed(path, got)``: assert ``got`` equals the reviewed JSON at ``path``; with the
    update flag, write ``got`` there instead."""

    def check(path: Path, got: Any) -> None:
        if update_golden:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            return
        assert path.exists(), (
            f"{path} is missing: write it with `pytest --update-golden` and review it"
        )
        assert got == json.loads(path.read_text(encoding="utf-8")), f"{path.name} differs"

    return check


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def lint():
    """The public ``tonecheck.lint_text`` (the pipeline is built once per process)."""
    import tonecheck

    return tonecheck.lint_text
