"""Operations endpoints every app serves: GET /health and GET /metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from core.api.health import HealthReport, health_report
from core.api.metrics import render_metrics

router = APIRouter(tags=["operations"])


@router.get("/health", summary="Liveness and dependency reachability",
            response_model=HealthReport,
            responses={503: {"model": HealthReport,
                             "description": "A configured dependency is unreachable"}})
def health(request: Request) -> JSONResponse:
    # A plain (sync) handler runs in the thread pool, so a slow database never blocks the loop.
    status, body = health_report(request.app.state.gj_app_name, request.app.version)
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


@router.get("/metrics", summary="Prometheus metrics in text exposition format",
            response_class=PlainTextResponse)
def metrics() -> Response:
    payload, content_type = render_metrics()
    return Response(payload, media_type=content_type)
