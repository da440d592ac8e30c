"""Settings: defaults, and ``[tool.tonecheck]`` / ``.tonecheck.toml`` files.

Files are found upward from the working directory (the first ``.tonecheck.toml``, or
``pyproject.toml`` with a ``[tool.tonecheck]`` table, wins) unless a path is given. Unknown keys and
bad values raise :class:`ConfigError` naming the key.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from tonecheck.errors import ConfigError
from tonecheck.findings import ELEMENT_NAMES, Severity
from tonecheck.sources import DEFAULT_MAX_BYTES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FAIL_ON_CHOICES = ("error", "warning", "suggestion", "never")


def reaches(worst: Severity | None, fail_on: str) -> bool:
    """Whether a letter whose worst finding is ``worst`` fails ``--fail-on``/``fail_on``."""
    return fail_on != "never" and worst is not None and worst >= Severity.parse(fail_on)


@dataclass(frozen=True)
class Settings:
    """Everything a lint run can be configured with. Frozen: build a new one to change it
    (``settings.replace(max_words=150)``); safe to share between threads.

    ``Settings()`` are the defaults; :func:`load_settings` reads a config file. Every field is a
    config key of the same name (README "Configuration").

    Attributes:
        min_words: TC302 letter-too-short below this many words.
        max_words: TC301 letter-too-long above this many words.
        max_sentence_words: TC303 long-sentence above this many words in a sentence.
        max_paragraph_words: TC304 long-paragraph above this many words in a paragraph.
        max_reading_grade: TC305 hard-reading above this reading grade.
        max_exclamations: TC202 exclamation-overuse above this many "!" in a letter.
        select: only these rule codes or prefixes (``("TC1", "TC501")``); empty means all.
        ignore: skip these rule codes or prefixes.
        severity: per-code severity overrides (``{"TC404": Severity.WARNING}``).
        extra_phrases: per-code phrases added to a phrase-list rule's own list.
        required_elements: the elements TC401-TC403 require (of ``thanks``, ``learned_detail``,
            ``continued_interest``, ``pleasure``).
        fail_on: the level at which ``lint`` and ``batch`` exit 1 (``error``, ``warning``,
            ``suggestion`` or ``never``); not used by the library itself.
        max_bytes: the largest input file read, in bytes.
        source: the config file these settings came from, or None.
    """

    min_words: int = 40
    max_words: int = 200
    max_sentence_words: int = 35
    max_paragraph_words: int = 90
    max_reading_grade: float = 14.0
    max_exclamations: int = 1
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    extra_phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    required_elements: tuple[str, ...] = ("thanks", "learned_detail", "continued_interest")
    fail_on: str = "error"
    max_bytes: int = DEFAULT_MAX_BYTES
    source: str | None = None

    def rule_enabled(self, code: str) -> bool:
        """Whether a rule code passes ``select`` and ``ignore`` (prefixes allowed: ``TC2``)."""
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(i) for i in self.ignore)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)


# Whole-number settings and the smallest value each accepts.
_INT_MINIMUMS = {
    "min_words": 0,
    "max_words": 1,
    "max_sentence_words": 1,
    "max_paragraph_words": 1,
    "max_exclamations": 0,
    "max_bytes": 1,
}
# The largest max_bytes accepted: a letter is a few kilobytes; beyond this a run would need more
# memory than it is worth (and a huge value made `lint -` fail with MemoryError or OverflowError).
MAX_BYTES_LIMIT = 100_000_000
_INT_MAXIMUMS = {"max_bytes": MAX_BYTES_LIMIT}
_CODE_RE = re.compile(r"^TC\d{0,3}$")


class RuleCatalog(Protocol):
    """What the config reader needs to know of the rules: ``tonecheck.rules`` provides it. The
    config layer sits below the rules, so it is handed the catalog rather than importing it."""

    def check_codes(
        self, where: str, codes: Iterable[str], *, prefixes: bool = True
    ) -> tuple[str, ...]: ...

    def check_phrase_rule(self, where: str, code: str) -> str: ...


class _ShapeOnly:
    """Without a catalog: codes are normalised and must look like codes (``TC`` and up to three
    digits); whether they name a rule is checked when the pipeline is built."""

    def check_codes(
        self, where: str, codes: Iterable[str], *, prefixes: bool = True
    ) -> tuple[str, ...]:
        out: list[str] = []
        for raw in codes:
            code = raw.strip().upper()
            if not _CODE_RE.match(code) or (not prefixes and len(code) != 5):
                raise ConfigError(f"{where}: unknown rule code {raw!r} (see `tonecheck rules`)")
            if code not in out:
                out.append(code)
        return tuple(out)

    def check_phrase_rule(self, where: str, code: str) -> str:
        return self.check_codes(where, [code], prefixes=False)[0]


def _code_list(where: str, value: Any, catalog: RuleCatalog) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{where} must be a list of rule codes, e.g. ["TC101", "TC2"]')
    return catalog.check_codes(where, value)


def _table(where: str, value: Any, shape: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of {shape}")
    return value


def settings_from_mapping(
    data: Mapping[str, Any], source: str = "<config>", catalog: RuleCatalog | None = None
) -> Settings:
    """Validate a ``[tool.tonecheck]`` table and build Settings from it.

    Keys may be written with ``_`` or ``-``. Every error names the file and the key. Rule codes are
    checked against ``catalog`` (``tonecheck.rules``) when one is given.

    Raises:
        ConfigError: an unknown key, a key given twice, or a bad value.
    """
    if not isinstance(data, Mapping):
        raise ConfigError(f"{source}: [tool.tonecheck] must be a table of settings")
    catalog = catalog or _ShapeOnly()
    known = [f.name for f in dataclasses.fields(Settings) if f.name != "source"]
    out: dict[str, Any] = {"source": source}
    for key, value in data.items():
        norm = key.replace("-", "_")
        where = f"{source}: config key '{key}'"
        if norm not in known:
            close = difflib.get_close_matches(norm, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(known)})"
            raise ConfigError(f"{source}: unknown config key '{key}'{hint}")
        if norm in out:
            raise ConfigError(f"{where} is given twice (as '_' and '-' spellings)")
        if norm in _INT_MINIMUMS:
            low = _INT_MINIMUMS[norm]
            high = _INT_MAXIMUMS.get(norm)
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise ConfigError(f"{where} must be a whole number >= {low}, not {value!r}")
            if high is not None and value > high:
                raise ConfigError(f"{where} must be a whole number <= {high:,}, not {value!r}")
            out[norm] = value
        elif norm == "max_reading_grade":
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not math.isfinite(value)
                or value <= 0
            ):
                raise ConfigError(f"{where} must be a positive number, not {value!r}")
            out[norm] = float(value)
        elif norm in ("select", "ignore"):
            out[norm] = _code_list(where, value, catalog)
        elif norm == "severity":
            levels: dict[str, Severity] = {}
            for code, level in _table(where, value, 'CODE = "level"').items():
                (full,) = catalog.check_codes(where, [str(code)], prefixes=False)
                try:
                    levels[full] = Severity.parse(level if isinstance(level, str) else repr(level))
                except ValueError as exc:
                    raise ConfigError(f"{where}.{code}: {exc}") from None
            out[norm] = levels
        elif norm == "extra_phrases":
            phrases: dict[str, tuple[str, ...]] = {}
            for code, items in _table(where, value, 'CODE = ["phrase", ...]').items():
                full = catalog.check_phrase_rule(where, str(code))
                if not isinstance(items, list) or not all(
                    isinstance(p, str) and p.strip() for p in items
                ):
                    raise ConfigError(
                        f'{where}.{code} must be a list of phrases, e.g. ["dream job"]'
                    )
                phrases[full] = tuple(p.strip().lower() for p in items)
            out[norm] = phrases
        elif norm == "required_elements":
            if not isinstance(value, list) or any(v not in ELEMENT_NAMES for v in value):
                raise ConfigError(f"{where} must be a list drawn from {', '.join(ELEMENT_NAMES)}")
            out[norm] = tuple(dict.fromkeys(value))
        elif norm == "fail_on":
            if value not in FAIL_ON_CHOICES:
                raise ConfigError(
                    f"{where} must be one of {', '.join(FAIL_ON_CHOICES)}, not {value!r}"
                )
            out[norm] = value
    settings = Settings(**out)
    if settings.min_words >= settings.max_words:
        raise ConfigError(
            f"{source}: config key 'min_words' ({settings.min_words}) must be smaller than "
            f"'max_words' ({settings.max_words})"
        )
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except UnicodeDecodeError as exc:  # TOML files are UTF-8; a UTF-16 one is a common mistake
        raise ConfigError(
            f"{path}: config is not valid UTF-8 at byte {exc.start} (save it as UTF-8)"
        ) from None


def find_config(start: Path) -> Path | None:
    """The nearest ``.tonecheck.toml``, or ``pyproject.toml`` with ``[tool.tonecheck]``, upward.

    A ``pyproject.toml`` that cannot be read or parsed is another project's business and is passed
    over, unless its text mentions ``tool.tonecheck`` (then it is meant for tonecheck, and its
    error is reported)."""
    for folder in (start, *start.parents):
        candidate = folder / ".tonecheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _mentions_tonecheck(pyproject):
            return pyproject
    return None


def _mentions_tonecheck(pyproject: Path) -> bool:
    """Whether a ``pyproject.toml`` has a ``[tool.tonecheck]`` table (see :func:`find_config`)."""
    try:
        return "tonecheck" in _read_toml(pyproject).get("tool", {})
    except ConfigError:
        try:
            raw = pyproject.read_bytes()
        except OSError:
            return False
        if re.search(rb"tool\s*\.\s*[\"']?tonecheck", raw):
            raise
        return False


def load_settings(
    path: Path | None = None, *, start: Path | None = None, catalog: RuleCatalog | None = None
) -> Settings:
    """Settings from ``path``, or from the nearest config file, or the defaults; rule codes are
    checked against ``catalog`` when one is given (the command line passes ``tonecheck.rules``)."""
    if path is None:
        path = find_config((start or Path.cwd()).resolve())
        if path is None:
            return Settings()
    elif not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    return settings_from_mapping(config_table(path), source=str(path), catalog=catalog)


def config_table(path: Path) -> dict[str, Any]:
    """The tonecheck settings table of a config file, as written (``[tool.tonecheck]`` of a
    ``pyproject.toml``, or the whole ``.tonecheck.toml``)."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("tonecheck", {})
    elif "tool" in data and "tonecheck" in data["tool"]:
        data = data["tool"]["tonecheck"]
    return data


def _toml_value(value: Any) -> str:
    if isinstance(value, Severity):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in sorted(value.items())) + "}"
    return repr(value)


def describe_settings(settings: Settings, flags: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """Each setting in force as ``(key, TOML value, origin)``.

    The origin is ``default``, the config file (``settings.source``) when the file sets the key,
    or the command-line flag in ``flags`` (key -> ``--flag``), which wins; ``--ignore`` adds to
    the file's list, so both are named.
    """
    in_file: set[str] = set()
    if settings.source is not None:
        in_file = {k.replace("-", "_") for k in config_table(Path(settings.source))}
    rows: list[tuple[str, str, str]] = []
    for f in dataclasses.fields(Settings):
        if f.name == "source":
            continue
        origins = []
        if f.name in in_file and not (f.name in flags and f.name != "ignore"):
            origins.append(str(settings.source))
        if f.name in flags:
            origins.append(flags[f.name])
        rows.append(
            (f.name, _toml_value(getattr(settings, f.name)), " + ".join(origins) or "default")
        )
    return rows
