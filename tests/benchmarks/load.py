"""A bounded load run of ``tonecheck serve`` on loopback (GitHub issue 17).

Starts ``tonecheck serve`` as its own process on a free loopback port, then N client threads (4 by
default), each with one keep-alive connection, send R requests in all (2,000 by default) to
``POST /api/lint``: corpus letters as they are, cycled, so the lengths are real letters' lengths. It
stops by itself and prints:

- the server's time per request, from the ``Server-Timing`` header: ``lint`` (the letter through the
  pipeline) and ``queue`` (waiting for the one lint thread while the other clients' letters ran);
- the round trip as the clients saw it (HTTP, JSON and the queue included);
- errors (any answer but a 200 with one ``ok`` result, or a broken connection);
- the server's CPU time per request (user + system, from ``/proc``): unlike the times above, it
  does not grow when other processes share the cores;
- the machine's load average before and after (a busy machine shows as such);
- the server's resident memory (VmRSS from ``/proc``) after a warm-up, then after each quarter of
  the run: flat memory means the last quarters stay within a few MB of the first.

    .venv/bin/python tests/benchmarks/load.py
    .venv/bin/python tests/benchmarks/load.py --clients 4 --requests 2000 --json /tmp/load.json

Not a test (no ``test_`` name, nothing asserts a time). Linux only (memory is read from ``/proc``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process so far (independent of what else the machine runs)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def timing(header: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in header.split(","):
        name, _, dur = part.strip().partition(";dur=")
        out[name] = float(dur)
    return out


def letters() -> list[str]:
    import corpus  # tools/corpus.py

    return [letter.text for letter in corpus.load()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    texts = letters()
    words = sorted(len(t.split()) for t in texts)
    port = free_port()
    exe = Path(sys.executable).with_name("tonecheck")
    server = subprocess.Popen(
        [str(exe), "serve", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        started = time.monotonic()
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() - started > 120:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.1)
        startup = time.monotonic() - started

        def post(conn: http.client.HTTPConnection, text: str) -> tuple[int, dict[str, Any], str]:
            body = json.dumps({"text": text}).encode()
            conn.request("POST", "/api/lint", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            data = json.loads(response.read())
            return response.status, data, response.getheader("server-timing", "")

        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for i in range(args.warmup):
            post(warm, texts[i % len(texts)])
        warm.close()
        memory = [rss_mb(server.pid)]

        lock = threading.Lock()
        counter = iter(range(args.requests))
        lint_ms: list[float] = []
        queue_ms: list[float] = []
        round_ms: list[float] = []
        errors: list[str] = []
        done = [0]
        quarter = max(1, args.requests // 4)

        def client() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    break
                began = time.perf_counter()
                try:
                    status, data, header = post(conn, texts[i % len(texts)])
                except (OSError, http.client.HTTPException, ValueError) as exc:
                    with lock:
                        errors.append(f"request {i}: {exc!r}")
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    continue
                elapsed = (time.perf_counter() - began) * 1000
                ok = status == 200 and data.get("results", [{}])[0].get("status") == "ok"
                with lock:
                    round_ms.append(elapsed)
                    if not ok:
                        errors.append(f"request {i}: status {status}")
                    else:
                        t = timing(header)
                        lint_ms.append(t["lint"])
                        queue_ms.append(t["queue"])
                    done[0] += 1
                    if done[0] % quarter == 0:
                        memory.append(rss_mb(server.pid))
            conn.close()

        cpu_before, load_before = cpu_seconds(server.pid), load_average()
        began = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - began
        cpu = cpu_seconds(server.pid) - cpu_before
        load_after = load_average()
    finally:
        server.terminate()
        server.wait(timeout=30)

    def summary(values: list[float]) -> dict[str, float]:
        return {
            "p50": round(percentile(values, 50), 2),
            "p90": round(percentile(values, 90), 2),
            "p99": round(percentile(values, 99), 2),
            "max": round(max(values), 2),
            "mean": round(statistics.fmean(values), 2),
        }

    total_ms = [a + b for a, b in zip(lint_ms, queue_ms, strict=True)]
    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "clients": args.clients,
        "requests": args.requests,
        "letters": {
            "texts": len(texts),
            "median_words": words[len(words) // 2],
            "max_words": words[-1],
        },
        "server_start_s": round(startup, 2),
        "wall_s": round(wall, 2),
        "requests_per_s": round(args.requests / wall, 1),
        "server_cpu_ms_per_request": round(cpu * 1000 / args.requests, 2),
        "machine_load_average_before_after": [load_before, load_after],
        "server_lint_ms": summary(lint_ms),
        "server_lint_plus_queue_ms": summary(total_ms),
        "round_trip_ms": summary(round_ms),
        "errors": len(errors),
        "rss_mb_after_warmup_then_each_quarter": [round(m, 1) for m in memory],
    }
    print(json.dumps(figures, indent=2))
    for line in errors[:10]:
        print(line, file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
