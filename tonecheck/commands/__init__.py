"""Typer sub-apps registered by ``tonecheck.cli``, one module per command group."""
