"""Import spaCy without loading its command line until something uses it.

spaCy 3.x's ``spacy/__init__.py`` runs ``from .cli.info import info`` only to export ``spacy.info``;
that imports the whole ``spacy.cli`` package, with typer, requests and weasel: about 0.2 s of the
0.7 s that ``python -c "import spacy"`` takes, and 16 MB, paid by every ``tonecheck lint`` (the pre-send check) for nothing.
spaCy's merged pull request 12962 makes the same import lazy; spaCy 3.8.18 still imports it eagerly.

:func:`install` (called when ``tonecheck`` is imported, before anything imports spaCy) adds a finder
that acts once, on the first ``import spacy``. If that spaCy's ``__init__.py`` holds exactly
``from .cli.info import info``, it puts two stand-in modules, ``spacy.cli`` and ``spacy.cli.info``, in
``sys.modules`` for the length of that one line: the line takes ``info`` from the stand-in, which
removes both stand-ins at once. What is left is the same spaCy, with these differences only:

- ``spacy.info`` is :func:`info`, which imports the real ``spacy.cli.info`` on its first call;
- ``spacy.cli`` is imported on first use, by ``import spacy.cli`` or by reading ``spacy.cli``.

With any other spaCy (the line changed, or spaCy already imported), nothing is changed.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

EAGER_LINE = "from .cli.info import info"
STAND_INS = ("spacy.cli", "spacy.cli.info")


def info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: imports spaCy's command line on first use, then calls its ``info``."""
    from spacy.cli.info import info as real_info

    return real_info(*args, **kwargs)


def _spacy_getattr(name: str) -> Any:
    """``spacy.cli`` on first use (module ``__getattr__``, PEP 562)."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


def _take_info(name: str) -> Any:
    """``__getattr__`` of the stand-in ``spacy.cli.info``: the eager line is taking ``info``."""
    if name != "info":
        raise AttributeError(name)
    _remove_stand_ins()
    spacy = sys.modules.get("spacy")
    if spacy is not None and "__getattr__" not in vars(spacy):
        vars(spacy)["__getattr__"] = _spacy_getattr
    return info


def _remove_stand_ins() -> None:
    for name in STAND_INS:
        module = sys.modules.get(name)
        if module is not None and getattr(module, "__tonecheck_stand_in__", False):
            del sys.modules[name]


def _stand_ins() -> dict[str, types.ModuleType]:
    package = types.ModuleType("spacy.cli", "Stand-in while spaCy is imported (tonecheck).")
    package.__path__ = []  # a package: "spacy.cli.info" may sit under it
    module = types.ModuleType("spacy.cli.info", "Stand-in while spaCy is imported (tonecheck).")
    vars(module)["__getattr__"] = _take_info
    for stand_in in (package, module):
        stand_in.__tonecheck_stand_in__ = True  # type: ignore[attr-defined]
    return {"spacy.cli": package, "spacy.cli.info": module}


def has_eager_cli_import(spec: ModuleSpec | None) -> bool:
    """Whether spaCy's ``__init__.py`` (found by ``spec``) imports its command line eagerly, on a
    line of its own that this module knows how to stand in for."""
    if spec is None or not spec.origin or not spec.origin.endswith("__init__.py"):
        return False
    try:
        source = Path(spec.origin).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    lines = [line.split("#", 1)[0].strip() for line in source.splitlines()]
    return lines.count(EAGER_LINE) == 1 and not any(
        "cli" in line for line in lines if line != EAGER_LINE
    )


class _Finder:
    """A meta path finder (``importlib.abc.MetaPathFinder``, not imported: it costs start-up time)
    that acts on the first ``import spacy`` only, and finds nothing itself."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname != "spacy":
            return None
        uninstall()
        if "spacy" not in sys.modules and not any(n in sys.modules for n in STAND_INS):
            from importlib.util import find_spec

            if has_eager_cli_import(find_spec("spacy")):
                sys.modules.update(_stand_ins())
        return None  # the regular finders import spaCy


_FINDER = _Finder()


def install() -> None:
    """Make the next ``import spacy`` leave out spaCy's command line (no-op once spaCy is in)."""
    if "spacy" not in sys.modules and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall() -> None:
    """Take the finder out (and any stand-in left by an import of spaCy that failed)."""
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
    if "spacy" not in sys.modules:
        _remove_stand_ins()
