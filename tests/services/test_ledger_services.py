"""The fill, rollup and ledger-template services, called as the web app calls them."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from assistant.errors import NianbaoError
from assistant.report.io import read_report, write_report
from assistant.report.model import blank_report
from assistant.services.fill import FillRequest, fill
from assistant.services.ledger import TemplateRequest, template
from assistant.services.rollup import RollupRequest, rollup

D = dt.date
ROWS = [
    ["编号", "收到日期", "申请人类型", "办理结果", "答复日期"],
    ["O-1", D(2021, 12, 20), "自然人", "部分公开", D(2022, 1, 10)],  # carried in
    ["N-1", D(2022, 1, 3), "自然人", "予以公开", D(2022, 1, 20)],
    ["N-2", D(2022, 12, 30), "商业企业", None, None],  # carried out
]


def _xlsx(path, rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def _report(path, year=2022, **cells):
    r = blank_report(year, "某某局", "部门")
    for key, value in cells.items():
        r.set(key.replace("__", "."), value)
    write_report(r, path)
    return path


def test_fill_returns_counts_and_writes_the_report(tmp_path, settings):
    report = _report(tmp_path / "r.yaml")
    result = fill(settings, FillRequest(report, _xlsx(tmp_path / "l.xlsx", ROWS)))
    assert (result.year, result.ledger_rows) == (2022, 3)
    assert (result.new, result.carried_in, result.answered, result.carried_out) == (2, 1, 2, 1)
    assert result.skipped == [] and result.overwritten == [] and result.findings == []
    assert result.written == report and result.exit_code == 0 and result.case_rows is None
    assert read_report(report).number("t3.new.total") == 2


def test_bad_rows_refuse_without_writing_unless_skipped(tmp_path, settings):
    ledger = _xlsx(tmp_path / "l.xlsx", ROWS + [["X-1", D(2022, 5, 1), "机器人", "予以公开", D(2022, 5, 2)]])
    report = _report(tmp_path / "r.yaml")
    before = report.read_bytes()
    with pytest.raises(NianbaoError) as refused:
        fill(settings, FillRequest(report, ledger))
    assert "--skip-bad-rows" in refused.value.message and "第5行「申请人类型」列" in refused.value.details[0]
    assert report.read_bytes() == before
    result = fill(settings, FillRequest(report, ledger, skip_bad_rows=True))
    assert len(result.skipped) == 1 and "l.xlsx" in result.skipped[0] and result.new == 2


def test_overwrite_reports_each_changed_cell(tmp_path, settings):
    report = _report(tmp_path / "r.yaml", t3__new__natural=7)
    ledger = _xlsx(tmp_path / "l.xlsx", ROWS)
    with pytest.raises(NianbaoError, match="--overwrite"):
        fill(settings, FillRequest(report, ledger))
    out = tmp_path / "out.json"
    result = fill(settings, FillRequest(report, ledger, overwrite=True, output=out))
    [changed] = result.overwritten
    assert changed.key == "t3.new.natural" and "报告中为 7，按台账计算为 1" in changed.text()
    assert result.written == out and read_report(out).number("t3.new.natural") == 1


def test_carry_over_findings_make_the_result_blocking(tmp_path, settings):
    previous = _report(tmp_path / "2021.yaml", 2021, t3__carried_out__natural=3, t3__carried_out__total=3)
    result = fill(settings, FillRequest(_report(tmp_path / "r.yaml"), _xlsx(tmp_path / "l.xlsx", ROWS), previous=previous))
    assert result.previous_year == 2021 and result.exit_code == 1
    assert {f.code for f in result.findings} == {"X-CARRY-OVER"}


def test_rollup_returns_checks_blank_cells_and_paths(tmp_path, settings):
    a = blank_report(2022, "甲局", "部门")
    b = blank_report(2022, "乙局", "部门")
    a.set("t3.new.natural", 2)
    b.set("t3.new.natural", 3)
    a.set("t3.new.commercial", 1)  # blank in 乙局
    write_report(a, tmp_path / "a.yaml")
    write_report(b, tmp_path / "b.yaml")
    out = tmp_path / "total.yaml"
    result = rollup(settings, RollupRequest([tmp_path / "a.yaml", tmp_path / "b.yaml"], out, " 某区人民政府 "))
    assert [c.agency for c in result.inputs] == ["甲局", "乙局"]
    blank = next(c for c in result.blank_cells if c.key == "t3.new.commercial")
    assert blank.agencies == ["乙局"]
    total = read_report(out)
    assert total.number("t3.new.natural") == 5 and total.agency == "某区人民政府"
    assert result.breakdown == tmp_path / "rollup.csv" and result.breakdown.exists()
    with pytest.raises(NianbaoError, match="不能覆盖"):
        rollup(settings, RollupRequest([out], out))


def test_template_service_checks_year_and_extension(tmp_path, settings):
    result = template(settings, TemplateRequest(tmp_path / "t.xlsx", 2022))
    assert result.year == 2022 and load_workbook(result.written).sheetnames[0] == "台账"
    with pytest.raises(NianbaoError, match="2019"):
        template(settings, TemplateRequest(tmp_path / "t.xlsx", 2018))
    with pytest.raises(NianbaoError, match=".xlsx"):
        template(settings, TemplateRequest(tmp_path / "t.xls", 2022))
