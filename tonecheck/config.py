"""Settings: defaults, and ``[tool.tonecheck]`` / ``.tonecheck.toml`` files.

Files are found upward from the working directory (the first ``.tonecheck.toml``, or
``pyproject.toml`` with a ``[tool.tonecheck]`` table, wins) unless a path is given. Unknown keys and
bad values raise :class:`ConfigError` naming the key.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tonecheck.errors import ConfigError
from tonecheck.findings import ELEMENT_NAMES, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FAIL_ON_CHOICES = ("error", "warning", "suggestion", "never")


@dataclass(frozen=True)
class Settings:
    """Everything a lint run can be configured with. Frozen: build a new one to change it."""

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
    max_bytes: int = 1_000_000
    source: str | None = None

    def rule_enabled(self, code: str) -> bool:
        """Whether a rule code passes ``select`` and ``ignore`` (prefixes allowed: ``TC2``)."""
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(i) for i in self.ignore)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)


_INT_KEYS = (
    "min_words",
    "max_words",
    "max_sentence_words",
    "max_paragraph_words",
    "max_exclamations",
    "max_bytes",
)


def _codes(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"config key '{key}' must be a list of rule codes, e.g. [\"TC101\"]")
    return tuple(v.strip().upper() for v in value)


def settings_from_mapping(data: Mapping[str, Any], source: str = "<config>") -> Settings:
    """Validate a ``[tool.tonecheck]`` table and build Settings from it."""
    known = {f.name for f in dataclasses.fields(Settings)} - {"source"}
    out: dict[str, Any] = {"source": source}
    for key, value in data.items():
        norm = key.replace("-", "_")
        where = f"{source}: config key '{key}'"
        if norm not in known:
            raise ConfigError(f"{source}: unknown config key '{key}'")
        if norm in _INT_KEYS:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(f"{where} must be a whole number >= 0, not {value!r}")
            out[norm] = value
        elif norm == "max_reading_grade":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ConfigError(f"{where} must be a positive number, not {value!r}")
            out[norm] = float(value)
        elif norm in ("select", "ignore"):
            out[norm] = _codes(key, value)
        elif norm == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f'{where} must be a table of CODE = "level"')
            levels: dict[str, Severity] = {}
            for code, level in value.items():
                try:
                    levels[str(code).upper()] = Severity.parse(str(level))
                except ValueError as exc:
                    raise ConfigError(f"{where}.{code}: {exc}") from None
            out[norm] = levels
        elif norm == "extra_phrases":
            if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(p, str) for p in v) for v in value.values()
            ):
                raise ConfigError(f'{where} must be a table of CODE = ["phrase", ...]')
            out[norm] = {str(k).upper(): tuple(p.lower() for p in v) for k, v in value.items()}
        elif norm == "required_elements":
            if not isinstance(value, list) or any(v not in ELEMENT_NAMES for v in value):
                raise ConfigError(f"{where} must be a list drawn from {', '.join(ELEMENT_NAMES)}")
            out[norm] = tuple(value)
        elif norm == "fail_on":
            if value not in FAIL_ON_CHOICES:
                raise ConfigError(f"{where} must be one of {', '.join(FAIL_ON_CHOICES)}")
            out[norm] = value
    settings = Settings(**out)
    if settings.min_words >= settings.max_words:
        raise ConfigError(f"{source}: min_words must be smaller than max_words")
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None


def find_config(start: Path) -> Path | None:
    """The nearest ``.tonecheck.toml``, or ``pyproject.toml`` with ``[tool.tonecheck]``, upward."""
    for folder in (start, *start.parents):
        candidate = folder / ".tonecheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "tonecheck" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_settings(path: Path | None = None, *, start: Path | None = None) -> Settings:
    """Settings from ``path``, or from the nearest config file, or the defaults."""
    if path is None:
        path = find_config((start or Path.cwd()).resolve())
        if path is None:
            return Settings()
    elif not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("tonecheck", {})
    elif "tool" in data and "tonecheck" in data["tool"]:
        data = data["tool"]["tonecheck"]
    return settings_from_mapping(data, source=str(path))
