from fastapi.testclient import TestClient

from assistant.errors import NianbaoError
from assistant.web import create_app


def test_healthz(settings):
    client = TestClient(create_app(settings))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["ok"] is True


def test_nianbao_error_has_the_shared_error_body(settings):
    app = create_app(settings)

    @app.get("/boom")
    def boom():
        raise NianbaoError("报告文件缺少字段 year", file="r.yaml", line=3)

    response = TestClient(app).get("/boom")
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False
    assert body["error"]["message"] == "报告文件缺少字段 year"
    assert body["error"]["line"] == 3
