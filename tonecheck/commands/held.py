"""``tonecheck held list|show|send|drop``: the messages ``presend`` held back (tonecheck.held).

Parses options, prints, picks the exit code (CONTRACT.md: 0 done, 1 held back again by the
re-check, 2 an error such as an unknown ID; ``send`` otherwise exits with the command's status).
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tonecheck.errors import TonecheckError

if TYPE_CHECKING:
    from tonecheck.held import Held

app = typer.Typer(
    name="held",
    help="The messages presend held back: list, show, send or drop them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

HoldDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--hold-dir",
        help="The hold folder presend used (default: the user state folder, "
        "e.g. ~/.local/state/tonecheck/held).",
    ),
]
IdArg = Annotated[
    str, typer.Argument(help="A held message's ID (from `tonecheck held list`), or its start.")
]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"tonecheck: error: {message}", err=True)
    return typer.Exit(2)


def _find(message_id: str, hold_dir: Path | None) -> Held:
    from tonecheck.held import find_held

    try:
        return find_held(message_id, hold_dir)
    except TonecheckError as exc:
        raise _fail(exc.message) from None


@app.command("list")
def list_command(hold_dir: HoldDirOpt = None) -> None:
    """One line per held message, oldest first: ID, when, why, findings, subject."""
    from tonecheck.held import hold_folder, list_held

    try:
        messages = list_held(hold_dir)
    except TonecheckError as exc:
        raise _fail(exc.message) from None
    if not messages:
        typer.echo(f"tonecheck: no held messages in {hold_folder(hold_dir)}", err=True)
    for held in messages:
        record = held.record or {}
        when = str(record.get("held_at", "?")).replace("T", " ").removesuffix("Z")
        subject = held.headers().get("Subject", "(no subject)")
        reason = record.get("reason", "no-record")
        typer.echo(f"{held.id}  {when}  {reason:<11}  {held.summary()}  {subject}")


@app.command("show")
def show_command(message_id: IdArg, hold_dir: HoldDirOpt = None) -> None:
    """A held message's headers, why it was held, its saved command and its findings."""
    held = _find(message_id, hold_dir)
    record = held.record or {}
    lines = [f"ID:       {held.id}", f"file:     {held.path}"]
    if held.record is None:
        lines.append("record:   none (held by an older tonecheck): `held send` cannot send it")
    else:
        lines.append(f"held at:  {record.get('held_at')}")
        lines.append(f"reason:   {record.get('reason')}: {record.get('why')}")
        command = record.get("command")
        if isinstance(command, list):
            lines.append(f"command:  {shlex.join(str(a) for a in command)}")
        lines.append(f"cwd:      {record.get('cwd')}")
    for name, value in held.headers().items():
        lines.append(f"{name + ':':<9} {value}")
    summary = record.get("summary")
    if isinstance(summary, dict):
        tone = ""
        if summary.get("tone") is not None:
            tone = f"; tone {summary['tone']}, score {summary.get('score'):.0f}/100"
        lines.append(f"findings: {held.summary()}{tone}")
        for f in record.get("findings") or []:
            lines.append(
                f"  {f.get('line')}:{f.get('column')}: {f.get('code')} {f.get('severity')} "
                f"{f.get('message')}"
            )
    typer.echo("\n".join(lines))


@app.command("send")
def send_command(
    message_id: IdArg,
    force: Annotated[
        bool, typer.Option("--force", help="Send it even if the re-check holds it again.")
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="Re-check at this level (default: the one it was held at)."),
    ] = None,
    hold_dir: HoldDirOpt = None,
) -> None:
    """Re-check a held message, then run the saved command with it (byte for byte) on standard
    input; it leaves the hold folder once the command exits 0. Exit: the command's status; 1 if
    the re-check holds it again; 2 if it cannot be sent."""
    from tonecheck import held as held_mod

    held = _find(message_id, hold_dir)
    if fail_on is not None and fail_on not in ("error", "warning", "suggestion", "never"):
        raise _fail(f"--fail-on {fail_on!r}: use error, warning, suggestion or never")
    try:
        release = held_mod.send(held, force=force, fail_on=fail_on)
    except TonecheckError as exc:
        raise _fail(f"{exc.message}; {held.id} is still held") from None
    verdict = release.decision.verdict
    if release.edited:
        typer.echo(f"tonecheck: note: {held.path} was edited since it was held", err=True)
    if verdict.report is not None and (verdict.blocked or force) and verdict.report.findings:
        from tonecheck.report import text as text_report

        sys.stderr.write(text_report.render([verdict.report], color=sys.stderr.isatty()))
    if verdict.error is not None:
        typer.echo(f"tonecheck: error: {verdict.error}", err=True)
    if force:
        typer.echo("tonecheck: warning: --force: sending whatever the check says", err=True)
    if release.status is None:
        why = (
            "tonecheck could not check it"
            if verdict.error
            else f"a finding is at or above --fail-on {release.decision.fail_on}"
        )
        typer.echo(
            f"tonecheck: not sent: {why}; {held.id} is still held (edit {held.path}, "
            "or send it anyway with --force)",
            err=True,
        )
        raise typer.Exit(2 if verdict.error else 1)
    if release.remove_error is not None:
        why = release.remove_error.removesuffix("; it is still held")
        typer.echo(
            f"tonecheck: warning: sent {held.id}, but {why}: drop it with "
            f"`tonecheck held drop {held.id}` so that it is not sent twice",
            err=True,
        )
        return
    if not release.removed:
        typer.echo(
            f"tonecheck: error: the command exited {release.status}; {held.id} is still held",
            err=True,
        )
        raise typer.Exit(release.status)
    typer.echo(f"sent {held.id}; removed from {held.path.parent}")


@app.command("drop")
def drop_command(message_id: IdArg, hold_dir: HoldDirOpt = None) -> None:
    """Delete a held message (and its record) without sending it."""
    from tonecheck.held import drop

    held = _find(message_id, hold_dir)
    try:
        drop(held)
    except TonecheckError as exc:
        raise _fail(exc.message) from None
    typer.echo(f"dropped {held.id}")
