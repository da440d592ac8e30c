"""Reading e-mail messages: what the recipient will read, without what the writer did not write.

:func:`message_parts` parses an RFC 5322 message (the standard library's ``email`` package) and
returns the text of each body alternative it will be read in: the ``text/plain`` part first when
there is one, then the ``text/html`` part, each decoded strictly (a transfer encoding or a charset
that does not decode is an error, never a silent replacement) and cut to the writer's own words
(:mod:`tonecheck.mail.reply`, :mod:`tonecheck.mail.html`).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from tonecheck.errors import InputError
from tonecheck.mail.html import html_to_text
from tonecheck.mail.reply import reply_cut, strip_quotes_and_signature

__all__ = [
    "MailPart",
    "html_to_text",
    "message_parts",
    "reply_cut",
    "strip_quotes_and_signature",
    "unflow",
]


@dataclass(frozen=True)
class MailPart:
    """One body alternative: its MIME type (``text/plain`` or ``text/html``) and the writer's text."""

    label: str
    text: str


def unflow(text: str, delsp: bool) -> str:
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


# "=" in quoted-printable starts "=XX" (a hex byte) or ends a line (a soft break).
_BAD_QP_RE = re.compile(rb"=(?![0-9A-Fa-f]{2}|[ \t]*\r?\n|[ \t]*$)")


def _payload_bytes(part: object, label: str, name: str) -> bytes:
    """The part's payload with its Content-Transfer-Encoding undone, strictly."""
    from email.message import Message

    assert isinstance(part, Message)
    raw = part.get_payload(decode=False)
    if not isinstance(raw, str):
        raise InputError(f"{name}: the {label} part is not text", kind="bad-email")
    data = raw.encode("utf-8", "surrogateescape")  # base64 and quoted-printable are ASCII
    cte = str(part.get("content-transfer-encoding", "7bit")).strip().lower()
    if cte == "base64":
        try:
            return base64.b64decode(re.sub(rb"\s+", b"", data), validate=True)
        except (binascii.Error, ValueError):
            raise InputError(
                f"{name}: the {label} part is declared base64 but its content is not base64",
                kind="bad-email",
            ) from None
    if cte == "quoted-printable":
        if _BAD_QP_RE.search(data):
            raise InputError(
                f"{name}: the {label} part is declared quoted-printable but its content is not",
                kind="bad-email",
            )
        return binascii.a2b_qp(data)
    if cte not in ("7bit", "8bit", "binary"):
        raise InputError(
            f"{name}: the {label} part has an unknown transfer encoding '{cte}'", kind="bad-email"
        )
    payload = part.get_payload(decode=True)  # 7bit, 8bit, binary: the bytes as they came
    assert isinstance(payload, bytes)
    return payload


def _decoded(part: object, label: str, name: str) -> str:
    """The part's text in its declared charset (UTF-8 when it declares none), strictly."""
    from email.message import Message

    assert isinstance(part, Message)
    data = _payload_bytes(part, label, name)
    declared = part.get_content_charset()
    charset = declared or "utf-8"
    try:
        text = data.decode(charset)
    except LookupError:
        raise InputError(
            f"{name}: unknown charset '{charset}' (in Content-Type of the {label} part)",
            kind="bad-encoding",
        ) from None
    except UnicodeDecodeError as exc:
        said = f"its declared charset {charset}" if declared else "UTF-8 (no charset declared)"
        raise InputError(
            f"{name}: the {label} part is not valid in {said} at byte {exc.start}",
            kind="bad-encoding",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def message_parts(data: bytes, name: str) -> list[MailPart]:
    """The writer's text in each body alternative of a raw message, ``text/plain`` first.

    Alternatives whose text is empty once the quotes are cut are left out.

    Raises:
        InputError: ``binary``, ``bad-email`` (no headers, no text part, unparsable, a payload that
            does not decode), ``bad-encoding`` (an unknown or wrong charset) or ``empty``.
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
        bodies = (
            message.get_body(preferencelist=("plain",)),
            message.get_body(preferencelist=("html",)),
        )
    except Exception as exc:  # the email package trips on some malformed MIME trees (issue 16)
        raise InputError(f"{name}: malformed MIME structure ({exc!r})", kind="bad-email") from None
    found = [part for part in bodies if part is not None]
    if not found:
        raise InputError(
            f"{name}: the message has no text/plain or text/html body", kind="bad-email"
        )
    parts = []
    for part in found:
        label = part.get_content_type()
        content = _decoded(part, label, name)
        if label == "text/html":
            content = html_to_text(content)
        elif str(part.get_param("format", "")).lower() == "flowed":
            content = unflow(content, str(part.get_param("delsp", "")).lower() == "yes")
        text = strip_quotes_and_signature(content)
        if text.strip():
            parts.append(MailPart(label, text))
    if not parts:
        raise InputError(f"{name}: the message body is empty", kind="empty")
    return parts
