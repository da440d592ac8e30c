"""What tonecheck reads in an e-mail (issue 15): the writer's own words of every body alternative.

``tests/fixtures/mail`` holds messages made by the conventions of Outlook (desktop, web, the new
Outlook, Mac and iOS; HTML and plain, with and without a separator, in five languages), Gmail and
Apple Mail ("On ... wrote:" in seven languages), iPhone, Android, Yahoo, mutt and Thunderbird,
forwards and signatures; NAME.expected is the body the recipient's correspondent wrote. In every one the quoted
interviewer writes "We need your answer by Friday. What salary are you expecting?", which must
never produce a finding.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tonecheck.cli import app
from tonecheck.errors import InputError
from tonecheck.sources import email_parts, read_source

MAIL = Path(__file__).parent / "fixtures" / "mail"
MESSAGES = sorted(MAIL.glob("*.eml"))
HEAD = "From: Ana <ana@example.org>\nTo: Dana <dana@example.com>\nSubject: Thank you\n"
LETTER = (
    "Dear Ms. Reyes,\n\nThank you for taking the time to speak with me on Tuesday. I enjoyed "
    "hearing about the plan to move the Reno warehouse onto the new routing software, and I "
    "remain very interested in the role.\n\nBest regards,\nAna Lima"
)


def expected(path: Path) -> str:
    return path.with_suffix(".expected").read_text(encoding="utf-8").removesuffix("\n")


def lint_json(*paths: Path) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(app, ["lint", "-f", "json", *map(str, paths)])
    return result.exit_code, json.loads(result.stdout)["results"]


def test_there_are_enough_varied_messages() -> None:
    assert len(MESSAGES) >= 20
    clients = {p.stem.split("-")[0] for p in MESSAGES}
    assert {"outlook", "gmail", "apple", "iphone", "android", "mutt", "thunderbird"} <= clients


@pytest.mark.parametrize("path", MESSAGES, ids=lambda p: p.stem)
def test_every_alternative_is_the_writers_words(path: Path) -> None:
    source = read_source(path)
    assert source.text == expected(path)
    for other in source.alternatives:
        assert other.text == expected(path), other.label


def test_quoted_text_never_produces_a_finding() -> None:
    status, results = lint_json(*MESSAGES)
    assert status == 0
    for path, result in zip(MESSAGES, results, strict=True):
        assert result["status"] == "ok", path
        findings = result["findings"]
        assert isinstance(findings, list)
        assert not [f for f in findings if f["severity"] == "error"], path
        assert not [f for f in findings if f["category"] == "risk"], path
        body = expected(path)
        for finding in findings:  # offsets stay exact into the extracted body
            assert body[finding["start"] : finding["end"]] == finding["match"]
            assert finding["part"] in ("text/plain", "text/html")


def test_pasted_thread_under_a_plain_text_letter_is_cut(tmp_path: Path) -> None:
    quoted = (
        "\n\nFrom: Dana Reyes <dana@example.com>\nSent: Tuesday, March 3, 2026 4:12 PM\n"
        "To: Ana Lima\nSubject: Interview\n\nWe need your answer by Friday. What salary are you "
        "expecting?\n"
    )
    path = tmp_path / "pasted.txt"
    path.write_text(LETTER + quoted, encoding="utf-8")
    assert read_source(path).text == LETTER + "\n\n"  # a prefix: offsets are the file's
    status, (result,) = lint_json(path)
    assert status == 0
    assert not [f for f in result["findings"] if f["category"] == "risk"]  # type: ignore[union-attr]
    headers_first = tmp_path / "headers.txt"  # a header block before the letter is not a quote
    headers_first.write_text(quoted.strip() + "\n\n" + LETTER, encoding="utf-8")
    assert read_source(headers_first).text == quoted.strip() + "\n\n" + LETTER


def two_parts(plain: str, html: str) -> bytes:
    return (
        HEAD + 'MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b"\n\n'
        "--b\nContent-Type: text/plain; charset=utf-8\n\n" + plain + "\n--b\n"
        "Content-Type: text/html; charset=utf-8\n\n" + html + "\n--b--\n"
    ).encode()


PUSHY_HTML_ONLY = two_parts(
    LETTER,
    "<p>"
    + LETTER.replace("\n\n", "</p><p>").replace("role.", "role. I need an answer by Friday.")
    + "</p>",
)


def test_html_alternative_is_checked_and_named(tmp_path: Path) -> None:
    path = tmp_path / "two.eml"
    path.write_bytes(PUSHY_HTML_ONLY)
    status, (result,) = lint_json(path)
    assert status == 1
    assert result["parts"] == ["text/plain", "text/html"]
    (finding,) = [f for f in result["findings"] if f["code"] == "TC501"]  # type: ignore[union-attr]
    assert finding["part"] == "text/html"
    html_text = email_parts(PUSHY_HTML_ONLY, "two.eml")[1].text
    assert html_text[finding["start"] : finding["end"]] == finding["match"]
    text = CliRunner().invoke(app, ["lint", str(path)]).stdout
    assert "TC501 error" in text and "(in the text/html part)" in text
    assert "read: the text/plain and the text/html parts" in text


def test_same_words_in_both_parts_are_reported_once(tmp_path: Path) -> None:
    pushy = LETTER.replace("role.", "role. I need an answer by Friday.")
    path = tmp_path / "same.eml"
    path.write_bytes(two_parts(pushy, "<p>" + pushy.replace("\n\n", "</p><p>") + "</p>"))
    _, (result,) = lint_json(path)
    codes = [(f["code"], f["part"]) for f in result["findings"]]  # type: ignore[union-attr]
    assert codes.count(("TC501", "text/plain")) == 1
    assert ("TC501", "text/html") not in codes


def test_non_mail_results_have_no_part_keys(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER + " I need an answer by Friday.", encoding="utf-8")
    _, (result,) = lint_json(path)
    assert "parts" not in result
    assert all("part" not in f for f in result["findings"])  # type: ignore[union-attr]


def test_presend_holds_a_message_pushy_only_in_its_html(tmp_path: Path) -> None:
    sendmail = tmp_path / "fake-sendmail"
    sendmail.write_text('#!/bin/sh\ncat > "$(dirname "$0")/sent.eml"\n', encoding="utf-8")
    sendmail.chmod(0o755)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tonecheck",
            "presend",
            "--hold-dir",
            str(tmp_path / "held"),
            "--",
            str(sendmail),
        ],
        input=PUSHY_HTML_ONLY,
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert not (tmp_path / "sent.eml").exists()
    (held,) = (tmp_path / "held").glob("*.eml")  # beside it, its record (tonecheck held)
    assert held.read_bytes() == PUSHY_HTML_ONLY


def single(body: bytes, head: str) -> bytes:
    return (HEAD + "MIME-Version: 1.0\n" + head + "\n").encode() + body


@pytest.mark.parametrize(
    ("raw", "kind", "says"),
    [
        (
            single(
                b"Thank you!!! not base64 at all\n",
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n",
            ),
            "bad-email",
            "declared base64",
        ),
        (
            single(
                b"Thank you =ZZ for the =\n",
                "Content-Type: text/plain; charset=utf-8\n"
                "Content-Transfer-Encoding: quoted-printable\n",
            ),
            "bad-email",
            "declared quoted-printable",
        ),
        (
            single(
                "Merci, café.\n".encode("latin-1"),
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n",
            ),
            "bad-encoding",
            "not valid in its declared charset utf-8",
        ),
        (
            single("Merci, café.\n".encode("latin-1"), "Content-Transfer-Encoding: 8bit\n"),
            "bad-encoding",
            "UTF-8 (no charset declared)",
        ),
        (
            single(b"Hello\n", "Content-Type: text/plain; charset=no-such-charset\n"),
            "bad-encoding",
            "unknown charset 'no-such-charset'",
        ),
        (
            single(
                base64.b64encode("Merci, café.".encode("latin-1")) + b"\n",
                "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: base64\n",
            ),
            "bad-encoding",
            "us-ascii",
        ),
    ],
    ids=["bad-base64", "bad-qp", "wrong-charset", "undeclared-not-utf8", "unknown", "b64-ascii"],
)
def test_undecodable_parts_are_one_line_errors(
    tmp_path: Path, raw: bytes, kind: str, says: str
) -> None:
    with pytest.raises(InputError) as caught:
        email_parts(raw, "m.eml")
    assert caught.value.kind == kind
    assert says in caught.value.message and "\n" not in caught.value.message
    path = tmp_path / "m.eml"
    path.write_bytes(raw)
    result = CliRunner().invoke(app, ["lint", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_good_encodings_still_read() -> None:
    qp = single(
        b"Thank you for the interview. Caf=C3=A9 =\nplans.\n",
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n",
    )
    assert email_parts(qp, "m")[0].text == "Thank you for the interview. Café plans."
    b64 = single(
        base64.encodebytes("Thank you, café.".encode()),
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n",
    )
    assert email_parts(b64, "m")[0].text == "Thank you, café."


def test_presend_holds_an_unfilled_template() -> None:
    from tonecheck.presend import Reason, decide

    template = (HEAD + "Content-Type: text/plain; charset=utf-8\n\n").encode() + (
        b"Dear [Interviewer Name],\n\nThank you for the interview for the [Position Title] role. "
        b"I enjoyed learning about [specific topic you discussed], and I remain very interested."
        b"\n\nBest regards,\n[Your Name]\n"
    )
    decision = decide(template)
    assert decision.reason is Reason.BLOCKED and not decision.send
    assert decision.verdict.report is not None
    assert {f.code for f in decision.verdict.report.findings} >= {"TC701"}
    filled = template.replace(b"[Interviewer Name]", b"Ms. Reyes")
    filled = filled.replace(b"[Position Title]", b"analyst").replace(b"[Your Name]", b"Ana")
    filled = filled.replace(b"[specific topic you discussed]", b"the Reno routing project")
    assert decide(filled).reason is Reason.PASSED


@pytest.mark.parametrize(
    "name",
    ["outlook-plain-noseparator", "outlook-desktop-html", "outlook-web-html", "iphone-plain"],
)
def test_presend_sends_a_good_reply_whose_quote_is_pushy(name: str) -> None:
    from tonecheck.presend import Reason, decide

    decision = decide((MAIL / f"{name}.eml").read_bytes())
    assert decision.reason is Reason.PASSED, decision.verdict
    assert decision.verdict.report is not None
    assert not [f for f in decision.verdict.report.findings if f.category == "risk"]
