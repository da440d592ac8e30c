"""The ``.html`` batch report: highlighting, the page's structure and self-containment, and the
page itself in real headless chromium (the sortable table, the Content-Security-Policy)."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tonecheck.findings import Driver, Finding, Report, Severity, Stats, ToneResult
from tonecheck.report.html import HtmlWriter, highlight, histogram_svg
from tonecheck.summary import BatchSummary

TEXT = "Dear Ana,\nThis is my dream job!! <script>alert(1)</script> & more."


def finding(start: int, end: int, code: str, severity: Severity, category: str) -> Finding:
    return Finding(start, end, code, code.lower(), category, severity, f"{code} message.")


def letter(source: str, score: float | None, tone: str = "cool_cordial") -> Report:
    dream = TEXT.index("dream job")
    bang = TEXT.index("!!")
    findings = (
        finding(0, 0, "TC404", Severity.SUGGESTION, "missing-element"),
        finding(dream, dream + 9, "TC102", Severity.WARNING, "hyperbole"),
        finding(dream + 6, bang + 2, "TC503", Severity.ERROR, "risk"),  # overlaps the one above
    )
    return Report(
        source=source,
        findings=findings,
        elements={
            "thanks": False,
            "pleasure": False,
            "learned_detail": True,
            "continued_interest": True,
        },
        length="too_short",
        stats=Stats(words=12, sentences=2, paragraphs=1, reading_grade=3.0),
        tone=None
        if score is None
        else ToneResult(
            score=score,
            tone=tone,
            probabilities={tone: 0.9},
            drivers=(Driver("hype", 1.0, tone, "hyperbole"),),
        ),
        text=TEXT,
    )


def render(reports: list[Report]) -> str:
    out = io.StringIO()
    writer = HtmlWriter(out)
    summary = BatchSummary()
    for report in reports:
        writer.write(report)
        summary.add(report)
    writer.finish(summary)
    return out.getvalue()


REPORTS = [
    letter("b.txt", 40.0, "pushy"),
    Report.failed("broken.eml", "bad-email", "broken.eml: not an e-mail message"),
    letter("a.txt", 95.5),
    letter("c.txt", 7.0, "effusive"),
    letter("unscored.txt", None),
]


def test_highlight_overlaps_and_escaping() -> None:
    html = highlight(TEXT, letter("x", 50.0).findings, 3)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in html
    # "dream " only TC102 (warning); "job" both (error wins); "!!" only TC503 (error).
    assert (
        '<mark class="sev-warning cat-hyperbole" title="TC102 tc102 (warning): TC102 message.">dream </mark>'
        in html
    )
    assert '<mark class="sev-error cat-hyperbole cat-risk"' in html and ">job</mark>" in html
    assert (
        '<mark class="sev-error cat-risk" title="TC503 tc503 (error): TC503 message.">!!</mark>'
        in html
    )
    assert 'id="f-3-1"' in html and 'id="f-3-2"' in html and 'id="f-3-0"' not in html  # no span
    assert (
        re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        == TEXT
    )  # the letter, unchanged, in order


def test_page_structure() -> None:
    page = render(REPORTS)
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    for source in ("a.txt", "b.txt", "c.txt", "broken.eml", "unscored.txt"):
        assert f'<a href="#letter-{[r.source for r in REPORTS].index(source)}">{source}</a>' in page
    assert "could not analyse (bad-email): broken.eml: not an e-mail message" in page
    assert "reads pushy mainly because of: hyperbole" in page
    assert "missing: thanks, pleasure" in page
    assert "<dt>mean score</dt><dd>47.5</dd>" in page  # (40 + 95.5 + 7) / 3
    assert page.count("<svg") == 1 and "score 90–100: 1 letter(s)" in page
    assert page.count('<tr data-index="') == 5


def test_without_scores() -> None:
    page = render([letter("a.txt", None)])
    assert "<svg" not in page and "the tone classifier is not installed" in page
    assert "n/a" in page


def test_self_contained_and_locked_down() -> None:
    page = render(REPORTS)
    assert not re.search(r"(src|href|action)=\"(?!#)", page)  # only in-page links
    assert "url(" not in page and "@import" not in page and not re.search(r"https?:", page)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None and "default-src 'none'" in csp.group(1)
    for tag in ("script", "style"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        assert body is not None
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp.group(1)


def test_filters_and_a_column_per_element() -> None:
    page = render(REPORTS)
    for ident in ("f-search", "f-tone", "f-length", "f-missing", "f-code"):
        assert f'id="{ident}"' in page
    assert '<option value="TC102">TC102</option>' in page  # a rule code that occurs
    assert '<option value="TC101">' not in page  # one that does not
    for column in ("col-thanks", "col-pleasure", "col-learned_detail", "col-continued_interest"):
        assert f'<th id="{column}"' in page
    row = re.search(r'<tr data-index="2"[^>]*>', page)
    assert row is not None
    assert 'data-tone="cool_cordial"' in row.group(0)
    assert 'data-missing="thanks pleasure"' in row.group(0)
    assert 'data-codes="TC102 TC404 TC503"' in row.group(0)
    failed = re.search(r'<tr data-index="1"[^>]*>', page)
    assert failed is not None and 'data-tone="(error)"' in failed.group(0)
    assert '<td data-sort="0" class="el-missing">✗</td>' in page
    assert "@media print" in page and "break-before: page" in page


def test_histogram_bins() -> None:
    svg = histogram_svg([0, 3, 0, 0, 0, 0, 0, 0, 0, 6])
    assert svg.count("<rect") == 10
    assert ">3</text>" in svg and ">6</text>" in svg


# -- in a real browser --------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def dump_dom(page: Path, fragment: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_sorting_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(REPORTS), encoding="utf-8")
    done = dump_dom(page, "#selftest", tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    body = re.search(r"<body([^>]*)>", done.stdout)
    assert body is not None, done.stdout[:2000]
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1)))
    # Indexes in input order: b 40, broken -, a 95.5, c 7, unscored -. Empty scores stay last,
    # in input order, whichever way the column is sorted.
    assert attrs["data-selftest-asc"] == "3,0,2,1,4"
    assert attrs["data-selftest-desc"] == "2,0,3,1,4"
    assert attrs["data-selftest-filtered"] == "2"  # tone cool_cordial, after the sort
    assert 'aria-sort="descending"' in done.stdout
    assert "Refused to" not in done.stderr and "Content Security Policy" not in done.stderr

    plain = dump_dom(page, "", tmp_path / "profile")
    assert plain.returncode == 0
    assert "<body>" in plain.stdout  # the self-test runs only when asked
    assert plain.stdout.count("<mark ") == 4 * 3  # four letters, three marked pieces each
