"""Every response that is not a success has NianbaoError's body, in Chinese, without a traceback.

The walk goes over `app.routes`, so a route added later is covered without touching this test.
"""

from __future__ import annotations

import re

import pytest
from error_body import app_routes, assert_error_body
from fastapi.testclient import TestClient

from assistant.web import create_app

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")



def _query_params(route) -> list:
    dependant = getattr(route, "dependant", None)
    return list(dependant.query_params) if dependant is not None else []


def _url(route) -> str:
    return re.sub(r"\{[^}]+\}", "x", route.path)


@pytest.fixture
def client(settings):
    return TestClient(create_app(settings), raise_server_exceptions=False)


def test_the_walk_covers_the_api(client):
    paths = {r.path for r in app_routes(client.app)}
    assert {"/api/validate", "/api/import", "/healthz"} <= paths


def test_every_route_refuses_a_wrong_method_with_the_body(client):
    allowed: dict[str, set[str]] = {}  # one path may have a GET route and a POST route (/login)
    for route in app_routes(client.app):
        allowed.setdefault(route.path, set()).update(route.methods)
    for route in app_routes(client.app):
        for method in METHODS:
            if method in allowed[route.path]:
                continue
            response = client.request(method, _url(route))
            error = assert_error_body(response, 405)
            assert method in error["message"], (route.path, error)


def test_every_route_with_required_query_parameters_names_the_missing_one(client):
    checked = 0
    for route in app_routes(client.app):
        required = [p.alias for p in _query_params(route) if p.field_info.is_required()]
        for method in route.methods:
            response = client.request(method, _url(route), content=b"x")
            if required:
                error = assert_error_body(response, 422)
                assert f"「{required[0]}」" in error["message"] or any(required[0] in d for d in error["details"])
                checked += 1
            elif response.status_code >= 400:
                assert_error_body(response)
    assert checked >= 2


def test_every_route_answers_bad_values_with_the_body(client):
    """Typed query parameters given nonsense, and garbage bodies: whatever the status, the one body."""
    for route in app_routes(client.app):
        params = {p.alias: "不是值\x7f" for p in _query_params(route)}
        for method in route.methods:
            for content in (b"", b"\x00\xff" * 64, b"{" * 5000):
                response = client.request(method, _url(route), params=params, content=content)
                if response.status_code >= 400:
                    assert_error_body(response)


def test_unknown_path_is_404_with_the_body(client):
    error = assert_error_body(client.get("/没有这个/页面"), 404)
    assert "找不到" in error["message"]


def test_a_wrong_typed_parameter_is_named(client):
    response = client.post("/api/import", params={"name": "a.txt", "year": "今年"}, content=b"x")
    error = assert_error_body(response, 422)
    assert "year" in error["message"] and "整数" in error["message"]


def test_an_unexpected_exception_is_500_with_the_body_and_no_traceback(settings):
    app = create_app(settings)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret /tmp/nianbao-import-abc/file.txt")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    error = assert_error_body(response, 500)
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert "内部错误" in error["message"]
