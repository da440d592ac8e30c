"""The command line: parse arguments, call the library, render, choose an exit code. Nothing else.

spaCy and scikit-learn are imported lazily, so ``--help``, ``rules`` and ``rule`` stay instant.
"""

from __future__ import annotations

import enum
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tonecheck._version import __version__
from tonecheck.errors import TonecheckError
from tonecheck.textutil import visible

if TYPE_CHECKING:
    from tonecheck.findings import Severity

app = typer.Typer(
    name="tonecheck",
    help="Check the tone of a job-interview follow-up letter: hyperbole, over-enthusiasm, length, "
    "risky content and missing elements, plus a cool-and-cordial score.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class ExitCode(enum.IntEnum):
    """CONTRACT.md exit codes."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    suggestion = "suggestion"
    never = "never"


class Color(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


PathsArg = Annotated[
    list[str],
    typer.Argument(help="Letters to check (.txt, .md, .eml, .docx); '-' reads standard input."),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
FailOnOpt = Annotated[
    FailOn | None,
    typer.Option(
        "--fail-on",
        help="Exit 1 when a finding is at or above this level (default: error, or fail_on in the config).",
    ),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option("--select", help="Only these rule codes (prefixes allowed: TC2)."),
]
IgnoreOpt = Annotated[
    list[str] | None, typer.Option("--ignore", help="Skip these rule codes (prefixes allowed).")
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Config file (default: nearest .tonecheck.toml or pyproject.toml)."
    ),
]
ColorOpt = Annotated[Color, typer.Option("--color", help="Colour the text output.")]


def fail(message: str) -> typer.Exit:
    """Print a one-line error (control characters escaped) and return the exit to raise."""
    typer.echo(f"tonecheck: error: {visible(message)}", err=True)
    return typer.Exit(ExitCode.ERROR)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tonecheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """tonecheck: lint follow-up letters."""


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
        changes["ignore"] = tuple(
            {*settings.ignore, *check_codes("--ignore", [c for s in ignore for c in s.split(",")])}
        )
    if fail_on is not None:
        changes["fail_on"] = fail_on.value
    return settings.replace(**changes) if changes else settings


def exit_code_for(reports: list[object], fail_on: str) -> ExitCode:
    """The highest CONTRACT.md exit code that applies."""
    from tonecheck.config import reaches
    from tonecheck.findings import Report

    code = ExitCode.OK
    for report in reports:
        assert isinstance(report, Report)
        if not report.ok:
            return ExitCode.ERROR
        if reaches(report.worst(), fail_on):
            code = ExitCode.FINDINGS
    return code


@app.command()
def lint(
    paths: PathsArg,
    output_format: FormatOpt = OutputFormat.text,
    fail_on: FailOnOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    color: ColorOpt = Color.auto,
) -> None:
    """Lint letters and print findings; exit 1 when one is at or above --fail-on."""
    from tonecheck.config import Settings
    from tonecheck.findings import Report
    from tonecheck.inputs import read_input

    try:
        settings = load_cli_settings(config, select, ignore, fail_on)
    except TonecheckError as exc:
        raise fail(exc.message) from None
    assert isinstance(settings, Settings)
    from tonecheck.linter import lint_safely

    reports: list[Report] = []
    for raw in paths:
        try:
            source = read_input(raw, settings)
        except TonecheckError as exc:
            name = "<stdin>" if raw == "-" else visible(raw)
            reports.append(Report.failed(name, exc.kind, exc.message))
            continue
        reports.append(lint_safely(source.text, source.name, settings))
    if output_format is OutputFormat.json:
        from tonecheck.report import json as json_report

        sys.stdout.write(json_report.render(reports))
    else:
        from tonecheck.report import text as text_report

        use_color = color is Color.always or (color is Color.auto and sys.stdout.isatty())
        sys.stdout.write(text_report.render(reports, color=use_color))
        for r in reports:
            if not r.ok:
                typer.echo(f"tonecheck: error: {visible(r.error_message or '')}", err=True)
    raise typer.Exit(exit_code_for(list(reports), settings.fail_on))


@app.command("rules")
def list_rules() -> None:
    """List every rule: code, name, category, default severity."""
    from tonecheck.rules import ALL_RULES

    typer.echo(f"{'code':<7}{'name':<32}{'category':<17}severity")
    for rule in ALL_RULES:
        typer.echo(f"{rule.code:<7}{rule.name:<32}{rule.category:<17}{rule.severity}")


@app.command("rule")
def show_rule(
    code: Annotated[str, typer.Argument(help="A rule code, e.g. TC101, or its name.")],
) -> None:
    """Print one rule's documentation."""
    from tonecheck.rules import ALL_RULES

    wanted = code.strip()
    for rule in ALL_RULES:
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            typer.echo(f"# {rule.code} {rule.name}\n")
            typer.echo(f"category: {rule.category}; default severity: {rule.severity}\n")
            typer.echo(rule.doc)
            return
    raise fail(f"unknown rule '{code}' (see `tonecheck rules`)")


GlobOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--glob",
        help="Only files in the folders whose name matches this pattern (repeatable; a pattern "
        "with '/' matches the path under the folder). Default: *.txt *.md *.markdown *.eml *.docx.",
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, help="Worker processes (default: the number of cores); 1 runs here."
    ),
]
OutputOpt = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="The report file; its suffix picks the format: .jsonl, .csv or .html.",
    ),
]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def summary_exit_code(failed: bool, worst: Severity | None, fail_on: str) -> ExitCode:
    """CONTRACT.md: 2 if an input failed, else 1 if a finding reaches ``fail_on``, else 0."""
    from tonecheck.config import reaches

    if failed:
        return ExitCode.ERROR
    return ExitCode.FINDINGS if reaches(worst, fail_on) else ExitCode.OK


