"""The API's error answers: a status per error kind and the error document."""

from __future__ import annotations

from starlette.responses import JSONResponse

from tonecheck._version import __version__
from tonecheck.findings import SCHEMA_VERSION

# The HTTP status for each error kind (CONTRACT.md's kinds, plus the API's own: bad-request for a
# request that is not what the API reads, bad-config for settings it refuses).
STATUS_OF_KIND = {
    "bad-request": 400,
    "not-found": 404,
    "method-not-allowed": 405,
    "too-large": 413,
    "not-text": 415,
    "binary": 415,
    "bad-config": 422,
    "empty": 422,
    "bad-encoding": 422,
    "bad-email": 422,
    "bad-docx": 422,
    "unreadable": 422,
    "internal-error": 500,
}


def error_response(kind: str, message: str, status: int | None = None) -> JSONResponse:
    """The API's error document: the envelope's two version keys and ``error``."""
    body = {
        "schema_version": SCHEMA_VERSION,
        "tonecheck_version": __version__,
        "error": {"kind": kind, "message": message},
    }
    return JSONResponse(body, status_code=status or STATUS_OF_KIND.get(kind, 400))
