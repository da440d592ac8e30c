"""Hypothesis strategies over hostile letters, e-mail messages and Word documents, and the one
property every input must keep (issue 16): no traceback; either analysed, with exact offsets and
line/column under universal newlines, or a one-line error; terminal output free of control
characters; JSON output valid. Used by ``tests/test_fuzz.py`` (a short, derandomized run in the
suite) and ``tests/fuzz/run.py`` (the long run).
"""

from __future__ import annotations

import base64
import io
import json
import quopri
import re
import zipfile

from hypothesis import strategies as st

import corpus
from tonecheck.config import Settings
from tonecheck.errors import InputError
from tonecheck.findings import Report
from tonecheck.linter import lint_safely
from tonecheck.report import json as json_report
from tonecheck.report import text as text_report
from tonecheck.sources import source_from_bytes

SETTINGS = Settings()
LETTERS = [letter.text for letter in corpus.load()[:60]]
ERROR_KINDS = {"empty", "binary", "bad-encoding", "bad-email", "bad-docx", "too-large", "not-text"}

# What a hostile letter is made of: emoji (with skin tones and joiners), combining marks, right-
# to-left text and overrides, zero-width characters, control characters (ESC sequences, NUL, BEL),
# lone surrogates, every kind of line end, and the shapes that were once quadratic.
PIECES = [
    "\U0001f600", "\U0001f44d\U0001f3fd", "\U0001f469\u200d\U0001f4bb", "\u2764\ufe0f", ":)",
    "e\u0301", "a\u0308\u0323", "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd",
    "\u202e", "\u2066", "\u200f", "\u200b", "\u200d", "\ufeff", "\u2060", "\u00ad",
    "\x1b[2J", "\x1b]0;title\x07", "\x07", "\x00", "\x08", "\x7f", "\x9b31m", "\udc80", "\ud800",
    "\r", "\n", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\t",
    "!!!", "?!", "SO", "THANK YOU", "sooo", "really really", "dream job", "answer by Friday",
    "a" * 300, "!" * 200, "x" * 129, "https://example.com/" + "p" * 150,
]  # fmt: skip
EDIT = st.tuples(st.floats(0, 1), st.integers(0, 8), st.sampled_from(PIECES), st.integers(1, 3))


@st.composite
def letters(draw: st.DrawFn) -> str:
    """A corpus letter with up to 12 edits: a piece inserted (repeated) or a stretch replaced."""
    text = draw(st.sampled_from(LETTERS))
    for where, cut, piece, times in draw(st.lists(EDIT, max_size=12)):
        at = int(where * len(text))
        text = text[:at] + piece * times + text[at + cut :]
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r", "\r\n", "\u2028", "\u2029"])))
    return text


CHARSETS = ["utf-8", "iso-8859-1", "windows-1252", "utf-16", "us-ascii", "x-unknown", "utf-7", ""]
ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable", "x-uuencode", "bogus", ""]


