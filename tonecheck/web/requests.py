"""Reading a POST /api/lint: JSON, bare text or a form with a file, each checked against the
limits before it is linted. A request that is not right raises :class:`ApiError` with an error kind
(the HTTP status follows from it)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import Message

from tonecheck import rules
from tonecheck.config import Settings, settings_from_mapping
from tonecheck.errors import TonecheckError
from tonecheck.sources import SUPPORTED_SUFFIXES, Source, decode, source_from_bytes
from tonecheck.web.responses import STATUS_OF_KIND

REQUEST_FIELDS = ("text", "source", "settings")
MAX_SOURCE_CHARS = 200
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and headers, JSON escaping slack


class ApiError(Exception):
    """A request the API answers with a 4xx (or, for a bug, a 500) and a JSON ``error``."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message

    @property
    def status(self) -> int:
        return STATUS_OF_KIND.get(self.kind, 400 if self.kind != "internal-error" else 500)


@dataclass(frozen=True)
class LintRequest:
    """What a POST /api/lint asked for, once read and checked."""

    text: str
    source: str
    settings: Settings
    # An uploaded file as read (an e-mail's other body alternatives are checked too), else None.
    read: Source | None = None


def request_settings(base: Settings, given: object) -> Settings:
    """The server's settings with the request's ``settings`` laid over them (the same keys and
    checks as a config file; a request may lower ``max_bytes`` but not raise it)."""
    if given is None:
        return base
    if not isinstance(given, Mapping):
        raise ApiError("bad-config", "settings: must be an object of config keys")
    try:
        parsed = settings_from_mapping(given, source="settings", catalog=rules)
    except TonecheckError as exc:
        raise ApiError("bad-config", exc.message) from None
    names = {str(key).replace("-", "_") for key in given}
    if "max_bytes" in names and parsed.max_bytes > base.max_bytes:
        raise ApiError(
            "bad-config",
            f"settings: config key 'max_bytes' cannot exceed the server's limit ({base.max_bytes:,})",
        )
    changes = {name: getattr(parsed, name) for name in names}
    merged = base.replace(**changes)
    if merged.min_words >= merged.max_words:
        raise ApiError(
            "bad-config",
            f"settings: 'min_words' ({merged.min_words}) must be smaller than "
            f"'max_words' ({merged.max_words})",
        )
    return merged


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused as ``too-large`` as soon as it passes ``limit`` bytes."""
    too_large = ApiError(
        "too-large", f"request: the body is too large (the limit is {limit:,} bytes, see max_bytes)"
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _check_source(value: object) -> str:
    if value is None:
        return "<draft>"
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_SOURCE_CHARS:
        raise ApiError(
            "bad-request", f"source: must be a name of 1 to {MAX_SOURCE_CHARS} characters"
        )
    return value


def _check_size(text: str, source: str, max_bytes: int) -> None:
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise ApiError(
            "too-large",
            f"{source}: input is too large (the limit is {max_bytes:,} bytes, see max_bytes)",
        )


def _json_object(raw: bytes | str, where: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError("bad-request", f"{where}: malformed JSON ({exc})") from None
    if not isinstance(value, dict):
        raise ApiError("bad-request", f"{where}: must be a JSON object")
    return value


async def parse_lint_request(request: Request, base: Settings) -> LintRequest:
    """Read a POST /api/lint: JSON ``{"text", "source"?, "settings"?}``, the bare text as
    ``text/plain``, or a ``multipart/form-data`` form with a ``file`` (or ``text``) and optional
    ``source`` and ``settings`` (a JSON object as a string)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        body = await read_body(request, 6 * base.max_bytes + FORM_OVERHEAD)
        data = _json_object(body, "request")
        unknown = sorted(set(data) - set(REQUEST_FIELDS))
        if unknown:
            raise ApiError(
                "bad-request",
                f"request: unknown field '{unknown[0]}' (known: {', '.join(REQUEST_FIELDS)})",
            )
        text = data.get("text")
        if not isinstance(text, str):
            raise ApiError("bad-request", "request: 'text' must be a string (the letter)")
        source = _check_source(data.get("source"))
        settings = request_settings(base, data.get("settings"))
        _check_size(text, source, settings.max_bytes)
        return LintRequest(text, source, settings)
    if content_type == "text/plain":
        body = await read_body(request, base.max_bytes)
        return LintRequest(_decoded(body, "<draft>", ""), "<draft>", base)
    if content_type == "multipart/form-data":
        return await _parse_form(request, base)
    raise ApiError(
        "not-text",
        f"request: unsupported content type '{content_type or 'none'}'; send application/json, "
        "text/plain or multipart/form-data",
    )


def _read(data: bytes, name: str, suffix: str, max_bytes: int) -> Source:
    try:
        return source_from_bytes(data, name, suffix, max_bytes)
    except TonecheckError as exc:
        raise ApiError(exc.kind, exc.message) from None


def _decoded(data: bytes, name: str, suffix: str, max_bytes: int | None = None) -> str:
    try:
        if suffix:
            return source_from_bytes(data, name, suffix, max_bytes or len(data) + 1).text
        return decode(data, name)
    except TonecheckError as exc:
        raise ApiError(exc.kind, exc.message) from None


async def _parse_form(request: Request, base: Settings) -> LintRequest:
    body = await read_body(request, base.max_bytes + FORM_OVERHEAD)

    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, replay).form(
            max_files=1, max_fields=len(REQUEST_FIELDS), max_part_size=base.max_bytes + 1
        )
    except HTTPException as exc:
        raise ApiError("bad-request", f"request: malformed form ({exc.detail})") from None
    unknown = sorted(set(form) - {*REQUEST_FIELDS, "file"})
    if unknown:
        raise ApiError(
            "bad-request",
            f"request: unknown form field '{unknown[0]}' (known: file, text, source, settings)",
        )
    raw_settings = form.get("settings")
    given = None
    if raw_settings is not None:
        if not isinstance(raw_settings, str):
            raise ApiError("bad-request", "settings: must be a JSON object, not a file")
        given = _json_object(raw_settings, "settings")
    settings = request_settings(base, given)
    upload, text = form.get("file"), form.get("text")
    if isinstance(upload, UploadFile):
        name = Path(upload.filename or "upload.txt").name or "upload.txt"
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise ApiError(
                "not-text",
                f"{name}: unsupported file type '{suffix}'; use .txt, .md, .eml or .docx",
            )
        data = await upload.read()
        await upload.close()
        if len(data) > settings.max_bytes:
            raise ApiError(
                "too-large",
                f"{name}: file is too large (the limit is {settings.max_bytes:,} bytes, "
                "see max_bytes)",
            )
        source = _check_source(form.get("source") or name)
        read = _read(data, source, suffix, settings.max_bytes)
        return LintRequest(read.text, source, settings, read)
    if isinstance(text, str):
        source = _check_source(form.get("source"))
        _check_size(text, source, settings.max_bytes)
        return LintRequest(text, source, settings)
    raise ApiError("bad-request", "request: the form needs a 'file' or a 'text' field")
