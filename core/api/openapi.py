"""The OpenAPI 3.1 document at /api/openapi.json: every route, its schemas and its error answers.

FastAPI generates paths and schemas from the types; this adds what it cannot know: the error
envelope each route may answer with (validation, auth, permission, not found, conflict, rate
limit, body limits) and how to authenticate (a Bearer JWT or the HttpOnly cookies).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from core.api.v1.common import ErrorEnvelope

ERRORS: dict[str, str] = {
    "400": "The request cannot be processed",
    "401": "Not signed in, or the token expired (code not_authenticated / invalid_token)",
    "403": "Signed in without the permission this needs (code forbidden)",
    "404": "No such thing at this property, or a property the caller does not work at",
    "409": "A business rule refused it now (e.g. not_available, illegal_transition)",
    "413": "The body is larger than the limit (body_too_large, file_too_large)",
    "415": "An upload of a type that is not accepted (unsupported_file_type)",
    "422": "Invalid input: `fields` names each bad field (validation_error, "
           "idempotency_key_reused, ...)",
    "429": "Too many requests (rate_limited); see the Retry-After header",
}
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}}


def build_schema(api: FastAPI) -> dict[str, Any]:
    schema = get_openapi(title=api.title, version=api.version, routes=api.routes,
                         description=api.description, openapi_version="3.1.0")
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.update(ErrorEnvelope.model_json_schema(ref_template="#/components/schemas/{model}")
                   .pop("$defs", {}))
    schemas["ErrorEnvelope"] = ErrorEnvelope.model_json_schema(
        ref_template="#/components/schemas/{model}")
    schemas["ErrorEnvelope"].pop("$defs", None)
    components["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                   "description": "The access_token from POST /auth/login"},
        "cookie": {"type": "apiKey", "in": "cookie", "name": "access_token",
                   "description": "The HttpOnly cookie POST /auth/login sets"},
    }
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = op.setdefault("responses", {})
            # FastAPI documents its own validation shape; ours is the error envelope.
            for status, description in ERRORS.items():
                responses[status] = _error_response(description)
                if status == "429":
                    responses[status]["headers"] = RETRY_AFTER
            if not path.startswith("/auth/login") and path not in ("/health", "/metrics"):
                op.setdefault("security", [{"bearer": []}, {"cookie": []}])
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    return schema


def install(api: FastAPI) -> None:
    """Serve the document above (built once, on first request)."""

    def openapi() -> dict[str, Any]:
        if api.openapi_schema is None:
            api.openapi_schema = build_schema(api)
        return api.openapi_schema

    api.openapi = openapi  # type: ignore[method-assign]
