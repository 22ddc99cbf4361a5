"""Long-lived browser caching for the compiled frontend's content-hashed files (/assets/...).

Without a Cache-Control header the browser revalidates every script chunk on every page load
and, worse, on the first visit to a page in a tab: opening the search results waited for the
results page's chunk to come back 304 from the (busy) Python server before anything showed.
Vite names every file under /assets/ after its content's hash, so a changed file has a new
name and the old one can be kept for good.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ASSETS_PREFIX = "/assets/"
IMMUTABLE = "public, max-age=31536000, immutable"


def cache_hashed_assets(app: ASGIApp) -> ASGIApp:
    """Wrap `app` so 200 answers under /assets/ may be cached for a year without revalidation."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(ASSETS_PREFIX):
            await app(scope, receive, send)
            return

        async def send_cached(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                MutableHeaders(scope=message)["Cache-Control"] = IMMUTABLE
            await send(message)

        await app(scope, receive, send_cached)

    return wrapped
