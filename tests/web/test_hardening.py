"""The web server under odd or hostile use: names, sizes, slow jobs — always the one error body."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

import pytest
from error_body import assert_error_body
from fastapi.testclient import TestClient

from assistant.web import create_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def client(settings):
    return TestClient(create_app(settings), raise_server_exceptions=False)


@pytest.mark.parametrize("route", ["/api/import", "/api/validate"])
@pytest.mark.parametrize(
    "name,words", [("..", "文件名"), ("a\x00b.yaml", "控制字符"), ("年" * 300 + ".yaml", "太长"), ("dir/", "文件名")]
)
def test_odd_file_names_get_the_error_body(client, route, name, words):
    response = client.post(route, params={"name": name}, content=b"agency: x\n")
    error = assert_error_body(response, 400)
    assert words in error["message"]


def test_a_path_in_the_name_keeps_only_the_file_name(client):
    response = client.post("/api/validate", params={"name": "..\\..\\etc\\sample-2021.yaml"},
                           content=(FIXTURES / "sample-2021.yaml").read_bytes())
    assert response.status_code == 200
    assert response.json()["report"]["path"] == "sample-2021.yaml"


@pytest.mark.parametrize("name,data", [("年报.docx", b"PK\x03\x04 not a zip"), ("年报.pdf", b"%PDF-1.4 junk"),
                                       ("年报.txt", "随便几句话".encode())])
def test_import_errors_name_the_upload_not_the_servers_temp_folder(client, name, data):
    response = client.post("/api/import", params={"name": name}, content=data)
    error = assert_error_body(response, 400)
    assert error["file"] == name
    assert "nianbao-import" not in response.text and "/tmp" not in response.text


def _asgi_upload(app, path: str, chunks: int, chunk: bytes) -> tuple[int, dict, int]:
    """POST a body of `chunks` pieces straight through ASGI; returns (status, body, pieces read)."""
    sent: list[dict] = []
    read = 0

    async def receive():
        nonlocal read
        read += 1
        return {"type": "http.request", "body": chunk, "more_body": read < chunks}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"name=big.pdf", "root_path": "",
        "headers": [(b"host", b"test"), (b"transfer-encoding", b"chunked")], "client": ("127.0.0.1", 1),
        "server": ("test", 80),
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], json.loads(body), read


def test_an_oversized_upload_is_refused_while_it_streams(settings):
    app = create_app(settings.model_copy(update={"web_max_upload_mb": 1}))
    status, body, read = _asgi_upload(app, "/api/import", chunks=1600, chunk=b"x" * 65536)  # 100 MB offered
    assert status == 413
    assert body["ok"] is False and "1 MB" in body["error"]["message"]
    assert read <= 17  # stopped just past 1 MB, not after reading 100 MB


def test_a_declared_oversized_upload_is_refused_before_reading(settings):
    app = create_app(settings.model_copy(update={"web_max_upload_mb": 1}))
    client = TestClient(app)
    response = client.post("/api/validate", params={"name": "r.yaml"}, content=b"x" * (2 * 1024 * 1024))
    assert_error_body(response, 413)


def _slow_import(seconds: float):
    def slow(settings, data, name, **kwargs):
        time.sleep(seconds)
        from assistant.errors import NianbaoError

        raise NianbaoError("慢", file=name)

    return slow


def test_a_slow_import_does_not_stall_the_server(settings, monkeypatch):
    import assistant.services.import_report as service

    monkeypatch.setattr(service, "import_upload", _slow_import(2.0))
    with TestClient(create_app(settings)) as client:
        worker = threading.Thread(target=client.post, args=("/api/import",), kwargs={
            "params": {"name": "a.txt"}, "content": b"x"})
        worker.start()
        time.sleep(0.3)
        started = time.perf_counter()
        assert client.get("/healthz").status_code == 200
        waited = time.perf_counter() - started
        worker.join()
    assert waited < 1.0  # before: about 2 s, the whole import


def test_a_job_past_its_time_is_answered_with_504(settings, monkeypatch):
    import assistant.services.import_report as service

    monkeypatch.setattr(service, "import_upload", _slow_import(1.5))
    app = create_app(settings.model_copy(update={"web_job_timeout": 0.3}))
    response = TestClient(app).post("/api/import", params={"name": "a.txt"}, content=b"x")
    error = assert_error_body(response, 504)
    assert "超时" in error["message"]
