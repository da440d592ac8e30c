"""Screenshots of ``tonecheck serve`` for the README: the draft page (desktop and phone width) with
a gushing draft typed in, and the coach's report over a small batch with one letter opened.

    .venv/bin/python tools/web_screenshots.py docs/screenshots

Needs Debian's chromium and chromium-driver; Selenium is given that chromedriver, so Selenium
Manager never runs. The server runs in this process on a free loopback port.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

DRAFT = (
    "Dear Ms. Alvarez,\n\n"
    "Thank you SO much for the interview yesterday!!! It was honestly the best interview I have "
    "ever had, and this is my dream job. I loved hearing about the plan to move the Reno "
    "warehouse onto the new routing software in March.\n\n"
    "I really need this job, so I would appreciate an answer by Friday.\n\n"
    "Best,\nSam"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--letters", type=Path, default=Path("examples"))
    args = parser.parse_args(argv)
    from typer.testing import CliRunner

    from local_browser import headless_chromium, serve_in_thread
    from tonecheck.cli import app as cli
    from tonecheck.config import Settings
    from tonecheck.web.app import create_app

    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    report = work / "report.jsonl"
    CliRunner().invoke(cli, ["batch", str(args.letters), "--output", str(report), "--jobs", "1"])

    base, server = serve_in_thread(create_app(Settings(), report=report))
    browser = headless_chromium(work / "profile", "--hide-scrollbars")
    try:
        browser.set_window_size(1280, 1250)
        browser.get(base + "/")
        draft = browser.find_element("id", "draft")
        draft.send_keys(DRAFT)
        _wait_checked(browser)
        mark = browser.find_element("css selector", '#marked mark[data-code="TC102"]')
        browser.execute_script(
            "arguments[0].focus({preventScroll: true}); window.scrollTo(0, 0)", mark
        )
        browser.save_screenshot(str(args.out / "draft-page.png"))
        browser.set_window_size(390, 1600)
        time.sleep(0.3)
        browser.save_screenshot(str(args.out / "draft-page-phone.png"))
        browser.set_window_size(1280, 1000)
        browser.get(base + "/report")
        time.sleep(1)
        browser.find_element("css selector", 'th[data-key="score"] button').click()
        browser.find_element("css selector", "#rows tr button.open").click()
        time.sleep(0.5)
        browser.execute_script("window.scrollTo(0, 0)")
        browser.save_screenshot(str(args.out / "coach-report.png"))
        browser.execute_script("document.getElementById('detail').scrollIntoView()")
        browser.save_screenshot(str(args.out / "coach-report-letter.png"))
    finally:
        browser.quit()
        server.should_exit = True
    for name in (
        "draft-page.png",
        "draft-page-phone.png",
        "coach-report.png",
        "coach-report-letter.png",
    ):
        print(args.out / name)
    return 0


def _wait_checked(browser: object) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = browser.execute_script(  # type: ignore[attr-defined]
            "return document.getElementById('status').textContent"
        )
        if status == "Checked.":
            return
        time.sleep(0.1)
    raise SystemExit("the page did not check the draft")


if __name__ == "__main__":
    raise SystemExit(main())
