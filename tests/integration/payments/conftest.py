"""Payments tests: a real localstripe server (the Stripe stand-in) and one property per module."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "folio"))
from folio_support import BACKENDS, module_property  # noqa: E402

VENV_BIN = Path(sys.executable).parent


@pytest.fixture(scope="module", params=BACKENDS)
def prop(request, tmp_path_factory):
    yield from module_property(request, tmp_path_factory)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url():
    port = _free_port()
    # --from-scratch: every localstripe on the machine shares /tmp/localstripe.pickle, and a
    # truncated one left by another run stops it from starting.
    proc = subprocess.Popen([str(VENV_BIN / "localstripe"), "--port", str(port),
                             "--from-scratch"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(url + "/v1/customers", auth=("sk_test_x", ""), timeout=1)
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("localstripe did not start")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def stripe_gateway(localstripe_url):
    """Our gateway, the real stripe SDK, pointed at localstripe."""
    from core.payments.gateway import StripeGateway, set_gateway

    gateway = StripeGateway("sk_test_12345", api_base=localstripe_url)
    set_gateway(gateway)
    yield gateway
    set_gateway(None)


@pytest.fixture
def card_token(stripe_gateway):
    """What Stripe.js hands the browser: a payment-method token (the number stays at Stripe)."""

    def make(number: str = "4242424242424242") -> str:
        pm = stripe_gateway.client.v1.payment_methods.create(params={
            "type": "card",
            "card": {"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"}})
        return pm["id"]

    return make
