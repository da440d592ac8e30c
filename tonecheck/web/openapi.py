"""The OpenAPI 3.1 document of the JSON API (``GET /openapi.json``), written out by hand so that it
says exactly what the API does (a test checks that each path it lists answers as described)."""

from __future__ import annotations

from typing import Any

from tonecheck._version import __version__

_ERROR = {
    "type": "object",
    "required": ["schema_version", "tonecheck_version", "error"],
    "properties": {
        "schema_version": {"type": "integer", "const": 1},
        "tonecheck_version": {"type": "string"},
        "error": {
            "type": "object",
            "required": ["kind", "message"],
            "properties": {
                "kind": {
                    "type": "string",
                    "enum": [
                        "bad-request",
                        "bad-config",
                        "not-found",
                        "method-not-allowed",
                        "too-large",
                        "not-text",
                        "binary",
                        "empty",
                        "bad-encoding",
                        "bad-email",
                        "bad-docx",
                        "unreadable",
                        "internal-error",
                    ],
                },
                "message": {"type": "string", "description": "One line, naming the input."},
            },
        },
    },
}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def openapi_document(max_bytes: int) -> dict[str, Any]:
    """The document, with the server's ``max_bytes`` limit stated."""
    settings = {
        "type": "object",
        "description": "Config keys as in .tonecheck.toml (README, Configuration), laid over the "
        "server's settings; an unknown key or a bad value is a 422 bad-config. max_bytes may be "
        "lowered, not raised.",
        "additionalProperties": True,
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "tonecheck",
            "version": __version__,
            "description": "Tone checks for the note a candidate sends after a job interview. "
            "Results follow tonecheck's JSON output contract (schema_version 1).",
        },
        "paths": {
            "/api/lint": {
                "post": {
                    "summary": "Lint one letter",
                    "description": f"The letter is at most {max_bytes:,} bytes (max_bytes). "
                    "Nothing is stored.",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["text"],
                                    "additionalProperties": False,
                                    "properties": {
                                        "text": {"type": "string"},
                                        "source": {"type": "string", "maxLength": 200},
                                        "settings": settings,
                                    },
                                }
                            },
                            "text/plain": {"schema": {"type": "string"}},
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "file": {
                                            "type": "string",
                                            "format": "binary",
                                            "description": ".txt, .md, .eml or .docx",
                                        },
                                        "text": {"type": "string"},
                                        "source": {"type": "string"},
                                        "settings": {
                                            "type": "string",
                                            "description": "a JSON object of config keys",
                                        },
                                    },
                                }
                            },
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The contract's document with one RESULT, plus "
                            "`text`: the analysed text the offsets index.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/LintDocument"}
                                }
                            },
                        },
                        "400": _error("Malformed JSON or form, unknown field (bad-request)"),
                        "413": _error("Larger than max_bytes (too-large)"),
                        "415": _error("Not text: content type or file type (not-text, binary)"),
                        "422": _error(
                            "Bad settings (bad-config) or an input that cannot be analysed "
                            "(empty, bad-encoding, bad-email, bad-docx)"
                        ),
                    },
                }
            },
            "/api/rules": {
                "get": {
                    "summary": "Every rule: code, name, category, severity, summary, doc",
                    "responses": {"200": {"description": "The rules"}},
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness: status ok, versions",
                    "responses": {"200": {"description": "Alive"}},
                }
            },
            "/openapi.json": {
                "get": {
                    "summary": "This document",
                    "responses": {"200": {"description": "OpenAPI 3.1"}},
                }
            },
        },
        "components": {
            "schemas": {
                "Error": _error_schema(),
                "LintDocument": {
                    "type": "object",
                    "required": ["schema_version", "tonecheck_version", "results", "text"],
                    "properties": {
                        "schema_version": {"type": "integer", "const": 1},
                        "tonecheck_version": {"type": "string"},
                        "results": {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": 1,
                            "items": {
                                "type": "object",
                                "description": "A RESULT of docs/CONTRACT.md",
                            },
                        },
                        "text": {"type": "string"},
                    },
                },
            }
        },
    }


def _error_schema() -> dict[str, Any]:
    return _ERROR
