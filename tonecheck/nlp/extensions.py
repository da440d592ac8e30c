"""The ``doc._.tonecheck_*`` extensions, registered once (never with ``force=True``)."""

from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = ("text", "tokens", "sentences", "paragraphs", "stats", "elements", "hits")


def register_extensions() -> None:
    """Register every ``doc._.tonecheck_*`` extension that is not registered yet."""
    for name in EXTENSIONS:
        attr = f"tonecheck_{name}"
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)


register_extensions()
