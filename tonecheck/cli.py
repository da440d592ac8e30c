"""The command line: parse arguments, call the library, render, choose an exit code. Nothing else.

spaCy and scikit-learn are imported lazily, so ``--help``, ``rules`` and ``rule`` stay instant.
"""

from __future__ import annotations

import enum
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperCommand

from tonecheck._version import __version__
from tonecheck.commands.help import PlainHelpCommand
from tonecheck.commands.options import (
    Color,
    ColorOpt,
    ConfigOpt,
    ExitCode,
    FailOn,
    FailOnOpt,
    FormatOpt,
    IgnoreOpt,
    MinSeverityOpt,
    OutputFormat,
    PathsArg,
    QuietOpt,
    SelectOpt,
    StdinFilenameOpt,
    cli_flags,
    load_cli_settings,
)
from tonecheck.errors import TonecheckError
from tonecheck.textutil import visible
from tonecheck.web.command import serve as serve_command

if TYPE_CHECKING:
    from tonecheck.findings import Severity

app = typer.Typer(
    name="tonecheck",
    help="Check the tone of a job interview follow-up letter: hyperbole, too much enthusiasm, "
    "length, risky content and missing elements, plus a score for how cool and cordial it "
    "reads.\n\nRun `tonecheck COMMAND --help` for a command's options and an example.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion (offline; see README)
    rich_markup_mode=None,  # plain click help: no metavars such as <list[str]>, no broken words
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """tonecheck: lint follow-up letters."""


@app.command("version")
def version_command() -> None:
    """Print the version (as --version does).

    \b
    Example:
      tonecheck version
    """
    typer.echo(f"tonecheck {__version__}")


@app.command()
def lint(
    paths: PathsArg,
    output_format: FormatOpt = OutputFormat.text,
    fail_on: FailOnOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    color: ColorOpt = Color.auto,
    quiet: QuietOpt = False,
    min_severity: MinSeverityOpt = None,
    stdin_filename: StdinFilenameOpt = None,
) -> None:
    """Lint letters and print findings; exit 1 when one is at or above --fail-on.

    \b
    Examples:
      tonecheck lint draft.txt
      tonecheck lint letters/ --format concise --min-severity warning
      tonecheck lint - --stdin-filename note.eml < note.eml
    """
    from tonecheck.commands import lint as command
    from tonecheck.config import Settings
    from tonecheck.findings import Severity

    try:
        settings = load_cli_settings(config, select, ignore, fail_on)
    except TonecheckError as exc:
        raise fail(exc.message) from None
    assert isinstance(settings, Settings)
    options = command.LintOptions(
        output_format=output_format.value,
        color=color.value,
        quiet=quiet,
        min_severity=None if min_severity is None else Severity.parse(min_severity.value),
        stdin_filename=stdin_filename,
    )
    raise typer.Exit(command.run(paths, settings, options))


@app.command("show-config")
def show_config(
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    config: ConfigOpt = None,
    color: ColorOpt = Color.auto,
) -> None:
    """Print every setting in force and where it came from: default, a file, or a flag.

    Takes the options of lint that change settings, so `tonecheck show-config --ignore TC305`
    shows what `tonecheck lint --ignore TC305` would use.

    \b
    Example:
      tonecheck show-config --config examples/tonecheck.toml --fail-on warning
    """
    from tonecheck.commands import show_config as command
    from tonecheck.config import Settings

    try:
        settings = load_cli_settings(config, select, ignore, fail_on)
        assert isinstance(settings, Settings)
        out = command.render(settings, cli_flags(select, ignore, fail_on), color.value)
    except TonecheckError as exc:
        raise fail(exc.message) from None
    typer.echo(out, nl=False)


@app.command("rules")
def list_rules() -> None:
    """List every rule: code, name, category, default severity.

    \b
    Example:
      tonecheck rules
    """
    from tonecheck.rules import ALL_RULES

    typer.echo(f"{'code':<7}{'name':<32}{'category':<17}severity")
    for rule in ALL_RULES:
        typer.echo(f"{rule.code:<7}{rule.name:<32}{rule.category:<17}{rule.severity}")


@app.command("rule")
def show_rule(
    code: Annotated[str, typer.Argument(help="A rule code, e.g. TC101, or its name.")],
) -> None:
    """Print one rule's documentation.

    \b
    Example:
      tonecheck rule TC102
    """
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
        metavar="PATTERN",
        help="Only files in the folders whose name matches this pattern (repeatable; a pattern "
        "with '/' matches the path under the folder). Default: *.txt *.md *.markdown *.eml *.docx.",
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes (default: the number of cores); 1 runs here.",
    ),
]
OutputOpt = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        metavar="REPORT",
        help="The report file; its suffix picks the format: .jsonl, .csv, .html, .sarif or .xml "
        "(JUnit).",
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
    """Score many letters into one report file (.jsonl, .csv, .html, .sarif, .xml) and summarise.

    Every input found is in the report, in order; one that cannot be read is an error row and the
    batch goes on (exit 2 at the end). The report is replaced only once it is complete.

    \b
    Example:
      tonecheck batch letters/ --output report.html --jobs 2
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
            "--fail-on",
            metavar="LEVEL",
            help="Hold the message when a finding is at or above LEVEL: error, warning, "
            "suggestion or never.",
        ),
    ] = FailOn.error,
    hold_dir: Annotated[
        Path | None,
        typer.Option(
            "--hold-dir",
            metavar="DIR",
            help="Where held messages are saved (default: the user state folder, "
            "e.g. ~/.local/state/tonecheck/held).",
        ),
    ] = None,
    on_error: Annotated[
        OnError,
        typer.Option(
            "--on-error",
            metavar="send|hold",
            help="If tonecheck itself fails: hold the message (exit 2) or send it.",
        ),
    ] = OnError.hold,
    force: Annotated[
        bool, typer.Option("--force", help="Send even if the check fails (or TONECHECK_FORCE=1).")
    ] = False,
    config: ConfigOpt = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Say nothing when a message is sent with warnings."),
    ] = False,
) -> None:
    """Check the message on standard input, then send it or hold it: a sendmail wrapper.

    Passes: the message goes byte for byte to COMMAND; tonecheck exits with its status.

    Fails: the findings go to standard error, nothing is sent, the message is held; exit 1.

    tonecheck cannot check it: the message is held (exit 2), unless --on-error is send.

    \b
    Example (in ~/.muttrc):
      set sendmail="tonecheck presend -- /usr/sbin/sendmail -oem -oi"
    """
    from tonecheck.commands.presend import run

    if not command:
        raise fail("presend needs the sendmail command after --, e.g. presend -- sendmail -t")
    raise typer.Exit(run(command, fail_on.value, hold_dir, on_error.value, force, config, quiet))


app.command("serve")(serve_command)  # its body lives in tonecheck/web/
from tonecheck.commands.held import app as held_app  # noqa: E402 (registered after the commands)

app.add_typer(held_app, name="held")

# Every command's help names its arguments plainly (PATH..., not typer's "{paths}... <list[str]>").
for _info in app.registered_commands:
    if _info.cls in (None, TyperCommand):
        _info.cls = PlainHelpCommand


@app.command()
def lsp() -> None:
    """Run the language server on standard input and output, for editors (see the README)."""
    from tonecheck.lsp.server import serve

    serve()


def main() -> None:
    """Console-script entry point."""
    # tonecheck does no matrix work: numpy's BLAS needs no thread pool, and a process without extra
    # threads forks cleanly (`batch --jobs N` forks workers after loading spaCy and numpy).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    app()


if __name__ == "__main__":
    main()
