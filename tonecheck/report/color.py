"""When to colour terminal output: ``--color``, then ``NO_COLOR``, ``FORCE_COLOR``, ``TERM=dumb``,
then whether the stream is a terminal.

The conventions are https://no-color.org (``NO_COLOR`` set to anything but the empty string turns
colour off) and https://force-color.org (``FORCE_COLOR`` set and not empty turns it on; ``0`` and
``false`` are read as off, as Node's ``supports-color`` does). ``--color always|never`` wins over all
of them; ``NO_COLOR`` wins over ``FORCE_COLOR``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO


def use_color(choice: str, stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether to colour output written to ``stream``.

    Args:
        choice: ``always``, ``never`` or ``auto`` (the ``--color`` option).
        stream: where the output goes (``auto`` colours only a terminal).
        environ: the environment (``os.environ``).
    """
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR", ""):
        return False
    force = environ.get("FORCE_COLOR", "")
    if force:
        return force.strip().lower() not in ("0", "false")
    if environ.get("TERM", "") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
