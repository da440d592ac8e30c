"""Import spaCy without loading its command line until something uses it.

spaCy 3.8's ``spacy/__init__.py`` runs ``from .cli.info import info`` only to export ``spacy.info``;
that imports the whole ``spacy.cli`` package, with typer, requests and weasel: about 0.2 s of the
0.7 s that ``python -c "import spacy"`` takes, and 16 MB, paid by every ``tonecheck lint`` (the
pre-send check) for nothing. spaCy's pull request 12962 made that import lazy; pull request 13040
reverts it, and the open pull request 13721 says 12962 broke ``spacy.cli`` as an attribute and
proposes a module ``__getattr__``. This module does what 13721 proposes, from outside.

:func:`install` (called when ``tonecheck`` is imported, before anything imports spaCy) adds a finder
for the module ``spacy`` alone. It finds spaCy where the regular path finder does, and if spaCy's
``__init__.py`` holds that import as a top-level line of its own (and mentions the command line and
``__getattr__`` nowhere else), it hands the import a loader that compiles the file with that one
line replaced by ``from tonecheck.lazy_spacy import info, spacy_getattr as __getattr__``. Nothing
else changes: the same file, line numbers, ``__file__``, ``__path__`` and resources; no module is
added to or taken from ``sys.modules``. In the spaCy so imported:

- ``spacy.info`` is :func:`info`, which imports the real ``spacy.cli.info`` on its first call;
- ``spacy.cli`` is imported on first use: ``import spacy.cli``, or reading the attribute
  ``spacy.cli`` (the module ``__getattr__``); ``from spacy import *`` no longer brings ``cli``.

With any other spaCy, a spaCy found by another finder, or spaCy imported before tonecheck, nothing
changes. The finder leaves ``sys.meta_path`` when spaCy's module starts to execute, or at once when
there is nothing to change.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec, PathFinder, SourceFileLoader
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

EAGER_LINE = "from .cli.info import info"
LAZY_LINE = "from tonecheck.lazy_spacy import info, spacy_getattr as __getattr__"


def info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: imports spaCy's command line on first use, then calls its ``info``."""
    from spacy.cli.info import info as real_info

    return real_info(*args, **kwargs)


def spacy_getattr(name: str) -> Any:
    """spaCy's module ``__getattr__`` (PEP 562): ``spacy.cli`` on first use."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


def lazy_source(source: str) -> str | None:
    """spaCy's ``__init__.py`` source with the eager line replaced, or None if it does not hold
    exactly one such top-level line, or mentions the command line or ``__getattr__`` elsewhere."""
    lines = source.splitlines(keepends=True)
    code = [line.split("#", 1)[0].rstrip() for line in lines]
    eager = [i for i, line in enumerate(code) if line == EAGER_LINE]  # unindented: top level
    if len(eager) != 1 or "__getattr__" in source:
        return None
    if any("cli" in line for i, line in enumerate(code) if i != eager[0]):
        return None
    ending = lines[eager[0]][len(lines[eager[0]].rstrip("\r\n")) :]
    lines[eager[0]] = LAZY_LINE + ending
    return "".join(lines)


def has_eager_cli_import(spec: ModuleSpec | None) -> bool:
    """Whether the spaCy found by ``spec`` is one whose command line this module can leave out."""
    return _lazy_source_of(spec) is not None


def _lazy_source_of(spec: ModuleSpec | None) -> str | None:
    if spec is None or not spec.origin or not spec.origin.endswith("__init__.py"):
        return None
    try:
        source = Path(spec.origin).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return lazy_source(source)


class LazyCliLoader(SourceFileLoader):
    """spaCy's own source loader, compiling ``__init__.py`` with the eager line replaced."""

    def __init__(self, fullname: str, path: str, source: str) -> None:
        super().__init__(fullname, path)
        self.source = source

    def get_code(self, fullname: str) -> CodeType:
        # The cached bytecode is the unchanged file's: compile the changed source (about 1 ms).
        return compile(self.source, self.path, "exec", dont_inherit=True)

    def exec_module(self, module: ModuleType) -> None:
        uninstall()
        super().exec_module(module)


class _Finder:
    """A meta path finder (the ``importlib.abc.MetaPathFinder`` protocol) for ``spacy`` alone."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname != "spacy":
            return None
        spec = PathFinder.find_spec(fullname, path)
        is_source = spec is not None and type(spec.loader) is SourceFileLoader
        source = _lazy_source_of(spec) if is_source else None
        if spec is None or spec.origin is None or source is None:
            uninstall()  # nothing to do for this spaCy: the regular finders import it
            return None
        spec.loader = LazyCliLoader(fullname, spec.origin, source)
        return spec


_FINDER = _Finder()


def install() -> None:
    """Make the next ``import spacy`` leave out spaCy's command line (no-op once spaCy is in)."""
    if "spacy" not in sys.modules and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall() -> None:
    """Take the finder out of ``sys.meta_path``."""
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
