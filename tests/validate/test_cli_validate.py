"""`nianbao validate`: text and JSON output, exit codes 0 / 1 / 2, --previous."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.report.io import write_report

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"
SEVERITIES = ["error", "inconsistency", "warning", "info"]


def test_clean_report_exits_0_with_summary(tmp_path, run_cli, make_busy):
    path = tmp_path / "clean.yaml"
    write_report(make_busy(2022), path)
    code, out, err = run_cli("validate", path)
    assert code == 0, err
    assert "没有发现问题" in out
    assert "某某区市场监督管理局2022年政府信息公开工作年度报告" in out


def test_text_groups_by_severity_with_printed_labels(tmp_path, run_cli, make_busy):
    report = make_busy(2022)
    report.set("t3.new.natural", 6)  # breaks the row total and the 自然人 balance
    report.set("t4.review.pending", None)  # a blank: warning only
    path = tmp_path / "bad.yaml"
    write_report(report, path)
    code, out, _ = run_cli("validate", path)
    assert code == 1
    assert out.index("数据不一致（2 项）") < out.index("警告（1 项）")
    for code_ in ("T3-ROW-TOTAL", "T3-BALANCE", "CELL-BLANK"):
        assert code_ in out
    flat = "".join(line.strip("│ ") for line in out.splitlines())
    assert "本年新收政府信息公开申请数量" in flat and "「自然人」" in flat and "勾稽关系" in out
    assert "行政复议" in flat and "尚未审结" in flat
    assert "共 3 项（数据不一致 2 项，警告 1 项）" in out


def test_json_has_exactly_the_shared_shape(tmp_path, run_cli, make_busy):
    report = make_busy(2022)
    report.set("t4.review.total", 3)
    report.set("t2.fees.amount", "12.50")
    path = tmp_path / "bad.json"
    write_report(report, path)
    code, out, _ = run_cli("validate", path, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert list(data) == ["report", "findings", "summary"]
    assert data["report"] == {
        "path": str(path),
        "agency": "某某区市场监督管理局",
        "year": 2022,
        "format": "2021",
        "issuer_kind": "部门",
    }
    assert list(data["summary"]) == SEVERITIES
    assert data["summary"] == {"error": 0, "inconsistency": 1, "warning": 0, "info": 0}
    (finding,) = data["findings"]
    assert list(finding) == ["code", "severity", "message", "args", "cells", "span"]
    assert finding["code"] == "T4-BLOCK-TOTAL" and finding["severity"] == "inconsistency"
    assert finding["args"]["expected"] == 2 and finding["args"]["actual"] == 3
    assert finding["cells"][-1] == "t4.review.total" and finding["span"] is None


def test_warnings_only_exit_0(tmp_path, run_cli, make_busy):
    report = make_busy(2022)
    report.set("t3.granted.research", None)
    path = tmp_path / "warn.yaml"
    write_report(report, path)
    code, out, _ = run_cli("validate", path, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["summary"]["warning"] == 1 and [f["code"] for f in data["findings"]] == ["CELL-BLANK"]


def test_previous_enables_cross_year_rules(tmp_path, run_cli, make_busy):
    last, this = tmp_path / "2021.yaml", tmp_path / "2022.yaml"
    write_report(make_busy(2021), last)
    write_report(make_busy(2022), this)
    assert run_cli("validate", this)[0] == 0
    code, out, _ = run_cli("validate", this, "--previous", last, "--format", "json")
    assert code == 1
    found = {f["code"] for f in json.loads(out)["findings"]}
    assert found == {"X-CARRY-OVER", "X-IN-FORCE"}
    code, out, _ = run_cli("validate", this, "--previous", last)
    assert "对照上一年度" in out and "上年结转" in out


def test_cli_blocks_on_error_severity(tmp_path, run_cli, make_zero):
    path = tmp_path / "wrong-format.yaml"
    write_report(make_zero(2023, "2019"), path)
    code, out, _ = run_cli("validate", path, "--format", "json")
    assert code == 1
    assert json.loads(out)["summary"]["error"] == 1


def test_seed_sample_has_no_table_findings(run_cli):
    code, out, _ = run_cli("validate", FIXTURE, "--format", "json")
    table_codes = {"CELL-INVALID", "CELL-BLANK", "T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE",
                   "T4-BLOCK-TOTAL", "S-FORMAT-VERSION"}
    assert not {f["code"] for f in json.loads(out)["findings"]} & table_codes
    assert code in (0, 1)  # narrative rules (another module) decide the rest


def test_unusable_input_exits_2(tmp_path, run_cli):
    path = tmp_path / "r.yaml"
    path.write_text("agency: 某局\n", encoding="utf-8")
    code, out, err = run_cli("validate", path)
    assert code == 2 and out == "" and "缺少必填字段" in err


def test_unknown_output_format_is_a_usage_error(run_cli):
    code, _, err = run_cli("validate", FIXTURE, "--format", "xml")
    assert code == 2 and "xml" in err
