"""A tiny but real OpenID Connect provider for tests: discovery, authorize, token (PKCE), JWKS.

`/authorize` signs in whoever `provider.next_user` names without a login page, and the token
endpoint issues RS256 id_tokens — enough to exercise the relying party end to end over HTTP.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import socket
import threading
import time
from urllib.parse import urlencode

import uvicorn
from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from joserfc import jwt
from joserfc.jwk import RSAKey


class LocalProvider:
    def __init__(self, client_id: str = "gj-test", client_secret: str = "s3cret-for-tests"):
        self.client_id, self.client_secret = client_id, client_secret
        self.key = RSAKey.generate_key(2048, {"kid": "idp-1", "alg": "RS256"})
        self.next_user: dict = {}
        self.unsigned = False  # hand out alg "none" tokens (to prove the client refuses them)
        self.codes: dict[str, dict] = {}
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.app = self._build()
        self._server: uvicorn.Server | None = None

    def _build(self) -> FastAPI:
        app = FastAPI()

        @app.get("/.well-known/openid-configuration")
        def configuration() -> dict:
            return {"issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                    "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
                    "response_types_supported": ["code"], "subject_types_supported": ["public"],
                    "id_token_signing_alg_values_supported":
                        ["RS256", "none"] if self.unsigned else ["RS256"]}

        @app.get("/jwks")
        def jwks() -> dict:
            return {"keys": [self.key.as_dict(private=False)]}

        @app.get("/authorize")
        def authorize(client_id: str, redirect_uri: str, state: str, nonce: str,
                      code_challenge: str, code_challenge_method: str,
                      response_type: str = "code") -> RedirectResponse:
            if client_id != self.client_id or code_challenge_method != "S256":
                raise HTTPException(400, "bad client")
            code = secrets.token_urlsafe(16)
            self.codes[code] = {"nonce": nonce, "challenge": code_challenge,
                                "redirect_uri": redirect_uri, "user": dict(self.next_user)}
            return RedirectResponse(f"{redirect_uri}?{urlencode({'code': code, 'state': state})}")

        @app.post("/token")
        def token(request: Request, grant_type: str = Form(), code: str = Form(),
                  redirect_uri: str = Form(), code_verifier: str = Form()) -> dict:
            auth = request.headers.get("authorization", "")
            expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
            if auth != f"Basic {expected}":
                raise HTTPException(401, "client authentication failed")
            grant = self.codes.pop(code, None)
            digest = base64.urlsafe_b64encode(hashlib.sha256(code_verifier.encode()).digest())
            if (grant is None or grant_type != "authorization_code"
                    or grant["redirect_uri"] != redirect_uri
                    or digest.rstrip(b"=").decode() != grant["challenge"]):
                raise HTTPException(400, "invalid_grant")
            now = int(time.time())
            claims = {"iss": self.issuer, "aud": self.client_id, "sub": grant["user"]["email"],
                      "iat": now, "exp": now + 300, "nonce": grant["nonce"], **grant["user"]}
            id_token = (_unsigned(claims) if self.unsigned
                        else jwt.encode({"alg": "RS256", "kid": "idp-1"}, claims, self.key))
            return {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                    "expires_in": 300, "id_token": id_token}

        return app

    def __enter__(self) -> LocalProvider:
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self._server = uvicorn.Server(config)
        thread = threading.Thread(target=self._server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the local OpenID provider did not start")
            time.sleep(0.02)
        self._thread = thread
        return self

    def __exit__(self, *exc) -> None:
        assert self._server is not None
        self._server.should_exit = True
        self._thread.join(timeout=5)


def _unsigned(claims: dict) -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
