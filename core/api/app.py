"""The FastAPI app each Reflex app mounts (rx.App(api_transformer=create_api(name)))."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI

from core.api import openapi
from core.api.bodylimit import BodyLimitMiddleware
from core.api.errors import install_error_handlers
from core.api.metrics import MetricsMiddleware
from core.api.ratelimit import RateLimitMiddleware
from core.api.routers import ALL_APPS, routers_for


def app_version() -> str:
    try:
        return version("guest-journey")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def create_api(app_name: str) -> FastAPI:
    """Build the API for one app: its routers from core.api.routers, error envelope, metrics."""
    if app_name not in ALL_APPS:
        raise ValueError(f"unknown app {app_name!r}; expected one of {ALL_APPS}")
    api = FastAPI(
        title=f"Guest Journey {app_name}",
        version=app_version(),
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    api.state.gj_app_name = app_name
    install_error_handlers(api)
    for router, prefix in routers_for(app_name):
        api.include_router(router, prefix=prefix)
    openapi.install(api)
    # Limits apply to /api/ and /auth/ only: the body cap inside the rate limit, so a caller
    # sending oversized bodies still spends its quota.
    api.add_middleware(BodyLimitMiddleware)
    api.add_middleware(RateLimitMiddleware)
    # Outermost, so it also times requests answered by the mounted Reflex app and its pages.
    api.add_middleware(MetricsMiddleware, app_name=app_name)
    return api
