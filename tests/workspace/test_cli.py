"""The workspace commands end to end through the real entry point (both backends)."""

from __future__ import annotations

import json
import sqlite3

import pytest

A = "甲区人民政府/2024"
TEXT = "2024年，本区加强政策解读工作。全年主动公开政府信息120条。"


@pytest.fixture
def cli(run_cli, migrated_url, monkeypatch):
    def run(*args, user=None, input=None, ok=True):
        if user:
            monkeypatch.setenv("NIANBAO_USER", user)
        else:
            monkeypatch.delenv("NIANBAO_USER", raising=False)
        code, out, err = run_cli(*args, input=input)
        if ok:
            assert code == 0, (args, out, err)
        return code, out, err

    run("workspace", "init", "--admin", "王管理", "--agency", "甲区人民政府", "--password-stdin", input="secret-pass-1\n")
    run("user", "add", "李起草", "--role", "起草人", "--agency", "甲区人民政府", user="王管理")
    run("user", "add", "张审核", "--role", "审核人", "--agency", "甲区人民政府", user="王管理")
    yield run
    from assistant.services.workspace import close_stores

    close_stores()


def test_review_workflow_from_the_command_line(cli):
    cli("report", "create", "--agency", "甲区人民政府", "--year", "2024", user="李起草")
    cli("report", "edit", A, "overview", "--text", TEXT, user="李起草")
    start = TEXT.index("120")
    _, out, _ = cli("review", "suggest", A, "overview", "--text", "135", "--start", str(start), "--end", str(start + 3),
                    user="李起草")
    assert "#1" in out
    _, out, _ = cli("review", "show", "1", user="张审核")
    assert "【120】" in out and "对比：1[-20-]{+35+}" in out  # character by character, not word by word
    code, _, err = cli("review", "accept", "1", user="李起草", ok=False)
    assert code == 2 and "审核人" in err
    _, out, _ = cli("review", "accept", "1", "--base", "2", user="张审核")
    assert "现在是第 3 版" in out and "报告检查" in out
    _, out, _ = cli("report", "show", A, "--section", "overview", user="李起草")
    assert TEXT.replace("120", "135") in out
    # a stale base: refused with the newer text, nothing written
    code, _, err = cli("report", "edit", A, "overview", "--text", "覆盖", "--base", "2", user="李起草", ok=False)
    assert code == 2 and "第 3 版" in err and "135条" in err
    _, out, _ = cli("review", "history", A, "--section", "overview", "--diff", user="张审核")
    assert "修改建议 #1" in out and "信息1[-20-]{+35+}条" in out
    _, out, _ = cli("review", "history", A, "--log", user="张审核")
    assert "suggestion.accept" in out and "张审核" in out


def test_acting_user_is_checked_against_the_store(cli):
    code, _, err = cli("report", "list", ok=False)
    assert code == 2 and "NIANBAO_USER" in err
    code, _, err = cli("report", "list", user="冒名者", ok=False)
    assert code == 2 and "没有可用的用户「冒名者」" in err
    _, out, _ = cli("report", "list", "--user", "李起草")
    assert "还没有报告" in out


def test_export_import_round_trip_is_exact(cli, tmp_path, monkeypatch):
    cli("report", "create", "--agency", "甲区人民政府", "--year", "2024", user="李起草")
    cli("report", "edit", A, "overview", "--text", TEXT, user="李起草")
    cli("review", "suggest", A, "overview", "--text", "新的总体情况。", user="李起草")
    cli("review", "suggest", A, "problems", "--text", "存在的问题。", user="李起草")
    cli("review", "comment", "1", "请核对", user="张审核")
    cli("review", "comment", A, "这句要具体", "--section", "overview", "--start", "0", "--end", "5", user="张审核")
    cli("review", "reject", "2", "--reason", "太笼统", user="张审核")
    first = tmp_path / "first.json"
    cli("report", "export", A, "-o", str(first), user="张审核")
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["format"] == "nianbao-report" and len(data["suggestions"]) == 2 and len(data["comments"]) == 2

    # into a new, empty workspace (SQLite in another folder), then out again
    other = tmp_path / "other"
    monkeypatch.setenv("NIANBAO_DATABASE_URL", f"sqlite:///{other}.db")
    cli("workspace", "init", "--admin", "新管理", "--agency", "甲区人民政府")
    cli("user", "role", "新管理", "--add", "起草人", user="新管理")
    cli("report", "import", str(first), user="新管理")
    second = tmp_path / "second.json"
    cli("report", "export", A, "-o", str(second), user="新管理")
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    code, _, err = cli("report", "import", str(first), user="新管理", ok=False)
    assert code == 2 and "已经存在" in err


def test_import_refuses_a_tampered_history(cli, tmp_path):
    cli("report", "create", "--agency", "甲区人民政府", "--year", "2024", user="李起草")
    cli("report", "edit", A, "overview", "--text", TEXT, user="李起草")
    path = tmp_path / "r.json"
    cli("report", "export", A, "-o", str(path), user="李起草")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["sections"][1]["revisions"][1]["text"] = "篡改过的文字"
    data["year"] = 2023
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = cli("report", "import", str(path), user="李起草", ok=False)
    assert code == 2 and "校验值不符" in err
    _, out, _ = cli("report", "list", user="李起草")
    assert "2023" not in out


