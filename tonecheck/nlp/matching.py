"""Phrase lists compiled once into spaCy matchers, with exceptions applied."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tonecheck.data import PhraseEntry
from tonecheck.nlp.tokens import token_view


def variants(phrase: str) -> list[str]:
    """A phrase and its curly-apostrophe twin, so "can't" also matches "can’t"."""
    if "'" in phrase:
        return [phrase, phrase.replace("'", "\u2019")]
    return [phrase]


class PhraseSet:
    """Several named phrase lists in one PhraseMatcher (attr LOWER).

    ``find(doc)`` returns ``(key, index, start_char, end_char)`` for each match of an entry,
    dropping matches that fall inside a match of one of that list's exceptions (``!`` lines).
    """

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._keys: dict[int, tuple[str, int]] = {}
        self.entries: dict[str, list[PhraseEntry]] = {}

    def add(self, key: str, entries: Iterable[PhraseEntry]) -> None:
        """Add (or extend) the list called ``key``."""
        current = self.entries.setdefault(key, [])
        entries = list(entries)
        texts = [[v for v in variants(e.phrase)] for e in entries]
        # one tokenizer.pipe call for the whole list: compiling phrases is part of start-up
        flat = list(self._nlp.tokenizer.pipe([v for vs in texts for v in vs]))  # type: ignore[union-attr]
        pos = 0
        for entry, vs in zip(entries, texts, strict=True):
            index = len(current)
            current.append(entry)
            label = f"{key}|{index}"
            self._matcher.add(label, flat[pos : pos + len(vs)])
            pos += len(vs)
            self._keys[self._nlp.vocab.strings[label]] = (key, index)

    def find(self, doc: Doc) -> list[tuple[str, int, int, int]]:
        """All non-excepted matches as (key, entry index, start_char, end_char); a match that
        overlaps a match of one of its list's exceptions is dropped."""
        return self.find_all(doc)[0]

    def find_all(
        self, doc: Doc
    ) -> tuple[list[tuple[str, int, int, int]], dict[str, list[tuple[int, int]]]]:
        """Non-excepted matches, and the exception matches by list."""
        hits: list[tuple[str, int, int, int]] = []
        exceptions: dict[str, list[tuple[int, int]]] = {}
        if len(self._matcher) == 0:  # e.g. --select left no phrase rule
            return hits, exceptions
        view = token_view(doc)
        for match_id, start, end in self._matcher(doc):
            key, index = self._keys[match_id]
            item = (key, index, view.starts[start], view.end(end - 1))
            if self.entries[key][index].exception:
                exceptions.setdefault(key, []).append((item[2], item[3]))
            else:
                hits.append(item)
        if exceptions:
            hits = [
                h
                for h in hits
                if not any(s < h[3] and h[2] < e for s, e in exceptions.get(h[0], ()))
            ]
        return hits, exceptions
