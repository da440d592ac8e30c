"""How soon the draft page shows a result after the last keystroke (GitHub issue 17's goal: within
300 ms of the debounce), in headless Chromium.

Starts ``tonecheck serve``'s app on a loopback port in this process, opens the page, types a corpus
letter, then N times (20 by default) types one more character and measures, in the page, from that
keystroke's ``input`` event to the moment the results are drawn (``body[data-checked]`` changes),
less the page's 250 ms debounce. Prints the median and the worst.

    .venv/bin/python tests/benchmarks/page.py

Not a test (no ``test_`` name). Needs Debian's chromium and chromium-driver; Selenium is given that
chromedriver, so Selenium Manager never runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
DEBOUNCE_MS = 250

WATCH = """
window.__lat = [];
const draft = document.getElementById('draft');
draft.addEventListener('input', () => { window.__typed = performance.now(); });
new MutationObserver(() => {
  if (window.__typed !== undefined) { window.__lat.push(performance.now() - window.__typed); window.__typed = undefined; }
}).observe(document.body, {attributes: true, attributeFilter: ['data-checked']});
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keystrokes", type=int, default=20)
    args = parser.parse_args(argv)

    import corpus
    from local_browser import headless_chromium, serve_in_thread
    from tonecheck.web.app import create_app

    letter = next(x.text for x in corpus.load() if 90 <= len(x.text.split()) <= 130)
    base, server = serve_in_thread(create_app())
    browser = headless_chromium(Path(tempfile.mkdtemp()))
    try:
        browser.get(base + "/")
        draft = browser.find_element("id", "draft")
        browser.execute_script("arguments[0].value = arguments[1]", draft, letter)
        browser.execute_script(WATCH)
        for _ in range(args.keystrokes):
            draft.send_keys(" ")
            time.sleep(0.8)  # well past the debounce and the answer
        latencies = browser.execute_script("return window.__lat")
    finally:
        browser.quit()
        server.should_exit = True
    after = [ms - DEBOUNCE_MS for ms in latencies]
    figures = {
        "letter_words": len(letter.split()),
        "keystrokes": args.keystrokes,
        "results_drawn": len(after),
        "ms_after_the_debounce": {
            "median": round(statistics.median(after), 1),
            "max": round(max(after), 1),
        },
        "load_average": float(Path("/proc/loadavg").read_text().split()[0]),
    }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
