"""Sign-in routes: API tokens (/auth/login, /auth/refresh, ...) and browser sessions (/auth/session/...).

Thin: each route reads the request, calls one core.identity use case, and sets or clears cookies.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from core.api.deps import (
    ACCESS_COOKIE,
    REFRESH_COOKIE,
    SESSION_COOKIE,
    CurrentActor,
    bearer_token,
    client_ip,
    user_agent,
)
from core.api.errors import error_body
from core.api.v1.common import Envelope, ListEnvelope, Page, ok
from core.db.uow import control_uow
from core.identity import login, resolve, rules, self_service, services, tokens
from core.identity.errors import InvalidToken, TooManyAttempts
from core.identity.schemas import (
    BrowserSessionStarted,
    Jwks,
    Me,
    MfaChallenge,
    MfaEnrolmentPublic,
    MfaEnrolmentStarted,
    OwnSessionPublic,
    RecoveryCodes,
    SessionRevoked,
    SignedOut,
    TokensIssued,
)

router = APIRouter(prefix="/auth", tags=["auth"])


class LoginBody(BaseModel):
    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)
    property_id: uuid.UUID | None = None
    app: str = Field(default="", max_length=40)


class MfaBody(BaseModel):
    mfa_token: str = Field(max_length=200)
    code: str = Field(max_length=20)


class RefreshBody(BaseModel):
    refresh_token: str | None = Field(default=None, max_length=200)


def _secure(request: Request) -> bool:
    proto = request.headers.get("x-forwarded-proto", request.url.scheme)
    return proto == "https"


def set_auth_cookie(response: Response, request: Request, name: str, value: str,
                    expires: datetime, path: str = "/") -> None:
    response.set_cookie(name, value, expires=expires, path=path, httponly=True, samesite="lax",
                        secure=_secure(request))


def _no_store(data: BaseModel) -> JSONResponse:
    """The envelope of `data` (fields left unset stay out), never cached: it holds secrets."""
    return JSONResponse(ok(data.model_dump(mode="json", exclude_unset=True)),
                        headers={"Cache-Control": "no-store"})


def credentials_response(request: Request, creds: login.Credentials) -> JSONResponse:
    common: dict = {"user_id": creds.user_id, "property_id": creds.property_id,
                    "session_id": creds.session_id}
    if creds.recovery_codes:
        common["recovery_codes"] = creds.recovery_codes  # shown once, right after enrolment
    if creds.kind == "browser":
        assert creds.session_cookie and creds.session_expires_at
        response = _no_store(BrowserSessionStarted(
            mfa_required=False, session_expires_at=creds.session_expires_at, **common))
        set_auth_cookie(response, request, SESSION_COOKIE, creds.session_cookie,
                        creds.session_expires_at)
        return response
    assert creds.access_token and creds.access_expires_at and creds.refresh_token
    response = _no_store(TokensIssued(
        mfa_required=False, access_token=creds.access_token, token_type="Bearer",
        expires_at=creds.access_expires_at, refresh_token=creds.refresh_token, **common))
    set_auth_cookie(response, request, ACCESS_COOKIE, creds.access_token, creds.access_expires_at)
    # Sent only to /auth (refresh, logout), never with ordinary API calls.
    set_auth_cookie(response, request, REFRESH_COOKIE, creds.refresh_token,
                    creds.access_expires_at + rules.REFRESH_TOKEN_TTL, path="/auth")
    return response


def step_response(request: Request, step: login.LoginStep) -> JSONResponse:
    if step.credentials:
        return credentials_response(request, step.credentials)
    assert step.mfa_token
    enrolment = None
    if step.enrolment:
        enrolment = MfaEnrolmentPublic(secret=step.enrolment.secret,
                                       otpauth_uri=step.enrolment.otpauth_uri,
                                       qr_svg=step.enrolment.qr_svg)
    return _no_store(MfaChallenge(mfa_required=True, mfa_token=step.mfa_token,
                                  enrolment=enrolment))


def _throttled(exc: TooManyAttempts) -> JSONResponse:
    return JSONResponse(error_body(exc.code, exc.message), status_code=exc.http_status,
                        headers={"Retry-After": str(exc.retry_after)})


def _password_login(request: Request, body: LoginBody, kind: str) -> JSONResponse:
    try:
        step = login.password_login(body.email, body.password, kind=kind, app=body.app,
                                    property_id=body.property_id, ip=client_ip(request),
                                    user_agent=user_agent(request))
    except TooManyAttempts as exc:
        return _throttled(exc)
    return step_response(request, step)


@router.post("/login", response_model=Envelope[TokensIssued | MfaChallenge],
             summary="Sign in for API tokens (second step: /auth/mfa/verify)")
def api_login(request: Request, body: LoginBody) -> JSONResponse:
    return _password_login(request, body, "api")


@router.post("/mfa/verify", response_model=Envelope[TokensIssued | BrowserSessionStarted],
             summary="Second step of sign-in: a TOTP or recovery code")
def mfa_verify(request: Request, body: MfaBody) -> JSONResponse:
    creds = login.verify_mfa(body.mfa_token, body.code, ip=client_ip(request),
                             user_agent=user_agent(request))
    return credentials_response(request, creds)


@router.post("/refresh", response_model=Envelope[TokensIssued],
             summary="Exchange a refresh token (body or cookie) for a new pair")
def refresh(request: Request, body: RefreshBody | None = None) -> JSONResponse:
    raw = (body.refresh_token if body else None) or request.cookies.get(REFRESH_COOKIE)
    if not raw:
        raise InvalidToken("Please sign in.")
    creds = login.refresh(raw, ip=client_ip(request), user_agent=user_agent(request))
    return credentials_response(request, creds)


@router.post("/logout", response_model=Envelope[SignedOut],
             summary="End this sign-in (tokens or browser session)")
def logout(request: Request, body: RefreshBody | None = None) -> JSONResponse:
    session_id = None
    token = bearer_token(request)
    refresh_raw = (body.refresh_token if body else None) or request.cookies.get(REFRESH_COOKIE)
    try:
        if token:
            session_id = resolve.session_of(token, is_cookie=False)
        elif refresh_raw:
            session_id = login.session_id_for_refresh_token(refresh_raw)
        elif request.cookies.get(SESSION_COOKIE):
            session_id = resolve.session_of(request.cookies[SESSION_COOKIE], is_cookie=True)
    except InvalidToken:
        session_id = None  # already over: logging out is idempotent
    if session_id:
        login.logout(session_id, ip=client_ip(request), user_agent=user_agent(request))
    response = JSONResponse(ok(SignedOut().model_dump(mode="json")))
    for name, path in ((ACCESS_COOKIE, "/"), (REFRESH_COOKIE, "/auth"), (SESSION_COOKIE, "/")):
        response.delete_cookie(name, path=path, httponly=True, samesite="lax",
                               secure=_secure(request))
    return response


@router.get("/me", response_model=Envelope[Me],
            summary="The signed-in user, property, roles and permissions")
def me(actor: CurrentActor) -> dict:
    return ok(services.whoami(actor))


@router.post("/session/login", response_model=Envelope[BrowserSessionStarted | MfaChallenge],
             summary="Browser sign-in: sets the HttpOnly session cookie")
def session_login(request: Request, body: LoginBody) -> JSONResponse:
    return _password_login(request, body, "browser")


@router.post("/session/mfa", response_model=Envelope[TokensIssued | BrowserSessionStarted],
             summary="Browser sign-in, second step (the kind of the first step decides)")
def session_mfa(request: Request, body: MfaBody) -> JSONResponse:
    return mfa_verify(request, body)


@router.get("/sessions", response_model=ListEnvelope[OwnSessionPublic],
            summary="My live sessions (browsers and apps)")
def my_sessions(actor: CurrentActor, page: Annotated[Page, Depends()]) -> dict:
    with control_uow(actor, write=False) as uow:
        items = services.list_sessions(uow)
    return page.envelope_of_all([OwnSessionPublic(**s.model_dump(),
                                                  current=str(s.id) == actor.session_id)
                                 for s in items])


@router.delete("/sessions/{session_id}", response_model=Envelope[SessionRevoked],
               summary="End one of my sessions")
def revoke_my_session(session_id: uuid.UUID, actor: CurrentActor) -> dict:
    with control_uow(actor) as uow:
        services.revoke_session(uow, session_id)
        uow.commit()
    return ok(SessionRevoked())


class EnrolConfirmBody(BaseModel):
    enrolment_token: str = Field(max_length=200)
    code: str = Field(max_length=20)


class CodeBody(BaseModel):
    code: str = Field(max_length=20)


@router.post("/mfa/enrol", response_model=Envelope[MfaEnrolmentStarted],
             summary="Start setting up two-step sign-in (QR code to scan)")
def mfa_enrol(actor: CurrentActor) -> JSONResponse:
    with control_uow(actor) as uow:
        token, enrolment = self_service.start_enrolment(uow)
        uow.commit()
    return _no_store(MfaEnrolmentStarted(enrolment_token=token, secret=enrolment.secret,
                                         otpauth_uri=enrolment.otpauth_uri,
                                         qr_svg=enrolment.qr_svg))


@router.post("/mfa/enrol/confirm", response_model=Envelope[RecoveryCodes], summary="Finish set-up with the first code; returns recovery codes")
def mfa_enrol_confirm(actor: CurrentActor, body: EnrolConfirmBody) -> JSONResponse:
    with control_uow(actor) as uow:
        codes = self_service.confirm_enrolment(uow, body.enrolment_token, body.code)
        uow.commit()
    return _no_store(RecoveryCodes(recovery_codes=codes))


@router.post("/mfa/recovery-codes", response_model=Envelope[RecoveryCodes], summary="Replace the recovery codes (needs a current code)")
def mfa_recovery_codes(actor: CurrentActor, body: CodeBody) -> JSONResponse:
    with control_uow(actor) as uow:
        codes = self_service.renew_recovery_codes(uow, body.code)
        uow.commit()
    return _no_store(RecoveryCodes(recovery_codes=codes))


@router.get("/jwks.json", response_model=Jwks, summary="Public keys that verify access tokens (asymmetric keys only)")
def jwks() -> dict:
    return tokens.public_jwks()  # bare JWKS, as verifiers expect, not the envelope
