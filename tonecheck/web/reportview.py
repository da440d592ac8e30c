"""``tonecheck serve --report REPORT.jsonl``: the coach's report over a batch's ``.jsonl`` file.

The page gets one small row per letter (``GET /api/report/rows``) and filters, searches and sorts
them in the browser; a letter's findings are loaded only when it is opened
(``GET /api/report/letters/N``), read again from the report file at the offset kept for its line.
The ``.jsonl`` report holds no letter text, so the letter itself is shown only when its file can
still be read where the report says it was, under the working folder or the report's folder, and
only if every finding's ``match`` is still at its offsets (otherwise the findings are listed
without the letter).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from tonecheck.config import Settings
from tonecheck.errors import InputError, TonecheckError
from tonecheck.findings import ELEMENT_NAMES
from tonecheck.sources import read_source
from tonecheck.web.responses import error_response


@dataclass(frozen=True)
class _Line:
    offset: int
    length: int


def _row(index: int, result: dict[str, Any]) -> dict[str, Any]:
    findings = result.get("findings") or []
    stats = result.get("stats") or {}
    error = result.get("error") or {}
    codes = sorted({str(f.get("code")) for f in findings})
    severities = [str(f.get("severity")) for f in findings]
    return {
        "index": index,
        "source": str(result.get("source", "")),
        "status": str(result.get("status", "error")),
        "error": error.get("kind") if isinstance(error, dict) else None,
        "score": result.get("score"),
        "tone": result.get("tone"),
        "length": result.get("length"),
        "words": stats.get("words") if isinstance(stats, dict) else None,
        "elements": result.get("elements"),
        "codes": codes,
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
        "suggestions": severities.count("suggestion"),
    }


class ReportFile:
    """A ``.jsonl`` report: the rows in memory, each line's place in the file for its detail."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings
        self.rows: list[dict[str, Any]] = []
        self._lines: list[_Line] = []

    @classmethod
    def load(cls, path: Path, settings: Settings) -> ReportFile:
        """Read the report once, keeping a row and the line's offset per letter.

        Raises:
            TonecheckError: the file cannot be read or is not a ``.jsonl`` report.
        """
        if path.suffix.lower() != ".jsonl":
            raise TonecheckError(f"{path}: --report needs a .jsonl batch report")
        report = cls(path, settings)
        try:
            with path.open("rb") as fh:
                for number, (offset, raw) in enumerate(_lines(fh), start=1):
                    if not raw.strip():
                        continue
                    try:
                        result = json.loads(raw)
                        if not isinstance(result, dict):
                            raise ValueError("not an object")
                    except ValueError as exc:
                        raise TonecheckError(
                            f"{path}:{number}: not a tonecheck result ({exc})"
                        ) from None
                    report.rows.append(_row(len(report.rows), result))
                    report._lines.append(_Line(offset, len(raw)))
        except OSError as exc:
            raise TonecheckError(
                f"{path}: cannot read the report ({exc.strerror or exc})"
            ) from None
        return report

    def result(self, index: int) -> dict[str, Any]:
        line = self._lines[index]
        with self.path.open("rb") as fh:
            fh.seek(line.offset)
            data: dict[str, Any] = json.loads(fh.read(line.length))
        return data

    def letter_text(self, result: dict[str, Any]) -> str | None:
        """The letter's text, if its file is still there and the findings still fit it."""
        source = Path(str(result.get("source", "")))
        if not source.suffix:
            return None  # letters have a suffix: never show a dot-file or a key a report names
        for folder in (Path.cwd().resolve(), self.path.parent.resolve()):
            candidate = (folder / source).resolve()
            if not candidate.is_relative_to(folder):
                continue  # only letters under the working folder or the report's folder
            try:
                text = read_source(candidate, self.settings.max_bytes).text
            except (InputError, TonecheckError, OSError):
                continue
            findings = result.get("findings") or []
            if all(text[f["start"] : f["end"]] == f["match"] for f in findings):
                return text
        return None

    def summary(self) -> dict[str, Any]:
        ok = [r for r in self.rows if r["status"] == "ok"]
        scores = [r["score"] for r in ok if isinstance(r["score"], (int, float))]
        return {
            "report": self.path.name,
            "letters": len(self.rows),
            "analysed": len(ok),
            "errors": len(self.rows) - len(ok),
            "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
            "elements": list(ELEMENT_NAMES),
        }

    def routes(self, static: Path) -> list[Route]:
        async def page(request: Request) -> Response:
            return FileResponse(static / "report.html", media_type="text/html; charset=utf-8")

        async def rows(request: Request) -> Response:
            return JSONResponse({"summary": self.summary(), "rows": self.rows})

        async def letter(request: Request) -> Response:
            index = request.path_params["index"]
            if not 0 <= index < len(self.rows):
                return error_response("not-found", f"letter {index}: no such letter in the report")
            result = self.result(index)
            return JSONResponse(
                {"index": index, "result": result, "text": self.letter_text(result)}
            )

        return [
            Route("/report", page, methods=["GET", "HEAD"]),
            Route("/api/report/rows", rows, methods=["GET"]),
            Route("/api/report/letters/{index:int}", letter, methods=["GET"]),
        ]


def _lines(fh: Any) -> Iterator[tuple[int, bytes]]:
    offset = 0
    for raw in fh:
        yield offset, raw
        offset += len(raw)
