"""nianbao import and nianbao audit through the real entry point."""

from __future__ import annotations

import csv
import json
import shutil

from import_paths import IMPORT_FIXTURES, SAMPLE_TXT

from assistant.report.io import loads_report, read_report


def test_import_to_stdout_keeps_the_summary_on_stderr(run_cli):
    code, out, err = run_cli("import", SAMPLE_TXT, "--format", "json")
    assert code == 0
    report = loads_report(out, "json", "stdout")
    assert report.agency == "中韩示范区党政综合办公室"
    assert "读取单元格" not in out and "读取单元格 200/200" in err


def test_import_options_override_what_is_printed(run_cli, tmp_path):
    out = tmp_path / "r.json"
    code, _, err = run_cli(
        "import", IMPORT_FIXTURES / "2022-某市生态环境局.txt", "-o", out, "--agency", "某市环境局", "--issuer-kind", "人民政府"
    )
    assert code == 0, err
    report = read_report(out)
    assert report.agency == "某市环境局" and report.issuer_kind == "人民政府"
    assert report.year == 2022


def test_import_lists_deviations(run_cli, tmp_path):
    code, _, err = run_cli("import", IMPORT_FIXTURES / "2021-某县农业农村局-缺总计列.html", "-o", tmp_path / "r.yaml")
    assert code == 0
    assert "IMPORT-DEVIATION" in err and "总计" in err
    assert "读取单元格 175/200" in err


def test_audit_folder_with_a_broken_document(run_cli, tmp_path):
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    for name in ("2022-某市生态环境局.txt", "2020-某市司法局.docx", "2022-某区卫生健康委员会.html"):
        shutil.copy(IMPORT_FIXTURES / name, folder / name)
    shutil.copy(SAMPLE_TXT, folder / "sub" / SAMPLE_TXT.name)
    (folder / "sub" / "坏文件.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "out"
    code, _, err = run_cli("audit", folder, "--out", out, "--workers", "2")
    assert code == 1  # one document could not be imported
    assert "坏文件.docx" in err
    rows = list(csv.reader((out / "summary.csv").open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["文件", "机关", "年度"]
    assert len(rows) == 6
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    by_file = {r["file"].split("/")[-1]: r for r in data["rows"]}
    assert data["documents"] == 5 and data["failed"] == 1
    broken = by_file["坏文件.docx"]
    assert not broken["ok"] and "Word" in broken["error"]
    sample = by_file[SAMPLE_TXT.name]
    assert sample["agency"] == "中韩示范区党政综合办公室"
    assert (sample["cells_read"], sample["cells_expected"]) == (200, 200)
    assert "S-NUMBERING" in sample["codes"] and "S-FEE-REPORT" in sample["codes"]
    assert sample["findings"]["warning"] >= 1
    docx_row = by_file["2020-某市司法局.docx"]
    assert docx_row["format"] == "2019" and docx_row["cells_read"] == 198
    written = read_report(docx_row["report_file"])
    assert written.cells == read_report(IMPORT_FIXTURES / "2020-某市司法局.expected.yaml").cells
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "某区卫生健康委员会" in page and "坏文件.docx" in page and "<table>" in page
    assert "http" not in page  # offline: no external resources


def test_audit_in_one_process_gives_the_same_rows(run_cli, tmp_path):
    files = [IMPORT_FIXTURES / "2022-某市生态环境局.txt", IMPORT_FIXTURES / "2021-某区市场监督管理局-管道表格.md"]
    code, _, err = run_cli("audit", *files, "--out", tmp_path / "o", "--workers", "1")
    assert code == 0, err
    data = json.loads((tmp_path / "o" / "summary.json").read_text(encoding="utf-8"))
    assert [r["agency"] for r in data["rows"]] == ["某市生态环境局", "某区市场监督管理局"]


def test_audit_missing_path(run_cli, tmp_path):
    code, _, err = run_cli("audit", tmp_path / "nothing-here")
    assert code == 2
    assert "找不到" in err


def test_import_bytes_for_uploads():
    from assistant.ingest import import_bytes

    data = (IMPORT_FIXTURES / "2022-某区卫生健康委员会.html").read_bytes()
    result = import_bytes(data, "../../上传的年报.html")
    assert result.report.source == "上传的年报.html"
    assert result.summary.cells_read == 200