@app.command()
def batch(
    paths: Annotated[
        list[str],
        typer.Argument(help="Letters and folders of letters (searched recursively)."),
    ],
    output: OutputOpt,
    glob: GlobOpt = None,
    jobs: JobsOpt = None,
    fail_on: FailOnOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Score many letters into one report file (.jsonl, .csv or .html) and print a summary.

    Every input found is in the report, in order; one that cannot be read is an error row and the
    batch goes on (exit 2 at the end). The report is replaced only once it is complete.
    """
    from tonecheck.batch import find_inputs, run_batch
    from tonecheck.config import Settings
    from tonecheck.progress import Progress

    if "-" in paths:
        raise fail("batch reads files and folders; use `tonecheck lint -` for standard input")
    try:
        settings = load_cli_settings(config, select, ignore, fail_on)
        assert isinstance(settings, Settings)
        items = find_inputs(paths, output, glob or ())
    except TonecheckError as exc:
        raise fail(exc.message) from None
    if not items:
        typer.echo("tonecheck: warning: no letters found", err=True)
    progress = Progress(len(items))
    signal.signal(signal.SIGTERM, _interrupt)  # clean up (workers, temporary report) as on Ctrl-C
    try:
        summary = run_batch(items, output, settings, jobs=jobs, progress=progress.update)
    except TonecheckError as exc:
        progress.close()
        raise fail(exc.message) from None
    except KeyboardInterrupt:
        progress.close()
        typer.echo(f"tonecheck: interrupted; {visible(str(output))} was not written", err=True)
        raise typer.Exit(130) from None
    progress.close()
    typer.echo(f"tonecheck batch: {summary.letters:,} letter(s) -> {visible(str(output))}")
    typer.echo(summary.render(), nl=False)
    if summary.errors:
        typer.echo(
            f"tonecheck: error: {summary.errors:,} input(s) could not be analysed "
            f"(see {visible(str(output))})",
            err=True,
        )
    raise typer.Exit(summary_exit_code(summary.errors > 0, summary.worst, settings.fail_on))


class OnError(str, enum.Enum):
    send = "send"
    hold = "hold"


@app.command(
    context_settings={"allow_interspersed_args": False, "ignore_unknown_options": True},
)
def presend(
    command: Annotated[
        list[str] | None,
        typer.Argument(
            help="The real sendmail command and its arguments, after --.",
            metavar="-- COMMAND [ARGS]...",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on", help="Hold the message when a finding is at or above this level."
        ),
    ] = FailOn.error,
    hold_dir: Annotated[
        Path | None,
        typer.Option(
            "--hold-dir",
            help="Where held messages are saved (default: the user state folder, "
            "e.g. ~/.local/state/tonecheck/held).",
        ),
    ] = None,
    on_error: Annotated[
        OnError,
        typer.Option(
            "--on-error", help="If tonecheck itself fails: hold the message (exit 2) or send it."
        ),
    ] = OnError.hold,
    force: Annotated[
        bool, typer.Option("--force", help="Send even if the check fails (or TONECHECK_FORCE=1).")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Check the message on standard input, then send it or hold it: a sendmail wrapper.

    Passes: the message goes byte for byte to COMMAND; tonecheck exits with its status.

    Fails: the findings go to standard error, nothing is sent, the message is held; exit 1.

    tonecheck cannot check it: the message is held, exit 2 (or sent, with --on-error send).
    """
    from tonecheck import presend as ps

    if not command:
        raise fail("presend needs the sendmail command after --, e.g. presend -- sendmail -t")
    data = sys.stdin.buffer.read()
    decision = ps.decide(
        data,
        config=config,
        fail_on=fail_on.value,
        forced=force or ps.force_requested(),
        on_error=on_error.value,
    )
    verdict, reason = decision.verdict, decision.reason
    if decision.show_findings:
        from tonecheck.report import text as text_report

        assert verdict.report is not None
        sys.stderr.write(text_report.render([verdict.report], color=sys.stderr.isatty()))
    if verdict.error is not None:
        typer.echo(f"tonecheck: error: {visible(verdict.error)}", err=True)
    if reason is ps.Reason.FORCED:
        why = "--force" if force else f"{ps.FORCE_ENV} is set"
        typer.echo(f"tonecheck: warning: {why}: sending whatever the check says", err=True)
    elif reason is ps.Reason.UNCHECKED:
        typer.echo("tonecheck: warning: sending the message unchecked (--on-error send)", err=True)
    outcome = ps.carry_out(decision, data, command, hold_dir)
    if outcome.send_error is not None:
        typer.echo(f"tonecheck: error: {outcome.send_error}", err=True)
    if outcome.hold_error is not None:
        typer.echo(f"tonecheck: error: {outcome.hold_error}; nothing was sent", err=True)
        raise typer.Exit(ExitCode.ERROR)
    if outcome.held is None:
        assert outcome.status is not None
        raise typer.Exit(outcome.status)
    if outcome.send_error is not None:
        why, advice, code = "the sendmail command could not be run", "", ExitCode.ERROR
    elif reason is ps.Reason.NOT_CHECKED:
        why, advice, code = "tonecheck could not check it", "", ExitCode.ERROR
    else:
        why = f"a finding is at or above --fail-on {fail_on.value}"
        advice = f"edit the message and send it again, or send it anyway with {ps.FORCE_ENV}=1"
        code = ExitCode.FINDINGS
    typer.echo(
        f"tonecheck: not sent: {why}. The message is held unchanged in {outcome.held}", err=True
    )
    if advice:
        typer.echo(f"tonecheck: {advice}", err=True)
    raise typer.Exit(code)


def main() -> None:
    """Console-script entry point."""
    # tonecheck does no matrix work: numpy's BLAS needs no thread pool, and a process without extra
    # threads forks cleanly (`batch --jobs N` forks workers after loading spaCy and numpy).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    app()


if __name__ == "__main__":
    main()
