"""Shared fixtures. Every test runs with the network blocked (pytest-socket, loopback only)."""

from __future__ import annotations

import pytest

from tonecheck.config import Settings


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def lint():
    """lint_text with default settings (the pipeline is built once per session)."""
    from tonecheck.linter import lint_text

    return lint_text
