"""Single sign-on routes: start at the chain's OpenID provider, come back to /auth/oidc/callback."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse

from core.api.auth import set_auth_cookie, step_response
from core.api.deps import SESSION_COOKIE, client_ip, user_agent
from core.identity import oidc

router = APIRouter(prefix="/auth/oidc", tags=["auth"])


@router.get("/{chain_slug}/start", summary="Redirect to the chain's OpenID Connect provider")
def oidc_start(request: Request, chain_slug: str, property_id: uuid.UUID | None = None,
               kind: str = "browser", app: str = "", return_to: str = "/") -> RedirectResponse:
    url = oidc.start(chain_slug, str(request.url_for("oidc_callback")), property_id=property_id,
                     kind="api" if kind == "api" else "browser", app=app, return_to=return_to)
    return RedirectResponse(url, status_code=302)


@router.get("/callback", name="oidc_callback", response_model=None,
            summary="Where the provider sends the user back")
def oidc_callback(request: Request, state: str = "", code: str = "",
                  error: str | None = None) -> JSONResponse | RedirectResponse:
    if error or not code:
        raise oidc.SsoFailed("Single sign-on was cancelled or refused by the provider.")
    step, return_to = oidc.finish(state, code, ip=client_ip(request),
                                  user_agent=user_agent(request))
    creds = step.credentials
    if creds is not None and creds.session_cookie and creds.session_expires_at:
        response = RedirectResponse(return_to, status_code=303)
        set_auth_cookie(response, request, SESSION_COOKIE, creds.session_cookie,
                        creds.session_expires_at)
        return response
    return step_response(request, step)
