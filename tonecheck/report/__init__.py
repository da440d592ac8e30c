"""Formatters: Report(s) -> str. None of them import spaCy or scikit-learn."""

from __future__ import annotations
