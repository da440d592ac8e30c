"""The ``tonecheck serve`` command (registered by ``tonecheck.cli``). Importing this module is
cheap: Starlette, uvicorn and spaCy load only when the command runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tonecheck.commands.options import ConfigOpt
from tonecheck.errors import TonecheckError


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (loopback by default; others warn).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="A batch .jsonl report to serve as the coach's report."),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the draft page, the JSON API and (with --report) the coach's report."""
    from tonecheck import rules
    from tonecheck.config import load_settings
    from tonecheck.web.serve import serve as run

    try:
        settings = load_settings(config, catalog=rules)
        run(settings, host=host, port=port, open_browser=open_browser, report=report)
    except TonecheckError as exc:
        typer.echo(f"tonecheck: error: {exc.message}", err=True)
        raise typer.Exit(2) from None
