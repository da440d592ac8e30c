"""The ASGI application: the draft page, the JSON API and, with a report file, the coach's report.

``create_app`` builds the lint pipeline once, before the first request, and every request shares
it (linting runs in one worker thread, one letter at a time, so the event loop stays free for the
page's other requests). Nothing a request sends is kept once its answer is sent.

Every answer carries a Content-Security-Policy that lets the page load only its own scripts and
styles and talk only to this server, so no letter text can make a browser fetch anything.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tonecheck import rules
from tonecheck._version import __version__
from tonecheck.config import Settings
from tonecheck.errors import TonecheckError
from tonecheck.findings import SCHEMA_VERSION, Report
from tonecheck.linter import build_nlp, lint_text, with_alternatives
from tonecheck.pipeline import rules_config
from tonecheck.web.openapi import openapi_document
from tonecheck.web.reportview import ReportFile
from tonecheck.web.requests import ApiError, parse_lint_request
from tonecheck.web.responses import error_response

if TYPE_CHECKING:
    from spacy.language import Language

STATIC = Path(__file__).resolve().parent / "static"

# The page may load its own files and talk to this server; nothing else, ever.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

WARM_UP = "Thank you for the interview. I remain interested in the role."
MAX_PIPELINES = 4  # distinct per-request settings kept built at once (the server's own is kept)


class Pipelines:
    """The lint pipelines: the server's, built at start and kept, and a few more for requests that
    send their own settings (least recently used dropped first)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._base_key = self._key(settings)
        self._base = build_nlp(settings)
        self._others: OrderedDict[str, Language] = OrderedDict()
        # the first letter loads the tone and element models: do it now, not on a user's request
        lint_text(WARM_UP, "<warm-up>", settings, nlp=self._base)

    @staticmethod
    def _key(settings: Settings) -> str:
        return repr(sorted(rules_config(settings).items()))

    def for_settings(self, settings: Settings) -> Language:
        key = self._key(settings)
        if key == self._base_key:
            return self._base
        nlp = self._others.pop(key, None) or build_nlp(settings)
        self._others[key] = nlp
        while len(self._others) > MAX_PIPELINES:
            self._others.popitem(last=False)
        return nlp


def lint_document(report: Report, text: str) -> dict[str, Any]:
    """The CONTRACT.md document for one letter, plus ``text``: the analysed text that the offsets
    index (for an upload, the extracted body or paragraphs)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tonecheck_version": __version__,
        "results": [report.to_dict()],
        "text": text,
    }


def rules_document() -> dict[str, Any]:
    """Every rule: code, name, category, default severity, a one-line summary and its doc."""
    out = []
    for rule in rules.ALL_RULES:
        summary = rule.doc.split("## What it does", 1)[-1].strip().split("\n\n", 1)[0]
        out.append(
            {
                "code": rule.code,
                "name": rule.name,
                "category": rule.category,
                "severity": str(rule.severity),
                "summary": summary.replace("\n", " "),
                "doc": rule.doc,
            }
        )
    return {"schema_version": SCHEMA_VERSION, "tonecheck_version": __version__, "rules": out}


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every answer; API answers are not cached."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        no_store = not str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(SECURITY_HEADERS)
                if no_store:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    settings: Settings | None = None,
    *,
    report: Path | None = None,
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS,
) -> Starlette:
    """The application. The pipeline for ``settings`` is built here, once, before any request.

    Args:
        settings: the server's settings (a request's ``settings`` are laid over them).
        report: a batch ``.jsonl`` report to serve as the coach's report at ``/report``.
        allowed_hosts: the Host headers answered (loopback names by default, against DNS
            rebinding); None answers any.

    Raises:
        TonecheckError: the settings or the report file are bad.
    """
    settings = settings or Settings()
    rules.validate_settings(settings)
    report_file = ReportFile.load(report, settings) if report is not None else None
    pipelines = Pipelines(settings)
    state: dict[str, anyio.CapacityLimiter] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state["limiter"] = anyio.CapacityLimiter(1)  # one letter at a time through spaCy
        yield

    async def run_locked(fn: Callable[[], Any]) -> Any:
        limiter = state.get("limiter") or state.setdefault("limiter", anyio.CapacityLimiter(1))
        return await anyio.to_thread.run_sync(fn, limiter=limiter)

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def lint(request: Request) -> Response:
        try:
            asked = await parse_lint_request(request, settings)
        except ApiError as exc:
            return error_response(exc.kind, exc.message)
        if not asked.text.strip():
            return error_response("empty", f"{asked.source}: the letter is empty")

        spent: list[float] = []

        def work() -> Report:
            began = time.perf_counter()
            try:
                nlp = pipelines.for_settings(asked.settings)
                report = lint_text(asked.text, asked.source, asked.settings, nlp=nlp)
                if asked.read is None:
                    return report
                # an uploaded e-mail: its other body alternatives are checked too, as lint does
                return with_alternatives(report, asked.read, asked.settings)
            finally:
                spent.append(time.perf_counter() - began)

        queued = time.perf_counter()
        try:
            result: Report = await run_locked(work)
        except TonecheckError as exc:  # a bug goes on to the JSON 500 below
            return error_response(exc.kind, exc.message)
        waited = time.perf_counter() - queued - spent[0]
        response = JSONResponse(lint_document(result, asked.text))
        # how long the letter took, and how long it waited for the pipeline (the load benchmark)
        response.headers["server-timing"] = (
            f"lint;dur={spent[0] * 1000:.2f}, queue;dur={max(0.0, waited) * 1000:.2f}"
        )
        return response

    async def list_rules(request: Request) -> Response:
        return JSONResponse(rules_document())

    async def healthz(request: Request) -> Response:
        from tonecheck.tone.model import model_available

        return JSONResponse(
            {
                "status": "ok",
                "tonecheck_version": __version__,
                "schema_version": SCHEMA_VERSION,
                "tone_model": model_available(),
                "report": report_file is not None,
            }
        )

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document(settings.max_bytes))

    routes: list[Route | Mount] = [
        Route("/", page, methods=["GET", "HEAD"]),
        Route("/api/lint", lint, methods=["POST"]),
        Route("/api/rules", list_rules, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    if report_file is not None:
        routes.extend(report_file.routes(STATIC))
    routes.append(Mount("/static", StaticFiles(directory=STATIC), name="static"))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            return error_response("not-found", f"{request.url.path}: no such page or endpoint")
        if exc.status_code == 405:
            return error_response(
                "method-not-allowed", f"{request.method} {request.url.path}: method not allowed"
            )
        return error_response("bad-request", str(exc.detail), exc.status_code)

    async def server_error(request: Request, exc: Exception) -> Response:
        # No traceback in the answer: the kind and one line.
        return error_response("internal-error", f"tonecheck failed on this request ({exc!r})")

    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        HTTPException: http_error,
        Exception: server_error,
    }
    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts is not None:
        middleware.append(
            Middleware(TrustedHostMiddleware, allowed_hosts=[*allowed_hosts, "testserver"])
        )
    return Starlette(
        routes=routes, middleware=middleware, exception_handlers=handlers, lifespan=lifespan
    )
