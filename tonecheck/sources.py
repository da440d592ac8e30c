"""Reading inputs: plain text and Markdown, e-mail messages (``.eml``) and Word documents (``.docx``).

- ``.txt``/``.md`` (and files without a suffix): UTF-8 with or without a BOM, or UTF-16 with a BOM.
  The analysed text is the decoded file exactly as read, so finding offsets index it directly.
- ``.eml``: an RFC 5322 message, parsed with the standard library's ``email`` package
  (``policy.default``). The analysed text is the *extracted body* (:func:`email_body`): the
  ``text/plain`` part, or the text of an HTML-only body, without quoted replies, attribution lines
  ("On ... wrote:") and the signature after "-- ". Offsets refer to that extracted body.
- ``.docx``: the document's paragraphs joined by ``"\\n"`` (python-docx).

Every problem becomes an :class:`InputError` with a kebab-case ``kind`` and a one-line message naming
the input. Inputs are only ever opened for reading.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import stat
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from tonecheck.errors import InputError
from tonecheck.guards import check_docx_size, display_name
from tonecheck.textutil import is_blank

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
EMAIL_SUFFIXES = (".eml",)
DOCX_SUFFIXES = (".docx",)
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *EMAIL_SUFFIXES, *DOCX_SUFFIXES)
DEFAULT_MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Source:
    """A decoded input: where it came from and the text that offsets refer to."""

    name: str
    text: str


# -- plain text -------------------------------------------------------------------------------------


# UTF-32 first: its little-endian BOM (FF FE 00 00) starts with UTF-16's (FF FE).
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")]
_BOMS += [(codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (BOM optional), or UTF-16 or UTF-32 with a BOM; reject binary data.
    The whole file is checked (a NUL byte anywhere in UTF-8 data is binary), not a first block."""
    if not data.strip():
        raise InputError(f"{name}: file is empty", kind="empty")
    codec = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: not valid {codec.upper()} ({exc.reason})", kind="bad-encoding"
            ) from None
    else:
        if b"\x00" in data:
            raise InputError(f"{name}: looks like a binary file, not text", kind="binary")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: not valid UTF-8 at byte {exc.start} (save it as UTF-8)",
                kind="bad-encoding",
            ) from None
    _check_text(text, name)
    return text


# Control characters other than line breaks, tabs and form feeds: a sign of binary data.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _check_text(text: str, name: str) -> None:
    """Refuse a text with nothing visible (``empty``: white space and zero-width characters only)
    or with control characters throughout (``binary``): more than 8, and more than one in a
    thousand characters, counted over the whole text."""
    if is_blank(text):
        raise InputError(f"{name}: file is empty", kind="empty")
    controls = len(_CONTROL_RE.findall(text))
    if controls > 8 + len(text) // 1000:
        raise InputError(f"{name}: looks like a binary file, not text", kind="binary")


# -- e-mail -----------------------------------------------------------------------------------------

_SKIP_HTML = {"script", "style", "head", "title", "blockquote", "template"}
_VOID_HTML = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source"}
_PARAGRAPH_HTML = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre", "hr"}
_LINE_HTML = {"div", "li", "tr", "section", "article", "header", "footer", "address", "dd", "dt"}
# Class names mail clients give the quoted part of a reply.
_QUOTE_CLASSES = {"gmail_quote", "moz-cite-prefix", "yahoo_quoted", "protonmail_quote"}
_LINE_MARK, _PARAGRAPH_MARK = "\x01", "\x02"
_MARKS_RE = re.compile(r"[ \t]*[\x01\x02][\x01\x02 \t]*")


