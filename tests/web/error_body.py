"""The shape every non-success web answer has (NianbaoError's body, Chinese, no traceback or server path),
and the walk over every endpoint of the app that the route tests share."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff]")


def assert_error_body(response, status: int | None = None) -> dict:
    if status is not None:
        assert response.status_code == status, (response.status_code, response.text)
    assert response.status_code >= 400
    assert response.headers["content-type"].startswith("application/json"), response.text
    body = response.json()
    assert set(body) == {"ok", "error"} and body["ok"] is False, body
    error = body["error"]
    assert set(error) == {"message", "details", "file", "line"}, error
    assert isinstance(error["message"], str) and CJK.search(error["message"]), error
    assert isinstance(error["details"], list)
    text = response.text
    assert "Traceback" not in text and "File \"" not in text and "/tmp/" not in text, text
    return error


def app_routes(app):
    """Every endpoint of the app, routers included (FastAPI keeps included routers as one entry)."""
    for route in app.routes:
        if hasattr(route, "effective_route_contexts"):
            yield from route.effective_route_contexts()
        elif getattr(route, "methods", None):
            yield route
