"""The OpenAPI 3.1 document and the interactive docs page."""

from __future__ import annotations


def test_the_document_is_openapi_3_1_with_error_envelopes_and_auth(api):
    r = api.client.get("/api/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert doc["openapi"].startswith("3.1")
    op = doc["paths"]["/api/v1/properties/{property_id}/reservations"]["post"]
    assert {"201", "401", "403", "404", "409", "422", "429"} <= set(op["responses"])
    assert op["responses"]["409"]["content"]["application/json"]["schema"]["$ref"] == \
        "#/components/schemas/ErrorEnvelope"
    assert "Retry-After" in op["responses"]["429"]["headers"]
    assert {"bearer": []} in op["security"]
    assert any(p["name"] == "Idempotency-Key" for p in op["parameters"])
    envelope = doc["components"]["schemas"]["ErrorEnvelope"]
    assert set(envelope["properties"]) == {"success", "error"}
    assert "/api/v1/uploads/photo" in doc["paths"]


def test_the_interactive_docs_page_loads_the_document(api):
    r = api.client.get("/api/docs")
    assert r.status_code == 200 and "/api/openapi.json" in r.text


def test_unknown_routes_and_methods_answer_in_the_envelope(api):
    r = api.client.get("/api/v1/nowhere", headers=api.headers["desk"])
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = api.client.delete(api.url("/room-types"), headers=api.headers["desk"])
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
