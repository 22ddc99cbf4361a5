"""Maps errors to the API envelope {"success": false, "error": {code, message, fields}}."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.errors import DomainError

log = logging.getLogger(__name__)


def error_body(code: str, message: str, fields: dict[str, str] | None = None) -> dict:
    return {"success": False, "error": {"code": code, "message": message, "fields": fields or {}}}


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return JSONResponse(error_body(exc.code, exc.message, exc.fields), status_code=exc.http_status)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields: dict[str, str] = {}
    for err in exc.errors():
        # ("body", "guest", "email") -> "guest.email": the field as the client sent it.
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
        fields[".".join(loc) or "request"] = err.get("msg", "is not valid")
    return JSONResponse(error_body("validation_error", "The request is not valid.", fields),
                        status_code=422)


HTTP_CODES = {400: "bad_request", 401: "not_authenticated", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 413: "body_too_large", 415: "unsupported_media_type",
              429: "rate_limited"}


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    # Framework answers (unknown path, wrong method, unparsable body) in the same envelope.
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "The request cannot be processed."
    return JSONResponse(error_body(HTTP_CODES.get(exc.status_code, "http_error"), message),
                        status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def _data_error(request: Request, exc: Exception) -> JSONResponse:
    # Postgres refuses NUL characters in text; nothing was stored (the transaction rolled back).
    if "NUL" in str(getattr(exc, "orig", exc)):
        return JSONResponse(error_body("validation_error", "Text may not contain NUL (\\0) "
                                       "characters.", {"request": "contains a NUL character"}),
                            status_code=422)
    return await _unexpected(request, exc)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The details go to the log, never to the client.
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(error_body("internal_error", "Something went wrong on our side. "
                                   "The error has been logged; please try again."),
                        status_code=500)


def install_error_handlers(api: FastAPI) -> None:
    api.add_exception_handler(DomainError, _domain_error)
    api.add_exception_handler(RequestValidationError, _validation_error)
    api.add_exception_handler(StarletteHTTPException, _http_error)
    api.add_exception_handler(DataError, _data_error)
    api.add_exception_handler(Exception, _unexpected)
