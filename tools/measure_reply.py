"""Measure reply and signature stripping on tests/fixtures/mail: tonecheck's own rules against the
``mail-parser-reply`` package (``pip install mail-parser-reply``; not a dependency of tonecheck).

Each fixture NAME.eml has NAME.expected, the writer's own words. Both strippers get the same
input: the decoded body part tonecheck reads first (``text/plain`` when there is one, else the
HTML part's text). A message counts as right when the stripped text equals the expected one
(white space collapsed); a leak is a message whose result still holds the quoted interviewer's
words; a loss one whose result misses some of the writer's lines.

    python tools/measure_reply.py
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from pathlib import Path

from tonecheck.mail import MailPart, html_to_text, strip_quotes_and_signature, unflow

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "mail"
QUOTED_MARKERS = ("What salary", "Thanks for coming in")
LANGUAGES = ["en", "de", "fr", "es", "nl", "it", "pt"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def unstripped_body(raw: bytes) -> MailPart:
    """The decoded first body part, before any quote is cut."""
    import email
    from email import policy
    from email.message import EmailMessage

    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    part = message.get_body(preferencelist=("plain", "html"))
    assert part is not None
    content = str(part.get_content()).replace("\r\n", "\n")
    if part.get_content_subtype() == "html":
        return MailPart("text/html", html_to_text(content))
    if str(part.get_param("format", "")).lower() == "flowed":
        content = unflow(content, str(part.get_param("delsp", "")).lower() == "yes")
    return MailPart("text/plain", content)


def measure(name: str, strip: Callable[[str], str]) -> tuple[int, int, int, list[str]]:
    right = leaks = losses = 0
    wrong: list[str] = []
    for path in sorted(FIXTURES.glob("*.eml")):
        expected = path.with_suffix(".expected").read_text(encoding="utf-8")
        got = strip(unstripped_body(path.read_bytes()).text) or ""
        if _squash(got) == _squash(expected):
            right += 1
            continue
        wrong.append(path.stem)
        leaks += any(m in got for m in QUOTED_MARKERS)
        losses += any(_squash(line) not in _squash(got) for line in expected.splitlines())
    return right, leaks, losses, wrong


def main() -> int:
    total = len(list(FIXTURES.glob("*.eml")))
    strippers: list[tuple[str, Callable[[str], str]]] = [
        ("tonecheck (tonecheck.mail.reply)", strip_quotes_and_signature)
    ]
    try:
        package = importlib.import_module("mailparser_reply")  # optional, untyped
    except ImportError:
        print("mail-parser-reply is not installed: measuring tonecheck only", file=sys.stderr)
    else:
        parser = package.EmailReplyParser(languages=LANGUAGES)
        strippers.append(("mail-parser-reply", lambda text: parser.parse_reply(text) or ""))
    print(
        f"{total} messages in {FIXTURES.relative_to(Path.cwd()) if FIXTURES.is_relative_to(Path.cwd()) else FIXTURES}"
    )
    for name, strip in strippers:
        right, leaks, losses, wrong = measure(name, strip)
        print(
            f"{name}: right {right}/{total}, quoted words leaked in {leaks}, writer's lines lost in {losses}"
        )
        for stem in wrong:
            print(f"    wrong: {stem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
