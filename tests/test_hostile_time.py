"""Linear time on pathological inputs (issue 16, item 1).

Each input is 200 KB of a shape that once took time growing with the square of its length (one
giant word, a run of capitals, a line without spaces, a run of "!" or emoji, a data URI in a
Markdown letter, an e-mail through ``presend``). Each runs as a whole command under a generous
time-out: none of them is timed, but the quadratic code they once reached took hours at this size
(10 KB of "!" took 16 s, 40 KB of one word 118 s), so a return of that code blows the limit by
orders of magnitude. The time-out is a bound on work, not a speed test.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

SIZE = 200_000
LIMIT = 300  # seconds for one command; a linear run of all takes well under a minute
LETTER = "Dear Ms. Park,\n\nThank you for the interview on Tuesday. "


def make_cases(size: int) -> dict[str, str]:
    """The pathological inputs, each about ``size`` characters (file name -> text)."""
    payload = base64.b64encode(bytes(range(256)) * (size // 340)).decode()
    return {
        "giant-word.txt": "Portfolio: " + "a" * size,
        "capitals.txt": LETTER + "A" * size,
        "capital-words.txt": LETTER + "THANK YOU SO MUCH " * (size // 18),
        "no-spaces.txt": LETTER + "word,word.word!" * (size // 15),
        "exclamations.txt": LETTER + "!" * size,
        "emoji.txt": LETTER + "\U0001f600" * (size // 4),
        "one-long-line.txt": LETTER + "so really very excited and thrilled, " * (size // 37),
        "data-uri.md": f"{LETTER}\n\n![portrait](data:image/png;base64,{payload})\n",
    }


CASES = make_cases(SIZE)


def run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tonecheck", *args],
        input=stdin,
        capture_output=True,
        timeout=LIMIT,
        check=False,
    )


def test_pathological_inputs_complete(tmp_path: Path) -> None:
    paths = []
    for name, text in sorted(CASES.items()):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8", newline="")
        assert path.stat().st_size >= SIZE
        paths.append(path)
    # one command for all of them: a quadratic input among them takes hours, not the limit
    done = run(["lint", "--format", "json", "--fail-on", "never", *map(str, paths)])
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    results = json.loads(done.stdout)["results"]
    assert [r["source"] for r in results] == list(map(str, paths))
    for path, result in zip(paths, results, strict=True):
        assert result["status"] == "ok", result["error"]
        text = CASES[path.name]
        for f in result["findings"]:
            assert text[f["start"] : f["end"]] == f["match"]


def test_pathological_email_through_presend_completes(tmp_path: Path) -> None:
    body = LETTER + "!" * (SIZE // 2) + " " + "\U0001f600" * (SIZE // 8)
    message = (
        "From: a@example.com\nTo: b@example.com\nSubject: Thanks\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n"
    ).encode()
    sent = tmp_path / "sent.eml"
    done = run(
        ["presend", "--", sys.executable, "-c", f"import sys; open({str(sent)!r}, 'wb').write("
         "sys.stdin.buffer.read())"],
        stdin=message,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr.decode()[-2000:]
    assert done.stderr.count(b"Traceback") == 0
