"""Fuzzing in the suite (issue 16): hostile letters, e-mail messages and Word documents, each
either analysed with exact offsets or refused with a one-line error, never a traceback, and
printed without control characters. A short derandomized run (the same cases every time); the
long run is ``tests/fuzz/run.py``."""

from __future__ import annotations

from fuzz_cases import check_file, check_letter, docx_files, emails, letters
from hypothesis import HealthCheck, given, settings

SUITE = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SUITE
@given(letters())
def test_fuzzed_letters(text: str) -> None:
    check_letter(text)


@SUITE
@given(emails())
def test_fuzzed_emails(data: bytes) -> None:
    check_file(data, ".eml")


@settings(SUITE, max_examples=60)
@given(docx_files())
def test_fuzzed_docx(data: bytes) -> None:
    check_file(data, ".docx")
