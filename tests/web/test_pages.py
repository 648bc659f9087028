"""The office's pages: sign-in, sessions, CSRF, throttling, per-agency isolation on every route,
escaping, cell editing with live validation, review with conflicts, downloads."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from assistant.web import create_app

from error_body import app_routes
from office import PASSWORD, XSS


def client_for(settings) -> TestClient:
    return TestClient(create_app(settings), raise_server_exceptions=False, follow_redirects=False)


def sign_in(client: TestClient, name: str, password: str = PASSWORD):
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": "/"})


def csrf_of(client: TestClient) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', client.get("/").text).group(1)


def signed_in(settings, name: str) -> TestClient:
    client = client_for(settings)
    assert sign_in(client, name).status_code == 303
    return client


def test_sign_in_sets_an_httponly_lax_cookie_and_shows_the_dashboard(office):
    client = client_for(office["settings"])
    response = sign_in(client, "drafter_a")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "nianbao_session=" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    page = client.get("/")
    assert page.status_code == 200 and "工作台" in page.text and "甲区人民政府" in page.text
    assert "乙县" not in page.text  # the other agency's report is not listed


def test_wrong_password_and_unknown_user_get_the_same_message(office):
    client = client_for(office["settings"])
    wrong = sign_in(client, "drafter_a", "nope")
    unknown = sign_in(client, "nobody", "nope")
    assert wrong.status_code == unknown.status_code == 401
    assert "用户名或密码不对" in wrong.text and "用户名或密码不对" in unknown.text
    assert "nianbao_session" not in wrong.headers.get("set-cookie", "")


def test_sign_in_is_throttled_per_user(office):
    client = client_for(office["settings"])
    for _ in range(office["settings"].web_login_attempts):
        assert sign_in(client, "reviewer_a", "wrong").status_code == 401
    refused = sign_in(client, "reviewer_a")  # even the right password, while throttled
    assert refused.status_code == 429 and "登录失败次数过多" in refused.text
    assert sign_in(client_for(office["settings"]), "drafter_a").status_code == 303  # others are not locked out


def test_sign_in_form_needs_its_own_token(office):
    client = client_for(office["settings"])
    response = client.post("/login", data={"name": "drafter_a", "password": PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 403 and response.json()["ok"] is False


def test_no_session_fixation_a_planted_cookie_is_replaced_and_useless(office):
    client = client_for(office["settings"])
    client.cookies.set("nianbao_session", "planted-by-attacker", domain="testserver.local")
    assert client.get("/").status_code == 303  # the planted value signs nobody in
    sign_in(client, "drafter_a")
    assert client.cookies.get("nianbao_session") != "planted-by-attacker"
    attacker = client_for(office["settings"])
    attacker.cookies.set("nianbao_session", "planted-by-attacker")
    assert attacker.get("/").status_code == 303


def test_sign_out_and_revocation_end_the_session(office):
    settings = office["settings"]
    client = signed_in(settings, "drafter_a")
    token = client.cookies.get("nianbao_session")
    assert client.post("/logout", data={"csrf_token": csrf_of(client)}).status_code == 303
    replay = client_for(settings)
    replay.cookies.set("nianbao_session", token)
    assert replay.get("/").status_code == 303

    victim = signed_in(settings, "reviewer_a")
    admin = signed_in(settings, "admin_a")
    assert admin.post("/admin/revoke", data={"name": "reviewer_a", "csrf_token": csrf_of(admin)}).status_code == 200
    assert victim.get("/").status_code == 303
    other = signed_in(settings, "drafter_a")
    refused = other.post("/admin/revoke", data={"name": "reviewer_a", "csrf_token": csrf_of(other)})
    assert refused.status_code == 403  # only a 管理员 revokes



# stateless, no stored report: the sign-in form, the health check, the file tools and the API description
OPEN = {"/login", "/healthz", "/tools", "/api/validate", "/api/import", "/openapi.json", "/docs"}


def _fill(path: str, ids: dict) -> str:
    return (path.replace("{report_id}", str(ids["b"])).replace("{suggestion_id}", str(ids["b_suggestion"]))
            .replace("{key}", "overview").replace("{fmt}", "docx"))


def test_every_route_refuses_a_signed_out_visitor(office):
    client = client_for(office["settings"])
    ids = {"b": office["a"], "b_suggestion": office["suggestion"]}
    walked = 0
    for route in app_routes(client.app):
        if route.path in OPEN:
            continue
        for method in route.methods - {"HEAD"}:
            response = client.request(method, _fill(route.path, ids))
            walked += 1
            if route.path.startswith("/api/"):
                assert response.status_code == 401 and response.json()["ok"] is False, route.path
            else:
                assert response.status_code == 303, (method, route.path, response.status_code)
                assert response.headers["location"].startswith("/login")
    assert walked >= 10


def test_every_route_gives_404_for_another_agencys_records(office):
    from assistant.services import workspace_review as review

    settings = office["settings"]
    b_sug = review.suggest(settings, "drafter_b", str(office["b"]), "overview", "乙县的文字")
    ids = {"b": office["b"], "b_suggestion": b_sug.id}
    client = signed_in(settings, "reviewer_a")
    token = csrf_of(client)
    walked = 0
    for route in app_routes(client.app):
        if not ({"{report_id}", "{suggestion_id}"} & set(re.findall(r"\{[^}]+\}", route.path))):
            continue
        for method in route.methods - {"HEAD"}:
            url = _fill(route.path, ids)
            if method == "GET":
                response = client.get(url)
            elif route.path.startswith("/api/"):
                response = client.request(method, url, json={"key": "t2.rules.issued", "value": "1"},
                                          headers={"X-CSRF-Token": token})
            else:
                response = client.request(method, url, data={"csrf_token": token, "base": "1", "text": "x",
                                                             "reason": "x"})
            walked += 1
            assert response.status_code == 404, (method, route.path, response.status_code, response.text[:200])
            assert response.json()["ok"] is False and "乙县" not in response.text
    assert walked >= 8
    assert review.show(settings, "drafter_b", b_sug.id).status == "待处理"  # nothing happened to it


def test_state_changing_requests_need_the_csrf_token(office):
    settings = office["settings"]
    client = signed_in(settings, "reviewer_a")
    url = f"/suggestions/{office['suggestion']}/accept"
    assert client.post(url, data={"base": "2"}).status_code == 403
    assert client.post(url, data={"base": "2", "csrf_token": "wrong"}).status_code == 403
    api = f"/api/reports/{office['a']}/cells"
    assert client.post(api, json={"key": "t2.rules.issued", "value": "1"}).status_code == 403
    assert client.post(api, json={"key": "t2.rules.issued", "value": "1"}, headers={"X-CSRF-Token": "x"}).status_code == 403
    from assistant.services import workspace_review as review

    assert review.show(settings, "reviewer_a", office["suggestion"]).status == "待处理"


def test_payloads_are_escaped_everywhere(office):
    settings = office["settings"]
    client = signed_in(settings, "drafter_b")
    for url in ("/", f"/reports/{office['b']}", f"/reports/{office['b']}/review"):
        page = client.get(url)
        assert page.status_code == 200
        assert XSS not in page.text and "&lt;script&gt;" in page.text, url
    a = signed_in(settings, "drafter_a")
    page = a.get(f"/reports/{office['a']}")
    assert XSS not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_a_cell_that_breaks_the_balance_is_flagged_at_once(office):
    from assistant.report.cells import CellValue
    from assistant.report.format import T3_APPLICANT_COLUMNS
    from assistant.services import workspace_reports as reports

    settings = office["settings"]
    row = {f"t3.new.{c}": CellValue.of(0) for c in T3_APPLICANT_COLUMNS} | {"t3.new.total": CellValue.of(3)}
    row["t3.new.natural"] = CellValue.of(3)
    reports.set_cells(settings, "drafter_a", str(office["a"]), row)  # a balanced row to start from
    client = signed_in(settings, "drafter_a")
    token = csrf_of(client)
    api = f"/api/reports/{office['a']}/cells"
    ok = client.post(api, json={"key": "t3.new.natural", "value": "5", "expected": "3"}, headers={"X-CSRF-Token": token})
    assert ok.status_code == 200, ok.text
    body = ok.json()
    assert body["value"] == "5"
    flagged = {c for f in body["findings"] if f["severity"] in ("error", "inconsistency") for c in f["cells"]}
    assert {"t3.new.natural", "t3.new.total"} <= flagged  # 5 natural persons, yet a total of 3
    bad = client.post(api, json={"key": "t3.new.natural", "value": "-1"}, headers={"X-CSRF-Token": token})
    assert bad.status_code == 400 and bad.json()["ok"] is False  # the cell's own check, nothing written
    stale = client.post(api, json={"key": "t3.new.natural", "value": "6", "expected": "4"},
                        headers={"X-CSRF-Token": token})
    assert stale.status_code == 409 and "已被他人改为「5」" in stale.json()["error"]["message"]
    page = client.get(f"/reports/{office['a']}")
    assert 'value="5"' in page.text


def test_review_accept_and_the_conflict_that_loses_nothing(office):
    from assistant.services import workspace_reports as reports

    settings = office["settings"]
    reviewer = signed_in(settings, "reviewer_a")
    page = reviewer.get(f"/reports/{office['a']}/review")
    assert "<ins>" in page.text and "全面" in page.text  # a character-level diff
    base = re.search(r'name="base" value="(\d+)"', page.text).group(1)
    # the drafter edits the same section before the reviewer decides
    drafter = signed_in(settings, "drafter_a")
    saved = drafter.post(f"/reports/{office['a']}/sections/overview",
                         data={"csrf_token": csrf_of(drafter), "base": base, "text": "起草人的新文字。"})
    assert saved.status_code == 303
    conflict = reviewer.post(f"/suggestions/{office['suggestion']}/accept",
                             data={"csrf_token": csrf_of(reviewer), "base": base})
    assert conflict.status_code == 409 and "起草人的新文字" in conflict.text and "已被他人修改" in conflict.text
    current = reports.show(settings, "reviewer_a", str(office["a"]))
    assert next(s for s in current.sections if s.key == "overview").text == "起草人的新文字。"
    # a stale base for a direct edit shows both texts, the person's own kept in the form
    again = drafter.post(f"/reports/{office['a']}/sections/overview",
                         data={"csrf_token": csrf_of(drafter), "base": base, "text": "另一稿"})
    assert again.status_code == 409 and "另一稿" in again.text and "起草人的新文字" in again.text


def test_reviewer_accepts_and_the_validator_runs(office):
    settings = office["settings"]
    reviewer = signed_in(settings, "reviewer_a")
    page = reviewer.get(f"/reports/{office['a']}/review")
    base = re.search(r'name="base" value="(\d+)"', page.text).group(1)
    done = reviewer.post(f"/suggestions/{office['suggestion']}/accept",
                         data={"csrf_token": csrf_of(reviewer), "base": base})
    assert done.status_code == 200 and "已采纳建议" in done.text and "采纳后的检查结果" in done.text
    assert "主动公开政府信息" in signed_in(settings, "drafter_a").get(f"/reports/{office['a']}").text


def test_a_drafter_cannot_decide(office):
    settings = office["settings"]
    drafter = signed_in(settings, "drafter_a")
    page = drafter.get(f"/reports/{office['a']}/review")
    assert "采纳</button>" not in page.text
    refused = drafter.post(f"/suggestions/{office['suggestion']}/accept", data={"csrf_token": csrf_of(drafter), "base": "2"})
    assert refused.status_code == 403


def test_draft_download_is_a_word_file(office):
    client = signed_in(office["settings"], "drafter_a")
    response = client.get(f"/reports/{office['a']}/download/docx?draft=true")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert "attachment" in response.headers["content-disposition"]
    final = client.get(f"/reports/{office['a']}/download/docx?draft=false")
    assert final.status_code == 409  # only a 定稿 report gives a final copy
    assert client.get(f"/reports/{office['a']}/download/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_next_after_sign_in_stays_on_this_site(office):
    client = client_for(office["settings"])
    form = client.get("/login?next=//evil.example/x")
    assert 'value="/"' in form.text and "evil" not in form.text


def test_api_docs_use_only_local_assets(office):
    client = client_for(office["settings"])
    docs = client.get("/docs")
    assert docs.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"|url: *["\']([^"\']+)', docs.text)
    flat = [u for pair in urls for u in pair if u]
    assert flat and all(u.startswith("/") for u in flat), flat  # nothing from a CDN
    for url in flat:
        assert client.get(url).status_code == 200, url
    spec = client.get("/openapi.json").json()
    assert "/api/validate" in spec["paths"] and "/api/reports/{report_id}/cells" in spec["paths"]


EXAMPLES = __import__("pathlib").Path(__file__).resolve().parents[2] / "examples"


def test_ledger_upload_fills_the_tables_and_reports_bad_rows(office, tmp_path):
    from assistant.services import workspace_reports as reports

    settings = office["settings"]
    created = reports.create(settings, "drafter_a", "甲区人民政府", 2022)
    client = signed_in(settings, "drafter_a")
    token = csrf_of(client)
    ledger = (EXAMPLES / "台账-示例.xlsx").read_bytes()
    done = client.post(f"/reports/{created.id}/ledger", data={"csrf_token": token},
                       files={"ledger": ("台账-示例.xlsx", ledger)})
    assert done.status_code == 200, done.text[:500]
    new = re.search(r"本年新收 (\d+) 件", done.text)
    assert new and int(new.group(1)) > 0
    view = reports.show(settings, "drafter_a", str(created.id))
    assert view.cells["t3.new.total"] == new.group(1)  # in the store, not only on the page

    bad = tmp_path / "bad.csv"
    bad.write_text("编号,申请日期,申请人类型,办理结果,答复日期\nA1,2022-13-45,自然人,予以公开,2022-02-01\n", encoding="utf-8")
    other = reports.create(settings, "drafter_a", "甲区人民政府", 2023)
    refused = client.post(f"/reports/{other.id}/ledger", data={"csrf_token": token},
                          files={"ledger": ("bad.csv", bad.read_bytes())})
    assert refused.status_code in (400, 422) and "台账未能填入" in refused.text and "报告没有改动" in refused.text
    assert reports.show(settings, "drafter_a", str(other.id)).cells.get("t3.new.total") is None

    no_token = client.post(f"/reports/{created.id}/ledger", files={"ledger": ("台账-示例.xlsx", ledger)})
    assert no_token.status_code == 403


def test_an_oversized_upload_is_a_clear_413(office):
    settings = office["settings"].model_copy(update={"web_max_upload_mb": 1})
    client = signed_in(settings, "drafter_a")
    big = b"0" * (1024 * 1024 + 10)
    response = client.post(f"/reports/{office['a']}/ledger", data={"csrf_token": csrf_of(client)},
                           files={"ledger": ("台账.csv", big)})
    assert response.status_code == 413 and "超过 1 MB" in response.json()["error"]["message"]


SAMPLE_TXT = __import__("pathlib").Path(__file__).resolve().parents[3] / "shared" / "samples" / "2021-中韩示范区党政综合办公室.txt"


def test_library_search_for_everyone_and_changes_for_the_admin_only(office):
    settings = office["settings"]
    admin = signed_in(settings, "admin_a")
    added = admin.post("/library/add", data={"csrf_token": csrf_of(admin)},
                       files={"file": ("2021-中韩示范区党政综合办公室.txt", SAMPLE_TXT.read_bytes())})
    assert added.status_code == 303, added.text[:300]
    drafter = signed_in(settings, "drafter_a")
    found = drafter.get("/library", params={"q": "信息处理费"})
    assert found.status_code == 200 and "中韩示范区党政综合办公室" in found.text and "<ol><li>" in found.text
    refused = drafter.post("/library/add", data={"csrf_token": csrf_of(drafter)},
                           files={"file": ("x.txt", b"abc")})
    assert refused.status_code == 403
    doc_id = re.search(r'name="id" value="([^"]+)"', admin.get("/library").text).group(1)
    assert admin.post("/library/remove", data={"csrf_token": csrf_of(admin), "id": doc_id}).status_code == 303
    assert "已收录的文件（0）" in admin.get("/library").text