def _encode(body: bytes, cte: str, broken: bool) -> bytes:
    if cte == "base64":
        out = base64.encodebytes(body)
        return out[: len(out) // 2] + b"!*" if broken else out
    if cte == "quoted-printable":
        return quopri.encodestring(body) + (b"=Z" if broken else b"")
    return body


@st.composite
def _part(draw: st.DrawFn, depth: int) -> bytes:
    if depth > 0 and draw(st.booleans()):
        boundary = draw(st.sampled_from(["b1", "==b2==", "", "x" * 80]))
        parts = draw(st.lists(_part(depth - 1), min_size=0, max_size=3))
        sub = draw(st.sampled_from(["mixed", "alternative", "related"]))
        body = b"".join(b"--" + boundary.encode() + b"\r\n" + p + b"\r\n" for p in parts)
        if draw(st.booleans()):
            body += b"--" + boundary.encode() + b"--\r\n"
        head = f'Content-Type: multipart/{sub}; boundary="{boundary}"\r\n\r\n'
        return head.encode() + body
    kind = draw(st.sampled_from(["plain", "html", "plain; format=flowed", "octet-stream"]))
    charset = draw(st.sampled_from(CHARSETS))
    cte = draw(st.sampled_from(ENCODINGS))
    text = draw(letters())
    if kind == "html":
        text = "<html><body><p>" + text.replace("\n\n", "</p><p>") + "</p></body></html>"
    codec = charset if charset in ("utf-8", "iso-8859-1", "windows-1252", "utf-16") else "utf-8"
    raw = text.encode(codec, errors="surrogatepass" if codec == "utf-8" else "replace")
    mime = "application" if kind == "octet-stream" else "text"
    head = f"Content-Type: {mime}/{kind}" + (f"; charset={charset}" if charset else "")
    head += f"\r\nContent-Transfer-Encoding: {cte}" if cte else ""
    return (head + "\r\n\r\n").encode() + _encode(raw, cte, draw(st.booleans()))


@st.composite
def emails(draw: st.DrawFn) -> bytes:
    """An RFC 5322 message: nested and malformed MIME, bad transfer encodings, odd charsets."""
    headers = draw(st.sampled_from([b"From: a@example.com\r\nSubject: Thanks\r\n", b"", b"X:\r\n"]))
    data = headers + draw(_part(2))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


def _xml(body: str) -> str:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>'


@st.composite
def docx_files(draw: st.DrawFn) -> bytes:
    """A ``.docx``: a valid minimal one, huge or deep XML, missing or lying parts, flipped bytes."""
    from test_hostile_inputs import CONTENT_TYPES, RELS, lie_about_sizes

    text = draw(letters()).replace("&", "&amp;").replace("<", "&lt;")
    shape = draw(st.sampled_from(["plain", "deep", "many", "entity", "not-xml", "no-rels"]))
    body = {
        "plain": "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in text.split("\n")),
        "deep": "<w:p>" * 5_000 + "</w:p>" * 5_000,
        "many": "<w:p/>" * draw(st.integers(1, 200_000)),
        "entity": "<w:p><w:r><w:t>&lol;</w:t></w:r></w:p>",
        "not-xml": "<w:p><w:r><w:t>" + text,
        "no-rels": "<w:p><w:r><w:t>x</w:t></w:r></w:p>",
    }[shape]
    document = _xml(body)
    if shape == "entity":
        document = '<!DOCTYPE d [<!ENTITY lol "lol">]>' + document
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        if shape != "no-rels":
            archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document.encode("utf-8", "surrogatepass"))
    data = out.getvalue()
    mutation = draw(st.sampled_from(["none", "lie", "flip", "truncate"]))
    if mutation == "lie":
        data = lie_about_sizes(data, draw(st.integers(0, 2**32 - 1)))
    elif mutation == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    elif mutation == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    return data


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _universal_line_col(text: str, offset: int) -> tuple[int, int]:
    """Line and column as universal newlines count them (CRLF, LF or a lone CR end a line)."""
    line, start = 1, 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        if m.end() > offset:
            break
        line, start = line + 1, m.end()
    return line, offset - start + 1


def check_report(report: Report, text: str | None) -> None:
    """The property of one analysed (or refused) input."""
    shown = text_report.render([report])
    assert _CONTROLS.search(shown) is None, shown[:300]
    json.loads(json_report.render([report]))
    if not report.ok:
        assert report.error_kind in ERROR_KINDS, (report.error_kind, report.error_message)
        assert "\n" not in (report.error_message or ""), report.error_message
        return
    assert text is not None
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.match
        assert (f.line, f.column) == _universal_line_col(text, f.start), f


def check_letter(text: str) -> None:
    check_report(lint_safely(text, "fuzz.txt", SETTINGS), text)


def check_file(data: bytes, suffix: str) -> None:
    name = f"fuzz{suffix}"
    try:
        source = source_from_bytes(data, name, suffix, SETTINGS.max_bytes)
    except InputError as exc:
        assert exc.kind in ERROR_KINDS, (exc.kind, exc.message)
        assert "\n" not in exc.message, exc.message
        check_report(Report.failed(name, exc.kind, exc.message), None)
        return
    check_report(lint_safely(source.text, source.name, SETTINGS), source.text)
