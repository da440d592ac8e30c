"""Reading inputs: plain text and Markdown, e-mail messages (``.eml``) and Word documents (``.docx``).

- ``.txt``/``.md`` (and files without a suffix): UTF-8 with or without a BOM, or UTF-16 with a BOM.
  The analysed text is the decoded file exactly as read, so finding offsets index it directly; a
  mail thread pasted under the letter is cut off (:func:`pasted_letter`: a prefix of the file).
- ``.eml``: an RFC 5322 message (:mod:`tonecheck.mail`). The analysed text is the *extracted body*:
  the writer's own words (quoted replies, forwarded messages, mobile sign-offs and the signature
  cut away) of the ``text/plain`` part, or of the HTML-only body; a ``text/html`` alternative is
  kept in ``Source.alternatives`` and checked too. Offsets refer to each part's extracted body.
- ``.docx``: the document's paragraphs (python-docx), each a paragraph of the text: joined by
  ``"\\n"`` when empty paragraphs separate them, else by a blank line (:func:`join_paragraphs`).

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
from pathlib import Path

from tonecheck.errors import InputError
from tonecheck.guards import check_docx_size, display_name
from tonecheck.mail import MailPart, message_parts, reply_cut
from tonecheck.mail import html_to_text as html_to_text  # re-exported
from tonecheck.mail import strip_quotes_and_signature as strip_quotes_and_signature  # re-exported
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
    part: str | None = None  # an e-mail's body alternative that ``text`` is: "text/plain"...
    alternatives: tuple[MailPart, ...] = ()  # an e-mail's other alternatives, also checked


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


def email_parts(data: bytes, name: str) -> list[MailPart]:
    """The writer's text in each body alternative of a raw message (``text/plain`` first), checked
    for binary content: see :func:`tonecheck.mail.message_parts`."""
    parts = message_parts(data, name)
    for part in parts:
        _check_text(part.text, name)
    return parts


def email_body(data: bytes, name: str) -> str:
    """The analysed text of an RFC 5322 message: the writer's words of its first body alternative
    (``text/plain`` when there is one). See :func:`email_parts` for every alternative."""
    return email_parts(data, name)[0].text


# -- Word -------------------------------------------------------------------------------------------


def docx_text(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a ``.docx`` document: its paragraphs as :func:`join_paragraphs` joins them.

    Raises:
        InputError: ``bad-docx`` (not a Word document, or a damaged one), ``too-large`` (it would
            inflate past ``DOCX_INFLATE_FACTOR`` times ``max_bytes``) or ``empty``.
    """
    check_docx_size(data, name, max_bytes)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        text = join_paragraphs([paragraph.text for paragraph in document.paragraphs])
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


def join_paragraphs(paragraphs: list[str]) -> str:
    """Word paragraphs as the letter's text, each Word paragraph a paragraph of the text.

    A document that separates its paragraphs with empty ones (pressing Enter twice, as on a
    typewriter) already has its blank lines: its paragraphs are joined by ``"\\n"``, like the
    lines of a text file. One that separates them with paragraph spacing has no empty paragraph
    between two others: its paragraphs are joined by a blank line, ``"\\n\\n"``.
    """
    inner = paragraphs
    while inner and not inner[0].strip():
        inner = inner[1:]
    while inner and not inner[-1].strip():
        inner = inner[:-1]
    if any(not p.strip() for p in inner):
        return "\n".join(paragraphs)
    return "\n\n".join(inner)


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
        first, *others = email_parts(data, name)
        return Source(name, first.text, first.label, tuple(others))
    if suffix in DOCX_SUFFIXES:
        return Source(name, docx_text(data, name, max_bytes))
    if suffix in TEXT_SUFFIXES:
        return Source(name, pasted_letter(decode(data, name)))
    raise _unsupported(name, suffix)


def pasted_letter(text: str) -> str:
    """A plain-text letter without a mail thread pasted under it: the text up to the first line that
    starts a quoted or forwarded message, a mobile sign-off or a signature (``tonecheck.mail``),
    when the writer's words come before it; else the text unchanged. A prefix, so offsets into it
    are offsets into the file."""
    cut = reply_cut(text)
    return text[:cut] if text[:cut].strip() else text


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
    return Source("<stdin>", pasted_letter(decode(data, "<stdin>")))
