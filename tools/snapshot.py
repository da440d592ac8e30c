"""Write every result tonecheck gives on a fixed set of texts, to compare two versions byte for byte.

The set: the corpus letters (both corpora when present), the rule fixtures, the golden letters and
examples, and variants of the corpus letters that exercise other code paths (CRLF line ends, hard-wrapped
at 60 columns, upper case, every full stop an exclamation mark). A refactoring that claims to keep
behaviour must leave the output identical:

    python tools/snapshot.py > /tmp/before.jsonl    # on the old commit
    python tools/snapshot.py > /tmp/after.jsonl     # on the new one
    cmp /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def texts() -> list[tuple[str, str]]:
    """(name, text) pairs, in a fixed order."""
    out: list[tuple[str, str]] = []
    letters = []
    for path in sorted((ROOT / "corpora").rglob("letters.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                letters.append((record["id"], record["text"]))
    out += letters
    for path in sorted((ROOT / "tests" / "fixtures" / "rules").glob("*.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("#") or ":" not in line:
                continue
            body = line.split(":", 1)[1].strip()
            if body:
                out.append((f"{path.name}:{n}", body.replace("\\n", "\n")))
    for path in [
        *sorted((ROOT / "tests/golden/letters").glob("*.txt")),
        *sorted((ROOT / "examples").glob("*.txt")),
    ]:
        out.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    for name, text in letters[::5]:
        out.append((f"{name}+crlf", text.replace("\n", "\r\n")))
        wrapped = "\n\n".join(textwrap.fill(p, 60) for p in text.split("\n\n"))
        out.append((f"{name}+wrapped", wrapped))
        out.append((f"{name}+upper", text.upper()))
        out.append((f"{name}+exclaim", text.replace(". ", "! ")))
    return out


def main() -> int:
    from tonecheck import lint_text

    for name, text in texts():
        if not text.strip():
            continue
        report = lint_text(text, source=name)
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
