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


def _sample_text():
    from pathlib import Path

    return (Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml").read_bytes()


def test_api_validate_gives_the_cli_json_shape(settings):
    client = TestClient(create_app(settings))
    response = client.post("/api/validate", params={"name": "sample-2021.yaml"}, content=_sample_text())
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"report", "findings", "summary"}
    assert sorted(f["code"] for f in body["findings"]) == ["S-FEE-REPORT", "S-NUMBERING", "S-NUMBERING"]
    assert body["summary"]["warning"] == 1


def test_api_validate_bad_report_names_the_key_and_line(settings):
    client = TestClient(create_app(settings))
    bad = b"agency: x\nissuer_kind: \xe9\x83\xa8\xe9\x97\xa8\nyear: 2024\nformat: '2021'\ncells:\n  t3.bogus.total: 1\n"
    response = client.post("/api/validate", params={"name": "bad.yaml"}, content=bad)
    assert response.status_code == 400
    error = response.json()["error"]
    assert "t3.bogus.total" in error["message"] and error["line"] == 6 and error["file"] == "bad.yaml"


def test_api_import_reads_the_published_sample(settings):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "2021-中韩示范区党政综合办公室.txt"
    client = TestClient(create_app(settings))
    response = client.post("/api/import", params={"name": sample.name}, content=sample.read_bytes())
    assert response.status_code == 200
    body = response.json()
    assert body["summary"]["cells_read"] == body["summary"]["cells_expected"] == 200
    assert body["report"]["year"] == 2021
    assert body["report"]["cells"]["t3.new.total"] == 0


def test_api_import_refuses_an_empty_upload(settings):
    client = TestClient(create_app(settings))
    response = client.post("/api/import", params={"name": "x.txt"}, content=b"")
    assert response.status_code == 400
    assert "空" in response.json()["error"]["message"]
