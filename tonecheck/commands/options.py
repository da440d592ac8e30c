"""The options that several commands share (typer ``Annotated`` aliases), the exit codes, and the
settings a command line asks for (the config file, overridden by the options)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer


class ExitCode(enum.IntEnum):
    """CONTRACT.md exit codes."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"
    concise = "concise"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    suggestion = "suggestion"
    never = "never"


# --fail-on's levels without "never" (a display filter always shows something at some level).
MinSeverity = enum.Enum(
    "MinSeverity", {"error": "error", "warning": "warning", "suggestion": "suggestion"}, type=str
)


class Color(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Letters (.txt, .md, .eml, .docx) or folders of letters (searched recursively); "
        "'-' reads standard input.",
        metavar="PATH...",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="text (for people), json (CONTRACT.md), concise (one line a finding), github "
        "(workflow annotations), sarif (SARIF 2.1.0) or junit (JUnit XML).",
    ),
]
FailOnOpt = Annotated[
    FailOn | None,
    typer.Option(
        "--fail-on",
        metavar="LEVEL",
        help="Exit 1 when a finding is at or above LEVEL: error, warning, suggestion or never "
        "(default: error, or fail_on in the config).",
    ),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select", metavar="CODES", help="Only these rule codes, comma-separated (prefixes: TC2)."
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", metavar="CODES", help="Skip these rule codes (prefixes allowed)."),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Config file (default: the nearest .tonecheck.toml or pyproject.toml).",
    ),
]
ColorOpt = Annotated[
    Color,
    typer.Option(
        "--color",
        metavar="WHEN",
        help="Colour the text output: auto (a terminal, unless NO_COLOR or TERM=dumb; "
        "FORCE_COLOR forces it), always or never.",
    ),
]

QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Findings only: no per-letter summary.")
]
MinSeverityOpt = Annotated[
    MinSeverity | None,
    typer.Option(
        "--min-severity",
        metavar="LEVEL",
        help="Show only findings at or above LEVEL: error, warning or suggestion (display "
        "only: the exit status still counts every finding).",
    ),
]
StdinFilenameOpt = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        metavar="NAME",
        help="Name standard input ('-'): its suffix says how to read it (.eml, .md) and it "
        "is the name shown in the output.",
    ),
]


def cli_flags(select: object, ignore: object, fail_on: object) -> dict[str, str]:
    """The settings that command-line options set, and the option that set each."""
    given = {"select": select, "ignore": ignore, "fail_on": fail_on}
    return {key: f"--{key.replace('_', '-')}" for key, value in given.items() if value}


def load_cli_settings(
    config: Path | None, select: list[str] | None, ignore: list[str] | None, fail_on: FailOn | None
) -> object:
    """Settings from the config file, overridden by command-line options."""
    from tonecheck import rules
    from tonecheck.config import load_settings
    from tonecheck.rules import check_codes

    settings = load_settings(config, catalog=rules)
    changes: dict[str, object] = {}
    if select:
        changes["select"] = check_codes("--select", [c for s in select for c in s.split(",")])
    if ignore:
        added = check_codes("--ignore", [c for s in ignore for c in s.split(",")])
        changes["ignore"] = tuple(dict.fromkeys((*settings.ignore, *added)))  # in order, once
    if fail_on is not None:
        changes["fail_on"] = fail_on.value
    return settings.replace(**changes) if changes else settings