def test_backup_is_a_consistent_copy(cli, tmp_path, backend):
    cli("report", "create", "--agency", "甲区人民政府", "--year", "2024", user="李起草")
    target = tmp_path / "backup.db"
    code, out, err = cli("backup", str(target), user="王管理", ok=False)
    if backend == "postgresql":
        assert code == 2 and "pg_dump" in err
        return
    assert code == 0 and target.is_file()
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT year FROM report").fetchall() == [(2024,)]
    code, _, err = cli("backup", str(target), user="王管理", ok=False)
    assert code == 2 and "不会覆盖" in err
    code, _, err = cli("backup", str(tmp_path / "b2.db"), user="李起草", ok=False)
    assert code == 2 and "管理员" in err


def test_user_and_agency_administration(cli):
    cli("agency", "add", "甲区教育局", "--kind", "部门", "--parent", "甲区人民政府", user="王管理")
    _, out, _ = cli("agency", "list", user="王管理")
    assert "甲区教育局\t部门\t上级：甲区人民政府" in out
    cli("user", "role", "李起草", "--join", "甲区教育局", "--add", "审核人", user="王管理")
    _, out, _ = cli("user", "list", "--format", "json", user="王管理")
    people = {u["name"]: u for u in json.loads(out)}
    assert people["李起草"]["roles"] == ["审核人", "起草人"]
    assert people["李起草"]["agencies"] == ["甲区人民政府", "甲区教育局"]
    assert people["王管理"]["can_sign_in"] and not people["李起草"]["can_sign_in"]
    cli("user", "passwd", "李起草", "--password-stdin", user="李起草", input="another-pass-2\n")
    from assistant.services.web_auth import sign_in
    from assistant.settings import Settings

    assert sign_in(Settings(), "李起草", "another-pass-2", "127.0.0.1").user.name == "李起草"
    code, _, err = cli("user", "passwd", "王管理", "--password-stdin", user="李起草", input="x-pass-word-3\n", ok=False)
    assert code == 2 and "管理员" in err
    cli("user", "role", "李起草", "--disable", user="王管理")
    code, _, err = cli("report", "list", user="李起草", ok=False)
    assert code == 2 and "没有可用的用户" in err


def test_draft_review_export_and_render_the_final_copy(cli, tmp_path):
    import zipfile

    cli("report", "create", "--agency", "甲区人民政府", "--year", "2023", user="李起草")
    cli("report", "create", "--agency", "甲区人民政府", "--year", "2024", user="李起草")
    _, out, _ = cli("review", "draft", A, "--offline", "--section", "overview", "--section", "other", user="李起草")
    assert "共提出 2 条修改建议" in out
    _, out, _ = cli("review", "list", A, user="张审核")
    assert out.count("模板起草") == 2 and "第 1 版（原为空白）全文" in out
    review = tmp_path / "review.docx"
    _, out, _ = cli("export-docx", A, "-o", str(review), user="张审核")
    assert "2 条修改建议作为修订写入" in out
    assert b"w:ins " in zipfile.ZipFile(review).read("word/document.xml")
    # nothing final before 定稿
    code, _, err = cli("report", "render", A, "-o", str(tmp_path / "final.docx"), user="张审核", ok=False)
    assert code == 2 and "定稿后才能输出" in err
    cli("report", "render", A, "--draft", "--format", "md", "-o", str(tmp_path / "draft.md"), user="张审核")
    assert "草稿" in (tmp_path / "draft.md").read_text(encoding="utf-8")


def test_fill_set_and_check_a_workspace_report(cli):
    from pathlib import Path

    from assistant.services import workspace_reports as reports
    from assistant.services import workspace_review as rv
    from assistant.settings import Settings

    examples = Path(__file__).resolve().parents[2] / "examples"
    ref = "甲区人民政府/2022"
    cli("report", "create", "--agency", "甲区人民政府", "--year", "2022", user="李起草")
    code, out, err = cli("report", "fill", ref, "--ledger", str(examples / "台账-示例.xlsx"), "--cases",
                         str(examples / "复议诉讼-示例.xlsx"), user="李起草", ok=False)
    assert code in (0, 1), err
    assert "本年新收 32 件" in out
    cli("report", "set", ref, "t2.rules.issued=2", "t2.fees.amount=12.50", user="李起草")
    view = reports.show(Settings(), "李起草", ref)
    assert view.cells["t3.new.total"] == "32" and view.cells["t2.fees.amount"] == "12.50"
    log = rv.audit_log(Settings(), "李起草", ref)
    assert sum(e.action == "cell.set" for e in log) == sum(v is not None for v in view.cells.values())
    code, out, _ = cli("report", "check", ref, "--format", "json", user="李起草", ok=False)
    data = json.loads(out)
    assert code == (1 if data["summary"]["error"] + data["summary"]["inconsistency"] else 0)
    assert data["report"]["year"] == 2022
    report, _ = reports.load(Settings(), "李起草", ref)
    assert report.provenance["t3.new.total"]  # where the number came from stays with it


def test_a_cell_changed_meanwhile_is_not_overwritten(cli):
    from assistant.errors import NianbaoError
    from assistant.report.cells import CellValue
    from assistant.services import workspace_reports as reports
    from assistant.settings import Settings

    cli("report", "create", "--agency", "甲区人民政府", "--year", "2024", user="李起草")
    reports.set_cells(Settings(), "李起草", A, {"t2.rules.issued": CellValue.of(3)})
    with pytest.raises(NianbaoError, match="已被他人修改") as caught:
        reports.set_cells(Settings(), "李起草", A, {"t2.rules.issued": CellValue.of(5)},
                          expected={"t2.rules.issued": CellValue()})
    assert caught.value.status == 409
    assert reports.show(Settings(), "李起草", A).cells["t2.rules.issued"] == "3"
