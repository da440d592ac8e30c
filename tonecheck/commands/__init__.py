"""The command line's own modules: what a command does once its options are parsed.

cli.py declares the commands and their options; the modules here read the inputs, call the
library, render and pick the exit code. They may print; the library below them never does.
"""

from __future__ import annotations
