"""Request body size limits: JSON bodies up to GJ_API_MAX_BODY_BYTES, uploads up to 10 MB.

Refused with 413 before the body is read when Content-Length says so; a body sent without a
length (chunked) is read here up to the limit, then handed on.
"""

from __future__ import annotations

import json

from core.config import get_settings
from core.media.rules import MAX_UPLOAD_BYTES

# Multipart adds boundaries and part headers around the file itself.
UPLOAD_LIMIT = MAX_UPLOAD_BYTES + 64 * 1024
UPLOAD_PATH_PARTS = ("/uploads/", "/photos")


def _limit_for(path: str, default: int) -> int:
    return UPLOAD_LIMIT if any(p in path for p in UPLOAD_PATH_PARTS) else default


def _refusal(limit: int) -> bytes:
    return json.dumps({"success": False, "error": {
        "code": "body_too_large",
        "message": f"The request body is larger than the limit of {limit} bytes.",
        "fields": {"body": f"at most {limit} bytes"}}}).encode()


class BodyLimitMiddleware:
    """Pure ASGI, applied to /api/ and /auth/ paths only."""

    def __init__(self, app) -> None:
        self.app = app
        self.default = get_settings().api_max_body_bytes

    async def _refuse(self, send, limit: int) -> None:
        body = _refusal(limit)
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(("/api/", "/auth/")):
            await self.app(scope, receive, send)
            return
        limit = _limit_for(path, self.default)
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        if length.isdigit() and int(length) > limit:
            await self._refuse(send, limit)
            return
        if length or scope.get("method") in ("GET", "HEAD", "DELETE", "OPTIONS"):
            # The server holds a request to its Content-Length; nothing more to count.
            await self.app(scope, receive, send)
            return
        # Chunked: read it here, bounded, then hand the app the body in one piece.
        chunks, received, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            received += len(chunks[-1])
            if received > limit:
                await self._refuse(send, limit)
                return
            more = message.get("more_body", False)
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
