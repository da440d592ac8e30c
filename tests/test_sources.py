"""Reading inputs: encodings, e-mail extraction, .docx, standard input, and every kind of bad input."""

from __future__ import annotations

import codecs
import io
import os
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tonecheck.cli import app
from tonecheck.errors import InputError
from tonecheck.sources import (
    decode,
    docx_text,
    email_body,
    html_to_text,
    read_bytes,
    read_source,
    read_stdin_bytes,
    strip_quotes_and_signature,
)

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
EXAMPLES = Path(__file__).parent.parent / "examples"
LETTER = (EXAMPLES / "good.txt").read_text(encoding="utf-8")


def kind_of(call: object, *args: object) -> str:
    """The kind of the InputError that ``call(*args)`` raises."""
    with pytest.raises(InputError) as info:
        call(*args)  # type: ignore[operator]
    assert "\n" not in info.value.message
    return info.value.kind


def make_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_email(body: str, subtype: str = "plain", charset: str = "utf-8") -> bytes:
    message = EmailMessage()
    message["From"] = "jordan@example.com"
    message["To"] = "ana@example.org"
    message["Subject"] = "Thank you"
    message.set_content(body, subtype=subtype, charset=charset)
    return bytes(message)


# -- plain text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        (b"Dear Ana,\r\nThank you.\r\n", "Dear Ana,\r\nThank you.\r\n"),
        (codecs.BOM_UTF8 + "Café, merci.".encode(), "Café, merci."),
        (codecs.BOM_UTF16_LE + "Café, merci.".encode("utf-16-le"), "Café, merci."),
        (codecs.BOM_UTF16_BE + "Café, merci.".encode("utf-16-be"), "Café, merci."),
    ],
)
def test_text_is_decoded_exactly_as_read(tmp_path: Path, encoded: bytes, expected: str) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(encoded)
    assert read_source(path).text == expected  # no stripping: offsets index the file's text


@given(st.text(alphabet=st.characters(min_codepoint=32, exclude_categories=("Cs",)), min_size=1))
def test_utf8_and_utf16_round_trip(text: str) -> None:
    if not text.strip():
        return
    for data in (
        text.encode(),
        codecs.BOM_UTF8 + text.encode(),
        codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    ):
        assert decode(data, "x") == text


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (codecs.BOM_UTF8 + b"\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 4, "binary"),
        ("Café".encode("latin-1"), "bad-encoding"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "bad-encoding"),
    ],
)
def test_bad_text(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(data)
    assert kind_of(read_source, path) == kind


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300)
    assert read_source(path, max_bytes=1500).text.startswith("word")
    assert kind_of(read_source, path, 1499) == "too-large"


def test_missing_folder_and_unsupported(tmp_path: Path) -> None:
    assert kind_of(read_source, tmp_path / "nope.txt") == "not-found"
    (tmp_path / "dir.txt").mkdir()
    assert kind_of(read_source, tmp_path / "dir.txt") == "not-text"
    (tmp_path / "cv.pdf").write_bytes(b"%PDF-1.7")
    assert kind_of(read_source, tmp_path / "cv.pdf") == "not-text"
    with pytest.raises(InputError, match=r"save it as \.docx"):
        read_source(tmp_path / "old.doc")  # refused by its name, before any I/O


