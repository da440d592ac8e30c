"""``tonecheck serve``'s JSON API through Starlette's TestClient (an ASGI client: no socket at all):
the contract's document for a letter, uploads, rules, health, OpenAPI, and a 4xx with an error kind
for every kind of bad request, never a traceback."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # "install httpx2 instead": httpx is the one kept here
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from tonecheck.config import Settings
from tonecheck.linter import lint_text
from tonecheck.web.app import CSP, create_app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DRAFT = (EXAMPLES / "draft.txt").read_text(encoding="utf-8")
GOOD = (EXAMPLES / "good.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(create_app(Settings(max_bytes=50_000))) as c:
        yield c


def error_of(response: Any) -> dict[str, str]:
    body = response.json()
    assert set(body) == {"schema_version", "tonecheck_version", "error"}, body
    assert "Traceback" not in response.text
    return dict(body["error"])


def test_lint_answers_the_contract_document(client: TestClient) -> None:
    response = client.post("/api/lint", json={"text": DRAFT, "source": "draft.txt"})
    assert response.status_code == 200
    body = response.json()
    assert body["schema_version"] == 1 and body["text"] == DRAFT
    (result,) = body["results"]
    # the same RESULT as the library gives (and so as `tonecheck lint --format json`)
    assert result == lint_text(DRAFT, "draft.txt").to_dict()
    for finding in result["findings"]:
        assert DRAFT[finding["start"] : finding["end"]] == finding["match"]
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["cache-control"] == "no-store"


def test_plain_text_body_and_offsets_past_an_emoji(client: TestClient) -> None:
    text = "Thank you 😀 so much!!! This is my dream job."
    response = client.post(
        "/api/lint", content=text.encode(), headers={"content-type": "text/plain; charset=utf-8"}
    )
    assert response.status_code == 200
    result = response.json()["results"][0]
    dream = next(f for f in result["findings"] if f["code"] == "TC102")
    assert text[dream["start"] : dream["end"]] == "dream job"  # code points, as in Python


def test_settings_are_laid_over_the_servers(client: TestClient) -> None:
    text = "Thank you!!! This is my dream job."
    plain = client.post("/api/lint", json={"text": text}).json()["results"][0]
    assert {"TC201", "TC102"} <= {f["code"] for f in plain["findings"]}
    quiet = client.post("/api/lint", json={"text": text, "settings": {"ignore": ["TC2"]}})
    codes = {f["code"] for f in quiet.json()["results"][0]["findings"]}
    assert "TC102" in codes and not any(c.startswith("TC2") for c in codes)
    short = client.post("/api/lint", json={"text": text, "settings": {"min-words": 3}})
    assert short.json()["results"][0]["length"] == "ok"  # 7 words, fewer than the default 40


def test_uploads_text_email_and_docx(client: TestClient) -> None:
    import docx

    response = client.post("/api/lint", files={"file": ("good.txt", GOOD.encode())})
    assert response.status_code == 200
    assert response.json()["results"][0]["source"] == "good.txt"
    assert response.json()["text"] == GOOD

    document = docx.Document()
    for line in ("Dear Ms. Alvarez,", "Thank you for the interview. This is my dream job!!"):
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    response = client.post("/api/lint", files={"file": ("note.docx", data.getvalue())})
    assert response.status_code == 200
    body = response.json()
    assert (
        body["text"] == "Dear Ms. Alvarez,\n\nThank you for the interview. This is my dream job!!"
    )
    assert "TC102" in {f["code"] for f in body["results"][0]["findings"]}

    eml = (
        b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Thanks\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nThank you for the interview!!!\r\n"
    )
    response = client.post("/api/lint", files={"file": ("note.eml", eml)})
    assert response.status_code == 200
    assert response.json()["text"].strip() == "Thank you for the interview!!!"


@pytest.mark.parametrize(
    ("request_kwargs", "status", "kind"),
    [
        (
            {"content": b'{"text": ', "headers": {"content-type": "application/json"}},
            400,
            "bad-request",
        ),
        ({"json": ["a list"]}, 400, "bad-request"),
        ({"json": {"text": 42}}, 400, "bad-request"),
        ({"json": {"text": "hi", "colour": "red"}}, 400, "bad-request"),
        ({"json": {"text": "hi", "source": ""}}, 400, "bad-request"),
        ({"json": {"text": "hi", "settings": {"max_wrods": 10}}}, 422, "bad-config"),
        ({"json": {"text": "hi", "settings": {"max_words": "ten"}}}, 422, "bad-config"),
        ({"json": {"text": "hi", "settings": {"select": ["TC999"]}}}, 422, "bad-config"),
        ({"json": {"text": "hi", "settings": {"max_bytes": 10**9}}}, 422, "bad-config"),
        ({"json": {"text": "hi", "settings": "TC2"}}, 422, "bad-config"),
        ({"json": {"text": "   \n"}}, 422, "empty"),
        ({"json": {"text": "x" * 50_001}}, 413, "too-large"),
        ({"json": {"text": "é" * 30_000}}, 413, "too-large"),  # 60,000 bytes of UTF-8
        ({"content": b"x" * 60_000, "headers": {"content-type": "text/plain"}}, 413, "too-large"),
        (
            {"content": b"\xff\xfe\xfa", "headers": {"content-type": "text/plain"}},
            422,
            "bad-encoding",
        ),
        ({"content": b"PK\x00\x00\x01", "headers": {"content-type": "text/plain"}}, 415, "binary"),
        ({"content": b"hello", "headers": {"content-type": "image/png"}}, 415, "not-text"),
        ({"content": b"hello"}, 415, "not-text"),
        ({"files": {"file": ("cv.pdf", b"%PDF-1.4")}}, 415, "not-text"),
        ({"files": {"file": ("note.docx", b"not a zip")}}, 422, "bad-docx"),
        ({"files": {"file": ("note.txt", b"x" * 50_001)}}, 413, "too-large"),
        ({"files": {"upload": ("note.txt", b"hello")}}, 400, "bad-request"),
        ({"data": {"source": "x"}, "files": {"other": ("a.txt", b"")}}, 400, "bad-request"),
        (
            {
                "content": b"--b\r\nContent-Disposition: form-data; name=file\r\n\r\n",
                "headers": {"content-type": "multipart/form-data; boundary=b"},
            },
            400,
            "bad-request",
        ),
    ],
)
def test_bad_requests_get_a_4xx_and_an_error_kind(
    client: TestClient, request_kwargs: dict[str, Any], status: int, kind: str
) -> None:
    response = client.post("/api/lint", **request_kwargs)
    assert response.status_code == status, response.text
    error = error_of(response)
    assert error["kind"] == kind
    assert "\n" not in error["message"] and error["message"]


def test_unknown_paths_and_methods(client: TestClient) -> None:
    assert client.get("/api/nothing").status_code == 404
    assert error_of(client.get("/api/nothing"))["kind"] == "not-found"
    assert client.get("/api/lint").status_code == 405
    assert error_of(client.get("/api/lint"))["kind"] == "method-not-allowed"


def test_a_bug_is_a_json_500_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import tonecheck.web.app as web_app

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    app = create_app()
    monkeypatch.setattr(web_app, "lint_document", broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.post("/api/lint", json={"text": DRAFT})
    assert response.status_code == 500
    assert error_of(response) == {
        "kind": "internal-error",
        "message": "tonecheck failed on this request (RuntimeError('boom'))",
    }


def test_rules_health_and_openapi(client: TestClient) -> None:
    rules = client.get("/api/rules").json()["rules"]
    by_code = {r["code"]: r for r in rules}
    assert by_code["TC102"]["name"] == "stock-hyperbole"
    assert by_code["TC102"]["summary"].startswith("Flags set phrases that overstate")
    assert "## Why it matters" in by_code["TC102"]["doc"]
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["schema_version"] == 1
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "50,000 bytes" in spec["paths"]["/api/lint"]["post"]["description"]
    for path, methods in spec["paths"].items():
        for method in methods:
            assert client.request(method.upper(), path).status_code != 404, path


def test_the_page_and_its_locked_down_headers(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "connect-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert 'src="/static/page.js"' in page.text and "http" not in page.text.replace(
        'href="/openapi.json"', ""
    )
    script = client.get("/static/page.js")
    assert script.status_code == 200 and "innerHTML" not in script.text
    assert "content-security-policy" in script.headers


def test_only_loopback_host_names_are_answered(client: TestClient) -> None:
    # a page on another site that resolves its name to 127.0.0.1 (DNS rebinding) gets nothing
    assert client.get("/healthz", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/healthz", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/healthz", headers={"host": "localhost:8000"}).status_code == 200


def test_nothing_is_kept_between_requests(client: TestClient) -> None:
    first = client.post("/api/lint", json={"text": DRAFT}).json()
    second = client.post("/api/lint", json={"text": GOOD}).json()
    assert DRAFT not in json.dumps(second)
    assert first["results"][0]["findings"] != second["results"][0]["findings"]


def _result(source: str, text: str) -> dict[str, Any]:
    return lint_text(text, source).to_dict()


def test_the_report_view_reads_rows_and_loads_a_letter_on_demand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("letters").mkdir()
    Path("letters/a.txt").write_text(DRAFT, encoding="utf-8")
    Path("letters/b.txt").write_text(GOOD, encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(GOOD, encoding="utf-8")
    lines = [
        _result("letters/a.txt", DRAFT),
        _result("letters/b.txt", GOOD),
        _result(str(outside), GOOD),  # not under the working folder or the report's: not shown
        _result("letters/gone.txt", GOOD),
        {"source": "x.txt", "status": "error", "error": {"kind": "empty", "message": "x"}},
    ]
    report = Path("report.jsonl")
    report.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    with TestClient(create_app(report=report)) as c:
        body = c.get("/api/report/rows").json()
        assert body["summary"]["letters"] == 5 and body["summary"]["errors"] == 1
        first = body["rows"][0]
        assert first["source"] == "letters/a.txt" and "TC501" in first["codes"]
        assert set(first["elements"]) == {
            "thanks",
            "pleasure",
            "learned_detail",
            "continued_interest",
        }
        assert "findings" not in first  # the detail is not in the rows
        detail = c.get("/api/report/letters/0").json()
        assert detail["result"] == lines[0] and detail["text"] == DRAFT
        assert c.get("/api/report/letters/2").json()["text"] is None
        assert c.get("/api/report/letters/3").json()["text"] is None
        assert c.get("/api/report/letters/4").json()["result"]["status"] == "error"
        missing = c.get("/api/report/letters/9")
        assert missing.status_code == 404 and error_of(missing)["kind"] == "not-found"
        page = c.get("/report")
        assert page.status_code == 200 and 'src="/static/report.js"' in page.text


def test_serve_refuses_a_bad_report_or_port_in_one_line(tmp_path: Path) -> None:
    import socket

    from typer.testing import CliRunner

    from tonecheck.cli import app

    runner = CliRunner()
    bad = tmp_path / "report.jsonl"
    bad.write_text('{"source": "a.txt"}\nnot json\n', encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = str(probe.getsockname()[1])
    result = runner.invoke(app, ["serve", "--report", str(bad), "--port", free])
    assert result.exit_code == 2
    assert f"{bad}:2: not a tonecheck result" in result.stderr
    assert "Traceback" not in result.output
    html = tmp_path / "report.html"
    html.write_text("<p>", encoding="utf-8")
    result = runner.invoke(app, ["serve", "--report", str(html), "--port", free])
    assert result.exit_code == 2 and "needs a .jsonl batch report" in result.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"tonecheck: error: 127.0.0.1:{port}: the port is in use (try --port {port + 1})"
    )


def test_an_uploaded_email_has_every_body_alternative_checked(client: TestClient) -> None:
    """As `tonecheck lint` does: a pushy line only in the HTML part is found and named."""
    from test_mail import PUSHY_HTML_ONLY

    response = client.post("/api/lint", files={"file": ("two.eml", PUSHY_HTML_ONLY)})
    assert response.status_code == 200
    (result,) = response.json()["results"]
    assert result["parts"] == ["text/plain", "text/html"]
    assert [f["part"] for f in result["findings"] if f["code"] == "TC501"] == ["text/html"]
