"""Benchmark ``tonecheck lsp``: how soon diagnostics follow an edit, and memory over a session.

Starts ``python -m tonecheck lsp`` as an editor does and speaks JSON-RPC to it over its standard
input and output (a small client written here, no editor needed). It opens a letter of about 200
words, waits for its first diagnostics (the pipeline is then warm), and makes ``--edits`` edits
one after another: typing a sentence into the letter one character at a time and deleting it
again, as a person does. After each edit it waits for the diagnostics of that version and takes

    latency = (time the diagnostics arrived - time the edit was sent) - debounce

that is, how long the server took once the debounce had passed (JSON-RPC both ways included). It
prints the median, 95th percentile and worst latency against the goal (50 ms), and the server's
resident memory (VmRSS, /proc) every 100 edits: flat means no growth per edit.

    .venv/bin/python tests/benchmarks/lsp_bench.py                 # 1,000 edits, 100 ms debounce
    .venv/bin/python tests/benchmarks/lsp_bench.py --edits 5000 --debounce-ms 250
    .venv/bin/python tests/benchmarks/lsp_bench.py --show examples/draft.txt   # print what it sends

This is not a test: pytest does not collect it and nothing here asserts a time. Linux only.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

GOAL_MS = 50.0
ROOT = Path(__file__).resolve().parents[2]
LETTER = (
    (ROOT / "examples" / "good.txt").read_text(encoding="utf-8").rstrip("\n").rsplit("\n\n", 1)[0]
    + "\n\n"
    "In my current role I plan weekly routes for forty drivers and handle the calls when a "
    "delivery slips. Last spring we moved our depot to a new scheduling tool, and I wrote the "
    "checklist the drivers used during the first month. Late deliveries fell by a fifth over that "
    "quarter, and the checklist is still in use. I would bring the same care to the Reno "
    "changeover, and I would be glad to share the checklist if it is useful to your team.\n\n"
    "Thank you again for your time and for the tour of the dispatch floor. Please let me know if "
    "you need anything else from me, such as references or a sample schedule.\n\n"
    "Best regards,\nJordan Lee\n"
)
TYPED = " I also enjoyed meeting Priya from the dispatch team."
ANCHOR = "the dispatch team."


class Client:
    """Just enough of an LSP client: framed JSON-RPC over a subprocess's pipes."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: BinaryIO) -> None:
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(stream.read(length))
            message["_received"] = time.perf_counter()
            self.messages.put(message)

    def send(self, method: str, params: Any, request: bool = False) -> float:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return sent

    def wait(self, test: Any, limit: float = 60.0) -> dict[str, Any]:
        while True:
            message = self.messages.get(timeout=limit)
            if test(message):
                return message

    def diagnostics(self, version: int) -> dict[str, Any]:
        return self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"].get("version") == version
            )
        )

    def rss_kib(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(
            next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]
        )

    def cpu_ms(self) -> float:
        """CPU time (user + system) the server has used so far, in milliseconds."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        self.send("shutdown", None, request=True)
        self.wait(lambda m: m.get("id") == self.next_id)
        self.send("exit", None)
        self.process.wait(timeout=10)


def texts(edits: int) -> list[str]:
    """The letter after each edit: the sentence typed in and deleted again, one character a time."""
    at = LETTER.index(ANCHOR) + len(ANCHOR)
    cycle = [LETTER[:at] + TYPED[:n] + LETTER[at:] for n in range(1, len(TYPED) + 1)]
    cycle += [*cycle[-2::-1], LETTER]
    return [cycle[i % len(cycle)] for i in range(edits)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--debounce-ms", type=float, default=100.0)
    parser.add_argument("--show", type=Path, help="open this file, print its diagnostics, stop")
    args = parser.parse_args()
    debounce = args.debounce_ms / 1000
    folder = Path(tempfile.mkdtemp(prefix="tonecheck-lsp-bench-"))
    uri = (folder / "letter.txt").as_uri()
    client = Client([sys.executable, "-m", "tonecheck", "lsp"])
    started = time.perf_counter()
    client.send(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": folder.as_uri(),
            "capabilities": {},
            "initializationOptions": {"debounce_ms": args.debounce_ms},
        },
        request=True,
    )
    client.wait(lambda m: m.get("id") == 1)
    client.send("initialized", {})
    if args.show:
        uri = args.show.resolve().as_uri()
    text = args.show.read_text(encoding="utf-8") if args.show else LETTER
    item = {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}
    client.send("textDocument/didOpen", {"textDocument": item})
    first = client.diagnostics(1)
    if args.show:
        params = first["params"]
        print(f"textDocument/publishDiagnostics {params['uri']} version {params['version']}:")
        for diagnostic in params["diagnostics"]:
            print(json.dumps(diagnostic, ensure_ascii=False))
        client.close()
        return
    ready = time.perf_counter() - started
    summary = first["params"]["diagnostics"][-1]
    words = summary["data"]["words"]
    latencies: list[float] = []
    memory = [(0, client.rss_kib())]
    cpu_before, load_before = client.cpu_ms(), os.getloadavg()[0]
    for number, text in enumerate(texts(args.edits), start=2):
        sent = client.send(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": number}, "contentChanges": [{"text": text}]},
        )
        received = client.diagnostics(number)["_received"]
        latencies.append((received - sent - debounce) * 1000)
        if (number - 1) % 100 == 0:
            memory.append((number - 1, client.rss_kib()))
    cpu = (client.cpu_ms() - cpu_before) / max(1, args.edits)
    load_after = os.getloadavg()[0]
    client.close()
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    median = statistics.median(latencies)
    print(
        f"tonecheck lsp: {args.edits:,} edits of a {words}-word letter, debounce {args.debounce_ms:g} ms"
    )
    print(f"  start to first diagnostics (cold, pipeline built): {ready * 1000:.0f} ms")
    print("  after the debounce, edit sent -> diagnostics received:")
    print(
        f"    median {median:.1f} ms   p95 {p95:.1f} ms   worst {latencies[-1]:.1f} ms   "
        f"min {latencies[0]:.1f} ms"
    )
    print(
        f"    goal: within {GOAL_MS:g} ms: {'met' if p95 <= GOAL_MS else 'NOT met'} at p95; "
        f"{sum(x <= GOAL_MS for x in latencies):,} of {len(latencies):,} edits within it"
    )
    print(f"  server CPU time per edit (lint + JSON-RPC, load-independent): {cpu:.1f} ms")
    print(
        f"  machine load (1-min average, {os.cpu_count()} cores): {load_before:.1f} at the start, "
        f"{load_after:.1f} at the end"
    )
    print("  server memory (VmRSS) by edits done:")
    print("    " + "  ".join(f"{n}: {kib / 1024:.1f} MiB" for n, kib in memory))
    settled = [kib for n, kib in memory if n >= 200]
    if len(settled) >= 2:
        growth = (settled[-1] - settled[0]) / 1024
        print(f"    from edit 200 to {memory[-1][0]}: {growth:+.1f} MiB")


if __name__ == "__main__":
    main()
