"""Shared fixtures and options. Every test runs with the network blocked (pytest-socket, loopback only).

Reviewed outputs (golden letters, per-rule snapshots) are compared, never written, unless the update
flag is given: ``pytest --update-golden`` or ``TONECHECK_UPDATE_GOLDEN=1 pytest``. A missing file is a
failure without it. Review the diff before committing what it wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


@pytest.fixture
def sendmail(tmp_path: Path) -> Path:
    """A fake sendmail: saves its arguments (``args.txt``) and standard input (``sent.eml``) beside
    itself in ``tmp_path``, and exits with $FAKE_STATUS."""
    script = tmp_path / "fake-sendmail"
    script.write_text(
        "#!/bin/sh\n"
        'dir=$(dirname "$0")\n'
        'printf "%s\\n" "$@" > "$dir/args.txt"\n'
        'cat > "$dir/sent.eml"\n'
        'exit "${FAKE_STATUS:-0}"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


@pytest.fixture
def tonecheck_cli(tmp_path: Path):
    """``tonecheck_cli(args, data=b"", cwd=None, **env)``: run ``python -m tonecheck ARGS`` as a
    mail client does, with ``data`` on standard input, in ``cwd`` (default ``tmp_path``), with
    ``XDG_STATE_HOME`` under ``tmp_path`` (so the default hold folder is
    ``tmp_path/state/tonecheck/held``), ``TONECHECK_FORCE`` unset and ``env`` added."""

    def run(
        args: list[str], data: bytes = b"", cwd: Path | None = None, **env: str
    ) -> subprocess.CompletedProcess[bytes]:
        environ = {k: v for k, v in os.environ.items() if k != "TONECHECK_FORCE"}
        environ.update(XDG_STATE_HOME=str(tmp_path / "state"), **env)
        return subprocess.run(
            [sys.executable, "-m", "tonecheck", *args],
            input=data,
            capture_output=True,
            env=environ,
            cwd=cwd or tmp_path,
            timeout=120,
            check=False,
        )

    return run
