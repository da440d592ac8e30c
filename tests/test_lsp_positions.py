"""Offsets <-> LSP positions (tonecheck.lsp.positions): the mapping the language server's ranges,
hovers and code actions rest on; end to end with a real client in tests/test_lsp.py."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tonecheck.lsp.positions import UTF8, UTF16, UTF32, LineIndex, code_units

BREAKS = re.compile(r"\r\n|\r|\n")


def test_code_units_of_each_encoding() -> None:
    assert [code_units("a😀é", e) for e in (UTF8, UTF16, UTF32)] == [7, 4, 3]


@given(
    st.lists(st.sampled_from(["a", "é", "😀", "\n", "\r", "\r\n", "\u2028", "\x0c"])).map("".join)
)
def test_offsets_and_positions_round_trip(text: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        for encoding in (UTF8, UTF16, UTF32):
            line, column = index.position(offset, encoding)
            # lines are split at \n, \r\n and \r only: \u2028 and form feeds stay inside a line
            assert line == sum(1 for b in BREAKS.finditer(text) if b.end() <= offset)
            back = index.offset(line, column, encoding)
            if not (offset and text[offset - 1 : offset + 1] == "\r\n"):
                assert back == offset
            line_start = index.starts[line]
            assert column == code_units(text[line_start:back], encoding)
