"""The readable text of an HTML mail body, without the quoted message (the standard library's
``html.parser``).

Block elements become line breaks (``<p>`` a blank line, ``<div>`` one line break); scripts, styles
and quotes are dropped: ``<blockquote>`` (Apple Mail, Thunderbird, Gmail), the quote and signature
classes of Gmail, Thunderbird, Yahoo and Proton Mail. Outlook marks no quote: its reply header
("From: ... Sent: ...") sits in a ``<div>`` with a top border (desktop) or ``divRplyFwdMsg`` (on the
web, ``mail-editor-reference-message-container`` in the new Outlook, ``OLK_SRC_BODY_SECTION`` on a
Mac), so everything from there on is dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP_HTML = {"script", "style", "head", "title", "blockquote", "template"}
_VOID_HTML = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source"}
_PARAGRAPH_HTML = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre", "hr"}
_LINE_HTML = {"div", "li", "tr", "section", "article", "header", "footer", "address", "dd", "dt"}
# Class names mail clients give the quoted part of a reply, or the signature.
_QUOTE_CLASSES = {
    "gmail_quote",
    "gmail_signature",
    "moz-cite-prefix",
    "moz-signature",
    "yahoo_quoted",
    "protonmail_quote",
    "protonmail_signature_block",
}
# Where Outlook's quoted message starts: everything from here on is not the writer's.
_OUTLOOK_IDS = {
    "divrplyfwdmsg",  # Outlook on the web
    "x_divrplyfwdmsg",
    "appendonsend",
    "stopspelling",
    "mail-editor-reference-message-container",  # the new Outlook
    "olk_src_body_section",  # Outlook for Mac
}
_OUTLOOK_CLASSES = {"outlookmessageheader"}
_BORDER_TOP_RE = re.compile(r"border-top\s*:[^;\"]*\bsolid\b", re.IGNORECASE)
_LINE_MARK, _PARAGRAPH_MARK = "\x01", "\x02"
_MARKS_RE = re.compile(r"[ \t]*[\x01\x02][\x01\x02 \t]*")


def _starts_outlook_quote(tag: str, attrs: dict[str, str]) -> bool:
    if attrs.get("id", "").lower() in _OUTLOOK_IDS:
        return True
    if {c.lower() for c in attrs.get("class", "").split()} & _OUTLOOK_CLASSES:
        return True
    return tag == "div" and bool(_BORDER_TOP_RE.search(attrs.get("style", "")))


class _HtmlText(HTMLParser):
    """The visible text of an HTML body, block elements turned into line breaks, quotes dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._pre = 0
        self._done = False  # Outlook's quoted message has started

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        values = {k: v or "" for k, v in attrs}
        if _starts_outlook_quote(tag, values):
            self._done = True
            return
        classes = set(values.get("class", "").split())
        if tag in _SKIP_HTML or classes & _QUOTE_CLASSES:
            if tag not in _VOID_HTML:
                self._skip_tag, self._skip_depth = tag, 1
            return
        self._block(tag)
        if tag == "pre":
            self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is None and not self._done:
            if _starts_outlook_quote(tag, {k: v or "" for k, v in attrs}):
                self._done = True
                return
            self._block(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._done:
            return
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
        if self._skip_tag is None and not self._done:
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

        joined = _MARKS_RE.sub(resolve, "".join(self.parts)).replace("\xa0", " ")
        lines = [line.strip(" \t") for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def html_to_text(html: str) -> str:
    """The readable text of an HTML mail body, the quoted message left out."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return parser.text()
