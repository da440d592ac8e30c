"""The ``doc._.tonecheck_*`` extensions, registered once (never with ``force=True``) when
``tonecheck.nlp.components`` is imported.

spaCy keeps an extension's value in ``doc.user_data`` under a fixed key; reading ``doc._.name``
builds a new ``Underscore`` object on every access, which cost tonecheck's components about 0.05 ms
a letter over some 25 reads and writes. The components therefore read and write
``doc.user_data[KEY]`` directly, with the keys below (``tests/test_tokens.py`` holds them equal to
what ``doc._`` reads and writes); pipeline users keep reading ``doc._.tonecheck_*``. This module
does not import spaCy, so that the linter can name the keys without loading it.
"""

from __future__ import annotations

EXTENSIONS = ("text", "tokens", "sentences", "paragraphs", "stats", "elements", "hits")


def user_data_key(attr: str) -> tuple[str, str, None, None]:
    """The ``doc.user_data`` key under which spaCy keeps ``doc._.<attr>``."""
    return ("._.", attr, None, None)


TEXT = user_data_key("tonecheck_text")
TOKENS = user_data_key("tonecheck_tokens")
SENTENCES = user_data_key("tonecheck_sentences")
PARAGRAPHS = user_data_key("tonecheck_paragraphs")
STATS = user_data_key("tonecheck_stats")
ELEMENTS = user_data_key("tonecheck_elements")
HITS = user_data_key("tonecheck_hits")


def register_extensions() -> None:
    """Register every ``doc._.tonecheck_*`` extension that is not registered yet."""
    from spacy.tokens import Doc

    for name in EXTENSIONS:
        attr = f"tonecheck_{name}"
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