def test_symlinks(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert kind_of(read_source, tmp_path / "a.txt") == "symlink-loop"
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="broken symbolic link") as info:
        read_source(tmp_path / "dangling.txt")
    assert info.value.kind == "not-found"
    (tmp_path / "real.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert read_source(tmp_path / "link.txt").text == LETTER


def test_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(LETTER, encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        assert kind_of(read_source, path) == "unreadable"
    finally:
        path.chmod(0o644)


def test_permission_denied_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(LETTER, encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tonecheck.sources.os.open", denied)
    assert kind_of(read_source, path) == "unreadable"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_reported_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert kind_of(read_bytes, fifo) == "not-text"


def test_reading_never_modifies(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    before = path.stat()
    read_source(path)
    after = path.stat()
    assert (after.st_mtime, after.st_size, after.st_mode) == (
        before.st_mtime,
        before.st_size,
        before.st_mode,
    )


def test_stdin_bytes() -> None:
    assert read_stdin_bytes(LETTER.encode()).text == LETTER
    assert read_stdin_bytes(LETTER.encode()).name == "<stdin>"
    assert kind_of(read_stdin_bytes, b"x" * 11, 10) == "too-large"
    assert kind_of(read_stdin_bytes, b"\n") == "empty"


def test_lint_reads_standard_input() -> None:
    result = CliRunner().invoke(app, ["lint", "-f", "json", "-"], input=LETTER.encode())
    assert result.exit_code in (0, 1), result.output
    assert '"source": "<stdin>"' in result.stdout


# -- e-mail -------------------------------------------------------------------------------------------


def test_reply_drops_quotes_attribution_and_signature() -> None:
    text = read_source(FIXTURES / "reply-plain.eml").text
    assert text.startswith("Dear Ms. Alvarez,\n\nThank you for meeting with me yesterday.")
    assert text.endswith("Best regards,\nJordan Lee")
    for gone in ("> Dear Jordan", "wrote:", "On Mon", "best interview ever", "Dream job", "555"):
        assert gone not in text


def test_html_only_body() -> None:
    text = read_source(FIXTURES / "html-only.eml").text
    assert text == (
        "Dear Ms. Alvarez,\n\n"
        "Thank you for the interview. It was a pleasure to meet the café team & you.\n\n"
        "Best regards,\nJordan"
    )


def test_plain_part_preferred_flowed_unwrapped_attachment_ignored() -> None:
    text = read_source(FIXTURES / "multipart-alternative.eml").text
    assert "I enjoyed learning about the plan to move the Reno warehouse" in text  # unflowed
    assert "HTML version" not in text
    assert "attachment" not in text


def test_email_offsets_index_the_extracted_body() -> None:
    from tonecheck.linter import lint_text

    source = read_source(FIXTURES / "reply-plain.eml")
    report = lint_text(source.text + "\nThis is my dream job!!!", source.name)
    assert report.findings
    for finding in report.findings:
        assert report.text is not None
        assert report.text[finding.start : finding.end] == finding.match


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Thanks.\n> quoted\n>> deeper\nMore.", "Thanks.\nMore."),
        ("Thanks.\n\nOn Mon, 2 Mar 2026, Ana wrote:\n> hi\n", "Thanks."),
        ("Thanks.\nOn Mon, 2 Mar 2026 at 09:12, Ana Alvarez\n<ana@x.org>\nwrote:\n> hi", "Thanks."),
        ("Thanks.\n-- \nJordan | 555", "Thanks."),
        ("Thanks.\n--\nJordan | 555", "Thanks."),
        ("Thanks.\n\n-----Original Message-----\nFrom: Ana\nHello", "Thanks."),
        ("Thanks.\n________________________________\nFrom: Ana\nSent: Monday", "Thanks."),
        (
            "On Monday we discussed the Reno plan.\nThanks.",
            "On Monday we discussed the Reno plan.\nThanks.",
        ),
        ("A -- dash inside a line stays.", "A -- dash inside a line stays."),
    ],
)
def test_strip_quotes_and_signature(body: str, expected: str) -> None:
    assert strip_quotes_and_signature(body) == expected


@given(st.lists(st.text(alphabet="ab >-\t", max_size=8), max_size=12))
def test_no_quoted_line_survives(lines: list[str]) -> None:
    kept = strip_quotes_and_signature("\n".join(lines)).split("\n")
    assert not any(line.startswith(">") for line in kept)


def test_html_to_text() -> None:
    html = (
        "<p>Dear Ana,</p><p>Thank <b>you</b>   so\nmuch.<br>New line</p>"
        "<blockquote>quoted <blockquote>deeper</blockquote> still quoted</blockquote>"
        "<ul><li>one</li><li>two</li></ul><pre>  kept   spacing</pre><p>&lt;3 &amp; bye</p>"
    )
    assert html_to_text(html) == (
        "Dear Ana,\n\nThank you so much.\nNew line\n\none\ntwo\n\nkept   spacing\n\n<3 & bye"
    )


def test_email_charsets() -> None:
    assert email_body(make_email("Merci, café.", charset="latin-1"), "m") == "Merci, café."
    raw = b"Subject: x\nContent-Type: text/plain; charset=no-such-charset\n\nHello there\n"
    assert kind_of(email_body, raw, "m") == "bad-encoding"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"Dear Ana,\n\nThank you for the interview.\n", "bad-email"),  # no header at all
        (b"Subject: x\nContent-Type: application/pdf\n\n%PDF-1.7\n", "bad-email"),
        (b"Subject: x\nContent-Type: multipart/mixed; boundary=zz\n\nno parts\n", "bad-email"),
        (b"Subject: x\n\n\n\n", "empty"),
        (b"Subject: x\n\n> only a quote\n-- \nsig\n", "empty"),
        (b"Subject: \x00\x01\x02\x00binary", "binary"),
        (b"", "empty"),
    ],
)
def test_bad_email(tmp_path: Path, raw: bytes, kind: str) -> None:
    path = tmp_path / "message.eml"
    path.write_bytes(raw)
    assert kind_of(read_source, path) == kind


# -- Word ---------------------------------------------------------------------------------------------


def test_docx_paragraphs_joined_by_newline(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(make_docx(["Dear Ms. Alvarez,", "", "Thank you for the interview."]))
    assert read_source(path).text == "Dear Ms. Alvarez,\n\nThank you for the interview."


def test_bad_docx(tmp_path: Path) -> None:
    assert kind_of(docx_text, b"not a zip at all", "a.docx") == "bad-docx"
    assert kind_of(docx_text, make_docx(["Hello"])[:500], "cut.docx") == "bad-docx"
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "a zip, but not a Word document")
    assert kind_of(docx_text, other.getvalue(), "zip.docx") == "bad-docx"
    assert kind_of(docx_text, make_docx(["", "  "]), "blank.docx") == "empty"


def test_docx_zip_bomb_is_refused() -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 60_000_000)  # past 50 x the 1 MB floor
    assert len(bomb.getvalue()) < 100_000
    assert kind_of(docx_text, bomb.getvalue(), "bomb.docx", 10_000) == "too-large"


def test_lint_reads_eml_and_docx(tmp_path: Path) -> None:
    (tmp_path / "letter.docx").write_bytes(make_docx(LETTER.split("\n")))
    result = CliRunner().invoke(
        app,
        ["lint", "-f", "json", str(FIXTURES / "reply-plain.eml"), str(tmp_path / "letter.docx")],
    )
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.count('"status": "ok"') == 2


def test_reads_exactly_the_file_whatever_its_reported_size(tmp_path: Path) -> None:
    """The file is read in one call of its own size, not into a max_bytes buffer; a file whose
    size is not reported (under /proc) is still read whole, and the limit still holds."""
    from tonecheck.sources import read_bytes

    letter = tmp_path / "letter.txt"
    letter.write_bytes(b"Dear Ms. Park,\n" * 1000)
    assert read_bytes(letter) == letter.read_bytes()
    status = Path("/proc/self/status")
    if status.exists():
        assert read_bytes(status).startswith(b"Name:")
    with pytest.raises(InputError, match="too large"):
        read_bytes(letter, max_bytes=100)
