"""For the scripts that look at ``tonecheck serve`` in a browser (``tools/web_screenshots.py``,
``tests/benchmarks/page.py``): run an app on a free loopback port in this process, and open
Debian's headless Chromium through its own chromedriver (given explicitly, so Selenium Manager
never runs; its statistics off)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Any


def serve_in_thread(app: Any) -> tuple[str, Any]:
    """Start ``app`` on uvicorn on a free loopback port; its base URL and the server (set
    ``server.should_exit = True`` to stop it)."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def headless_chromium(profile: Path, *extra: str) -> Any:
    """A Selenium driver for headless Chromium, or SystemExit if chromium or chromedriver is
    missing."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        raise SystemExit(
            "needs chromium and chromium-driver (apt-get install chromium chromium-driver)"
        )
    os.environ["SE_AVOID_STATS"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", *extra):
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={profile}")
    return webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
