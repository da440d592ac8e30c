"""Reading grade through textstat, guaranteed offline.

textstat imports NLTK only to look up syllables in cmudict, and on first use it calls
``nltk.download("cmudict")``, which needs the network (and importing NLTK costs about a second).
tonecheck uses the Automated Readability Index, which counts characters, words and sentences and no
syllables; to make sure the downloader can never be reached, textstat is imported with a stand-in
``nltk`` module whose ``download`` raises. Syllable-based textstat functions then fall back to pyphen's
hyphenation dictionary (shipped inside pyphen), still offline.
"""

from __future__ import annotations

import sys
import types
from functools import cache
from typing import Any


class NetworkDisabledError(RuntimeError):
    """Raised if anything tries to download NLTK data through tonecheck's textstat."""


def _offline_nltk() -> types.ModuleType:
    def download(*_args: Any, **_kwargs: Any) -> bool:
        raise NetworkDisabledError("tonecheck never downloads NLTK data")

    def find(resource: str, *_args: Any, **_kwargs: Any) -> str:
        return resource  # pretend it is there; the corpus below is empty

    stub = types.ModuleType("nltk")
    stub.download = download  # type: ignore[attr-defined]
    stub.data = types.SimpleNamespace(find=find)  # type: ignore[attr-defined]
    stub.corpus = types.SimpleNamespace(  # type: ignore[attr-defined]
        cmudict=types.SimpleNamespace(dict=lambda: {})
    )
    return stub


@cache
def textstat_module() -> Any:
    """Import textstat with NLTK replaced by an offline stand-in (NLTK itself is left alone)."""
    saved = {
        name: mod for name, mod in sys.modules.items() if name == "nltk" or name.startswith("nltk.")
    }
    for name in saved:
        del sys.modules[name]
    sys.modules["nltk"] = _offline_nltk()
    try:
        import textstat
    finally:
        del sys.modules["nltk"]
        sys.modules.update(saved)
    return textstat


def reading_grade(text: str) -> float:
    """The Automated Readability Index of ``text`` (a US school grade), 0.0 for empty text."""
    if not text.strip():
        return 0.0
    return float(textstat_module().automated_readability_index(text))
