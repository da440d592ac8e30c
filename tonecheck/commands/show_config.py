"""``tonecheck show-config``: every setting in force and where it came from."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from tonecheck.config import Settings, describe_settings
from tonecheck.report.color import use_color


def color_origin(choice: str, environ: Mapping[str, str]) -> str:
    """Why ``lint``'s text output is coloured or not, for the colour line."""
    if choice != "auto":
        return f"--color {choice}"
    for name in ("NO_COLOR", "FORCE_COLOR"):
        if environ.get(name, ""):
            return f"{name}={environ[name]}"
    if environ.get("TERM", "") == "dumb":
        return "TERM=dumb"
    return "default (auto: on a terminal)"


def render(settings: Settings, flags: Mapping[str, str], color: str = "auto") -> str:
    """TOML lines (``key = value  # origin``) that could be pasted into a .tonecheck.toml."""
    where = settings.source or "none found (defaults)"
    lines = [f"# config file: {where}"]
    rows = describe_settings(settings, flags)
    width = max(len(f"{key} = {value}") for key, value, _ in rows)
    lines += [f"{f'{key} = {value}':<{width}}  # {origin}" for key, value, origin in rows]
    on = use_color(color, sys.stdout, os.environ)
    lines.append(
        f"# colour (lint's text output): {'on' if on else 'off'}, from {color_origin(color, os.environ)}"
    )
    return "\n".join(lines) + "\n"