class _HtmlText(HTMLParser):
    """The visible text of an HTML body, block elements turned into line breaks, quotes dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        classes = {c for k, v in attrs if k == "class" and v for c in v.split()}
        if tag in _SKIP_HTML or classes & _QUOTE_CLASSES:
            if tag not in _VOID_HTML:
                self._skip_tag, self._skip_depth = tag, 1
            return
        self._block(tag)
        if tag == "pre":
            self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is None:
            self._block(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if tag == "pre" and self._pre:
            self._pre -= 1
        if tag != "br":
            self._block(tag)

    def handle_data(self, data: str) -> None:
        if self._skip_tag is None:
            self.parts.append(data if self._pre else re.sub(r"\s+", " ", data))

    def _block(self, tag: str) -> None:
        # <br> is a line break of its own; block edges only *ensure* a break (markers resolved in
        # text()), so that <div>a</div><div>b</div> gives two lines, not a blank line between.
        if tag == "br":
            self.parts.append("\n")
        elif tag in _PARAGRAPH_HTML:
            self.parts.append(_PARAGRAPH_MARK)
        elif tag in _LINE_HTML:
            self.parts.append(_LINE_MARK)

    def text(self) -> str:
        def resolve(run: re.Match[str]) -> str:
            return "\n\n" if _PARAGRAPH_MARK in run.group() else "\n"

        joined = _MARKS_RE.sub(resolve, "".join(self.parts))
        lines = [line.strip(" \t") for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def html_to_text(html: str) -> str:
    """The readable text of an HTML mail body (the standard library's ``html.parser``)."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return parser.text()


_ATTRIBUTION_END = re.compile(r"\bwrote:\s*$")
_REPLY_SEPARATORS = (
    re.compile(r"^-{3,}\s*Original Message\s*-{3,}\s*$", re.I),
    re.compile(r"^-{3,}\s*Forwarded message\s*-{3,}\s*$", re.I),
    re.compile(r"^_{20,}\s*$"),  # Outlook's rule above the quoted "From: ... Sent: ..." block
)


def _unflow(text: str, delsp: bool) -> str:
    """Undo RFC 3676 ``format=flowed`` soft line breaks (a line ending in a space continues)."""
    out: list[str] = []
    current = ""
    for raw in text.split("\n"):
        line = raw[1:] if raw.startswith(" ") else raw  # space-stuffing
        if line.endswith(" ") and line != "-- " and not line.startswith(">"):
            current += line[:-1] if delsp else line
            continue
        out.append(current + line)
        current = ""
    if current:
        out.append(current)
    return "\n".join(out)


def strip_quotes_and_signature(text: str) -> str:
    """The writer's own words of a mail body.

    Drops lines starting with ``>``, attribution lines ("On Mon, 3 Mar 2026, Ana wrote:", which may
    wrap over up to three lines), everything from a signature separator (a line ``-- `` or ``--``)
    or a forwarded/original-message separator on, and the blank lines this leaves at the ends.
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line in ("-- ", "--") or any(sep.match(line) for sep in _REPLY_SEPARATORS):
            break
        if line.startswith(">"):
            i += 1
            continue
        if line.startswith("On "):
            end = next(
                (j for j in range(i, min(i + 3, len(lines))) if _ATTRIBUTION_END.search(lines[j])),
                None,
            )
            if end is not None:
                i = end + 1
                continue
        out.append(line)
        i += 1
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def email_body(data: bytes, name: str) -> str:
    """The analysed text of an RFC 5322 message: see the module docstring.

    Raises:
        InputError: ``binary``, ``bad-email`` (no headers, no text part, unparsable),
            ``bad-encoding`` (an unknown or wrong charset) or ``empty``.
    """
    import email
    from email import policy
    from email.message import EmailMessage

    if not data.strip():
        raise InputError(f"{name}: message is empty", kind="empty")
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not an e-mail message", kind="binary")
    try:
        message = email.message_from_bytes(data, policy=policy.default)
    except Exception as exc:  # the parser is lenient; anything it still rejects is malformed
        raise InputError(f"{name}: not a valid e-mail message ({exc})", kind="bad-email") from None
    assert isinstance(message, EmailMessage)
    if not message.keys():
        raise InputError(
            f"{name}: not an e-mail message (no header lines such as From: or Subject:)",
            kind="bad-email",
        )
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception as exc:  # the email package trips on some malformed MIME trees (issue 16)
        raise InputError(f"{name}: malformed MIME structure ({exc!r})", kind="bad-email") from None
    if part is None:
        raise InputError(
            f"{name}: the message has no text/plain or text/html body", kind="bad-email"
        )
    try:
        content = part.get_content()
    except LookupError as exc:
        raise InputError(f"{name}: {exc} (in Content-Type charset)", kind="bad-encoding") from None
    except Exception as exc:
        raise InputError(
            f"{name}: cannot decode the message body ({exc})", kind="bad-email"
        ) from None
    if not isinstance(content, str):
        raise InputError(f"{name}: the message body is not text", kind="bad-email")
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_subtype() == "html":
        content = html_to_text(content)
    elif str(part.get_param("format", "")).lower() == "flowed":
        content = _unflow(content, str(part.get_param("delsp", "")).lower() == "yes")
    text = strip_quotes_and_signature(content)
    if not text.strip():
        raise InputError(f"{name}: the message body is empty", kind="empty")
    _check_text(text, name)
    return text


# -- Word -------------------------------------------------------------------------------------------


def docx_text(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The paragraphs of a ``.docx`` document joined by ``"\\n"``.

    Raises:
        InputError: ``bad-docx`` (not a Word document, or a damaged one), ``too-large`` (it would
            inflate past ``DOCX_INFLATE_FACTOR`` times ``max_bytes``) or ``empty``.
    """
    check_docx_size(data, name, max_bytes)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on damage
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{name}: damaged .docx file ({detail})", kind="bad-docx") from None
    if is_blank(text):
        raise InputError(f"{name}: the document has no text", kind="empty")
    if len(text) > max_bytes:
        raise InputError(
            f"{name}: the document's text is too long ({len(text):,} characters; the limit is "
            f"{max_bytes:,}, see max_bytes)",
            kind="too-large",
        )
    return text


# -- files ------------------------------------------------------------------------------------------


def _read_up_to(fd: int, limit: int, size: int) -> bytes:
    """At most ``limit`` bytes from the file descriptor ``fd`` of a file that fstat says holds
    ``size`` bytes: a file that did not change is read in one call (no buffer of ``limit`` bytes is
    allocated, and no second call looks for the end); files under /proc report size 0 and are read
    in blocks until the end."""
    want = max(1, min(size + 1, limit))
    part = os.read(fd, want)
    if len(part) == size and size > 0:
        return part  # all of it, as fstat said
    parts = [part]
    total = len(part)
    while part and total < limit:
        part = os.read(fd, min(1 << 16, limit - total))
        parts.append(part)
        total += len(part)
    return b"".join(parts)


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a regular file's bytes with a size limit; OS errors become InputError.

    The file is opened read-only and non-blocking, so a FIFO or device found in a folder is
    reported instead of hanging the run. Messages name the file as :func:`display_name` shows it.
    """
    name = display_name(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{name}: broken symbolic link", kind="not-found") from None
        raise InputError(f"{name}: no such file", kind="not-found") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a file", kind="not-text") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied", kind="unreadable") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{name}: symbolic link loop", kind="symlink-loop") from None
        raise InputError(
            f"{name}: cannot open ({exc.strerror or exc})", kind="unreadable"
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name}: is a folder, not a file", kind="not-text")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{name}: not a regular file (a pipe, socket or device)", kind="not-text"
            )
        if info.st_size > max_bytes:
            raise InputError(
                f"{name}: file is too large ({info.st_size:,} bytes; the limit is "
                f"{max_bytes:,}, see max_bytes)",
                kind="too-large",
            )
        data = _read_up_to(fd, max_bytes + 1, info.st_size)
    except OSError as exc:
        raise InputError(
            f"{name}: cannot read ({exc.strerror or exc})", kind="unreadable"
        ) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: file is too large (the limit is {max_bytes:,} bytes, see max_bytes)",
            kind="too-large",
        )
    return data


def source_from_bytes(
    data: bytes, name: str, suffix: str = "", max_bytes: int = DEFAULT_MAX_BYTES
) -> Source:
    """Decode an input's bytes by its kind: ``suffix`` is ``.eml``, ``.docx`` or a text suffix."""
    suffix = suffix.lower()
    if suffix in EMAIL_SUFFIXES:
        return Source(name, email_body(data, name))
    if suffix in DOCX_SUFFIXES:
        return Source(name, docx_text(data, name, max_bytes))
    if suffix in TEXT_SUFFIXES:
        return Source(name, decode(data, name))
    raise _unsupported(name, suffix)


def _unsupported(name: str, suffix: str) -> InputError:
    hint = " (save it as .docx)" if suffix in (".doc", ".rtf", ".odt", ".pages") else ""
    return InputError(
        f"{name}: unsupported file type '{suffix}'{hint}; use .txt, .md, .eml or .docx",
        kind="not-text",
    )


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and decode one input file, by its suffix (checked before the file is opened)."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _unsupported(display_name(path), suffix)
    return source_from_bytes(read_bytes(path, max_bytes), display_name(path), suffix, max_bytes)


def read_stdin_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Decode text given on standard input."""
    if len(data) > max_bytes:
        raise InputError(
            f"<stdin>: input is too large (the limit is {max_bytes:,} bytes, see max_bytes)",
            kind="too-large",
        )
    return Source("<stdin>", decode(data, "<stdin>"))
