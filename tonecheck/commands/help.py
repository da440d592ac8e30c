"""Plain ``--help`` for tonecheck's commands.

Typer labels every argument with its Python type (``PATH... <list[str]>``) and wraps it in braces in
the usage line (``{paths}...``). :class:`PlainHelpCommand` shows an argument by its metavar alone,
as click does, and leaves the rest of typer's help as it is.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand

# typer 0.2x carries its own copy of click; the parameters and contexts are duck-typed here.


def _is_argument(param: Any) -> bool:
    return bool(param.param_type_name == "argument")


def _argument_name(param: Any) -> str:
    if param.metavar:
        return str(param.metavar)
    return (param.name or "").upper() + ("..." if param.nargs != 1 else "")


class PlainHelpCommand(TyperCommand):
    """A typer command whose help names arguments by their metavar (``PATH...``)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [_argument_name(p) for p in self.get_params(ctx) if _is_argument(p)]
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        args: list[tuple[str, str]] = []
        opts: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if _is_argument(param):
                args.append((_argument_name(param), getattr(param, "help", None) or ""))
            else:
                opts.append(record)
        if args:
            with formatter.section("Arguments"):
                formatter.write_dl(args)
        if opts:
            with formatter.section("Options"):
                formatter.write_dl(opts)
