"""The draft page (and the coach's report) in real headless Chromium, driven by Selenium.

The server is ``tonecheck serve``'s app on uvicorn on a loopback port; the browser is Debian's
``chromium`` and ``chromium-driver`` (``.ci/run`` installs both). Selenium is given that
chromedriver explicitly, so Selenium Manager never runs (it would reach the network to look for
drivers), and its statistics are off (``SE_AVOID_STATS``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").is_file() else None
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="chromium and chromium-driver are not installed (apt-get install chromium "
        "chromium-driver)",
    ),
]

GUSHING = (
    "Hi Dana,\n\nOMG this is my dream job!!! I am SO excited and honestly thrilled, the team is "
    "absolutely incredible. "
)
CALMER = (
    "Thank you for taking the time to meet with me on Tuesday. It was a pleasure to meet you. "
    "I enjoyed learning about the plan to move the Reno warehouse onto the new routing "
    "software in March. I remain very interested in the position.\n\nBest regards,\nSam"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from tonecheck.config import Settings
    from tonecheck.web.app import create_app

    folder = tmp_path_factory.mktemp("report")
    report = make_report(folder)
    app = create_app(Settings(), report=report)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def make_report(folder: Path) -> Path:
    """A small .jsonl report written by `tonecheck batch` over four letters (one unreadable)."""
    from typer.testing import CliRunner

    from tonecheck.cli import app

    letters = folder / "letters"
    letters.mkdir()
    (letters / "a-gushing.txt").write_text(GUSHING, encoding="utf-8")
    (letters / "b-calm.txt").write_text(CALMER, encoding="utf-8")
    (letters / "c-pushy.txt").write_text(
        "Thank you for the interview. I need an answer by Friday because I have another offer. "
        "<script>alert(1)</script>",
        encoding="utf-8",
    )
    (letters / "d-empty.txt").write_text("", encoding="utf-8")
    out = folder / "report.jsonl"
    old = Path.cwd()
    os.chdir(folder)
    try:
        CliRunner().invoke(app, ["batch", "letters", "--output", str(out), "--jobs", "1"])
    finally:
        os.chdir(old)
    assert out.is_file()
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_AVOID_STATS"] = "true"
    options = webdriver.ChromeOptions()
    assert CHROMIUM is not None and CHROMEDRIVER is not None
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('profile')}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def wait_for(condition: Any, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def checks(driver: Any) -> int:
    return int(driver.find_element("tag name", "body").get_attribute("data-checked"))


def open_page(driver: Any, url: str) -> Any:
    driver.get(url + "/")
    driver.execute_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return driver.find_element("id", "draft")


def typed(driver: Any, draft: Any, text: str) -> int:
    before = checks(driver)
    draft.send_keys(text)
    wait_for(lambda: checks(driver) > before)
    # the last check is of the whole text (a check started mid-typing is dropped when a newer one starts)
    wait_for(
        lambda: (
            driver.execute_script("return document.getElementById('status').textContent")
            == "Checked."
        )
    )
    return checks(driver)


def state(driver: Any) -> dict[str, Any]:
    script = """
    const marks = [...document.querySelectorAll('#marked mark')];
    return {
      marks: marks.map(m => [m.className, m.textContent]),
      checklist: Object.fromEntries([...document.querySelectorAll('#checklist li')]
          .map(li => [li.dataset.element, li.dataset.present === 'true'])),
      score: document.getElementById('score-num').textContent,
      line: document.getElementById('score-line').textContent,
      codes: [...document.querySelectorAll('#findings li[data-code]')].map(li => li.dataset.code),
      length: document.getElementById('length').textContent,
      words: [...document.querySelectorAll('#stats dd')].map(d => d.textContent)[0],
      violations: window.__violations,
    };
    """
    return dict(driver.execute_script(script))


def test_typing_a_gushing_draft_then_cooling_it(server: str, browser: Any) -> None:
    draft = open_page(browser, server)
    typed(browser, draft, GUSHING)
    gushing = state(browser)
    classes = " ".join(c for c, _ in gushing["marks"])
    assert "cat-hyperbole" in classes and "cat-enthusiasm" in classes
    assert ("cat-hyperbole sev-warning", "dream job") in {tuple(m) for m in gushing["marks"]}
    assert {"TC102", "TC201", "TC207"} <= set(gushing["codes"])
    # ("this is my dream job" reads as interest, so that one may be ticked)
    assert not any(gushing["checklist"][e] for e in ("thanks", "pleasure", "learned_detail"))
    assert gushing["length"].startswith("Too short")
    assert "effusive" in gushing["line"]
    low = int(gushing["score"])

    browser.execute_script("arguments[0].value = ''", draft)
    typed(browser, draft, CALMER)
    calm = state(browser)
    assert all(calm["checklist"].values()), calm["checklist"]
    assert int(calm["score"]) > low + 30 and "cool cordial" in calm["line"]
    assert not calm["marks"]
    # each ticked element points at its evidence sentence
    quote = browser.find_element(
        "css selector", '#checklist [data-element="learned_detail"] .evidence'
    )
    assert "Reno warehouse" in quote.text
    quote.click()
    selected = browser.execute_script(
        "const d = document.getElementById('draft'); return d.value.slice(d.selectionStart, d.selectionEnd)"
    )
    assert selected.startswith("I enjoyed learning about the plan")
    assert calm["violations"] == []


def test_apply_a_drop_in_suggestion_and_undo_it(server: str, browser: Any) -> None:
    draft = open_page(browser, server)
    typed(browser, draft, "Thank you for the interview. This is my dream job.")
    button = browser.find_element("css selector", '#findings .apply[data-code="TC102"]')
    assert button.text == "Apply \u201ca role I am keen on\u201d"
    before = checks(browser)
    button.click()
    wait_for(lambda: checks(browser) > before)
    value = browser.execute_script("return document.getElementById('draft').value")
    assert value == "Thank you for the interview. This is my a role I am keen on."
    assert "TC102" not in state(browser)["codes"]
    # the edit is the user's: Ctrl+Z in the text box undoes it
    browser.execute_script("document.getElementById('draft').focus(); document.execCommand('undo')")
    value = browser.execute_script("return document.getElementById('draft').value")
    assert value == "Thank you for the interview. This is my dream job."
    # whole-letter findings and rephrasings are never offered as a drop-in
    codes = [b.get_attribute("data-code") for b in browser.find_elements("css selector", ".apply")]
    assert not any(c.startswith(("TC4", "TC5", "TC6")) for c in codes)


def test_markup_in_a_draft_is_text_and_runs_nothing(server: str, browser: Any) -> None:
    draft = open_page(browser, server)
    hostile = (
        'Thank you!! <script>window.__pwned = 1</script> my dream job "><img src=x '
        'onerror="window.__pwned = 2"> <b onmouseover="window.__pwned = 3">bold</b>'
    )
    typed(browser, draft, hostile)
    found = browser.execute_script(
        """
        const marked = document.getElementById('marked');
        marked.querySelectorAll('mark').forEach(m => m.dispatchEvent(new MouseEvent('mouseenter')));
        return {
          pwned: window.__pwned === undefined ? null : window.__pwned,
          text: marked.textContent,
          elements: [...marked.querySelectorAll('*')].map(e => e.tagName.toLowerCase()),
          tip: document.getElementById('tip').textContent,
          findings: document.getElementById('findings').textContent,
          violations: window.__violations,
        };
        """
    )
    assert found["pwned"] is None
    assert found["text"] == hostile  # the letter, character for character
    assert set(found["elements"]) <= {"div", "mark"}
    assert "img" not in found["elements"] and "script" not in found["elements"]
    assert found["violations"] == []


def test_keyboard_tooltip_and_phone_width(server: str, browser: Any) -> None:
    draft = open_page(browser, server)
    typed(browser, draft, "Thank you so much!!! It was the best interview I have ever had.")
    mark = browser.find_element("css selector", "#marked mark")
    assert mark.get_attribute("tabindex") == "0"
    browser.execute_script("arguments[0].focus()", mark)
    tip = browser.find_element("id", "tip")
    assert tip.is_displayed() and "warning" in tip.text and "Try:" in tip.text
    browser.set_window_size(390, 844)
    try:
        wide = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth"
        )
        assert wide <= 0, f"{wide}px of sideways scrolling at phone width"
    finally:
        browser.set_window_size(1280, 1000)


def test_dropping_a_file_fills_the_draft(server: str, browser: Any, tmp_path: Path) -> None:
    open_page(browser, server)
    letter = tmp_path / "note.txt"
    letter.write_text("Thank you for the interview!!! This is my dream job.", encoding="utf-8")
    before = checks(browser)
    browser.find_element("id", "file").send_keys(str(letter))
    wait_for(lambda: checks(browser) > before)
    assert (
        browser.execute_script("return document.getElementById('draft').value")
        == letter.read_text()
    )
    assert "TC102" in state(browser)["codes"]


def report_state(driver: Any) -> dict[str, Any]:
    return dict(
        driver.execute_script(
            """
            const rows = [...document.querySelectorAll('#rows tr')];
            return {
              sources: rows.map(r => r.dataset.source),
              shown: document.getElementById('shown').textContent,
              violations: window.__violations || [],
            };
            """
        )
    )


def test_the_coachs_report_filters_sorts_and_loads_detail(server: str, browser: Any) -> None:
    from selenium.webdriver.support.ui import Select

    browser.get(server + "/report")
    browser.execute_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"
    )
    wait_for(lambda: len(report_state(browser)["sources"]) == 4)
    everything = report_state(browser)["sources"]
    assert sorted(everything) == [
        "letters/a-gushing.txt",
        "letters/b-calm.txt",
        "letters/c-pushy.txt",
        "letters/d-empty.txt",
    ]
    # sort by score, high first, then filter: the order survives the filter
    browser.find_element("css selector", 'th[data-key="score"] button').click()
    browser.find_element("css selector", 'th[data-key="score"] button').click()
    by_score = report_state(browser)["sources"]
    assert by_score[0] == "letters/b-calm.txt" and by_score[-1] == "letters/d-empty.txt"
    Select(browser.find_element("id", "f-missing")).select_by_value("learned_detail")
    filtered = report_state(browser)["sources"]
    assert "letters/b-calm.txt" not in filtered and filtered == [
        s for s in by_score if s in filtered
    ]
    Select(browser.find_element("id", "f-missing")).select_by_value("")
    Select(browser.find_element("id", "f-tone")).select_by_value("effusive")
    assert report_state(browser)["sources"] == ["letters/a-gushing.txt"]
    Select(browser.find_element("id", "f-tone")).select_by_value("")
    Select(browser.find_element("id", "f-code")).select_by_value("TC501")
    assert report_state(browser)["sources"] == ["letters/c-pushy.txt"]
    Select(browser.find_element("id", "f-code")).select_by_value("")
    search = browser.find_element("id", "f-search")
    search.send_keys("calm")
    assert report_state(browser)["sources"] == ["letters/b-calm.txt"]
    search.clear()
    search.send_keys("x")
    search.clear()
    browser.execute_script("document.getElementById('f-search').dispatchEvent(new Event('input'))")
    assert len(report_state(browser)["sources"]) == 4
    # a letter's detail is fetched when it is opened; its markup is text
    browser.find_element(
        "css selector", 'tr[data-source="letters/c-pushy.txt"] button.open'
    ).click()
    detail = wait_for(
        lambda: browser.execute_script(
            "const d = document.getElementById('detail'); return d.dataset.index !== undefined && d"
        )
    )
    text = detail.text
    assert "answer by Friday" in text and "<script>alert(1)</script>" in text
    assert browser.execute_script("return document.querySelectorAll('#detail script').length") == 0
    assert report_state(browser)["violations"] == []


def test_report_rows_api_is_small(server: str) -> None:
    import urllib.request

    with urllib.request.urlopen(server + "/api/report/rows") as response:
        body = json.loads(response.read())
    assert body["summary"]["letters"] == 4 and body["summary"]["errors"] == 1
    assert all("findings" not in row for row in body["rows"])
