"""Contract checks of API answers against /api/openapi.json (the document, not the Python types).

`documented(response)` finds the operation the request hit, takes the schema the document
declares for the answer's status, and validates the JSON body with it (JSON Schema 2020-12, as
OpenAPI 3.1 says, formats included: ids must be UUIDs, dates ISO 8601). An undeclared status or a body the schema refuses fails the test.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jsonschema_rs


@cache
def _document(app) -> dict[str, Any]:
    return app.openapi()


def _operation(doc: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    # The most literal template wins (".../tasks/{task_id}" before ".../{topic}/stream").
    candidates = []
    for template, item in doc["paths"].items():
        pattern = "^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method in item:
            candidates.append((template.count("{"), template))
    assert candidates, f"{method.upper()} {path} is not in the OpenAPI document"
    return doc["paths"][min(candidates)[1]][method]


def documented(response, app) -> Any:
    """The JSON body of `response`, once it matches the schema documented for its status."""
    doc = _document(app)
    op = _operation(doc, response.request.method.lower(), response.request.url.path)
    status = str(response.status_code)
    assert status in op["responses"], f"{status} is not a documented answer: {response.text}"
    content = op["responses"][status].get("content", {})
    assert "application/json" in content, f"{status} is not documented as JSON"
    schema = content["application/json"]["schema"]
    assert "$ref" in schema or schema.get("properties"), f"{status} has no documented shape"
    body = response.json()
    validator = jsonschema_rs.Draft202012Validator(
        {**schema, "components": doc["components"]}, validate_formats=True)
    errors = [f"{'/'.join(map(str, e.instance_path))}: {e.message}"
              for e in validator.iter_errors(body)]
    assert not errors, "body does not match the documented schema:\n" + "\n".join(errors)
    return body
