"""Unit tests for the table and structure rules: a passing case and a failing case each."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.report.cells import BLANK, CellValue
from assistant.report.format import cell_keys, cell_specs
from assistant.validate import Severity
from assistant.validate import validate as validate_all

ARITHMETIC = {"T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE", "T4-BLOCK-TOTAL"}
TABLE_CODES = ARITHMETIC | {"CELL-INVALID", "CELL-BLANK", "X-CARRY-OVER", "X-IN-FORCE", "S-FORMAT-VERSION"}


def validate(report, previous=None):
    """The table and structure rules only; the narrative rules have their own tests."""
    return validate_all(report, previous, codes=TABLE_CODES)


def only(findings, code):
    return [f for f in findings if f.code == code]


@pytest.mark.parametrize("year,fmt", [(2020, "2019"), (2022, "2021")])
def test_consistent_reports_have_no_findings(make_busy, make_zero, year, fmt):
    assert validate(make_zero(year, fmt)) == []
    assert validate(make_busy(year, fmt)) == []


# -- CELL-INVALID ----------------------------------------------------------------------


def test_cell_invalid_negative_count_and_fraction(make_busy):
    report = make_busy()
    report.set("t3.new.natural", -1)
    report.set("t4.review.pending", Decimal("0.5"))
    found = only(validate(report), "CELL-INVALID")
    assert [f.cells for f in found] == [["t3.new.natural"], ["t4.review.pending"]]
    assert all(f.severity is Severity.ERROR for f in found)
    assert "表三「一、本年新收政府信息公开申请数量」行「自然人」列" in found[0].message
    assert "负数" in found[0].message and found[0].args["value"] == "-1"
    assert "整数" in found[1].message and found[1].args["value"] == "0.5"


def test_cell_invalid_money_may_have_decimals_but_not_be_negative(make_busy):
    report = make_busy()
    report.set("t2.fees.amount", Decimal("12.50"))
    assert only(validate(report), "CELL-INVALID") == []
    report.set("t2.fees.amount", Decimal("-3.20"))
    (finding,) = only(validate(report), "CELL-INVALID")
    assert finding.cells == ["t2.fees.amount"]
    assert "金额不能是负数" in finding.message and "-3.20" in finding.message


def test_cell_invalid_2019_change_may_be_negative_but_whole(make_busy):
    report = make_busy(2020, "2019")
    report.set("t2.licensing.change", -4)
    report.set("t2.procurement.amount", Decimal("105.75"))
    assert only(validate(report), "CELL-INVALID") == []
    report.set("t2.licensing.change", Decimal("-1.5"))
    (finding,) = only(validate(report), "CELL-INVALID")
    assert finding.cells == ["t2.licensing.change"]
    assert "表二「行政许可」行「本年增/减」列" in finding.message


# -- CELL-BLANK ------------------------------------------------------------------------


def test_cell_blank_names_every_blank_cell_by_row(make_busy):
    report = make_busy()
    report.set("t3.granted.research", None)
    report.set("t3.granted.legal_service", None)
    report.set("t4.suit_direct.total", None)
    found = only(validate(report), "CELL-BLANK")
    assert [f.cells for f in found] == [
        ["t3.granted.research", "t3.granted.legal_service"],
        ["t4.suit_direct.total"],
    ]
    assert found[0].severity is Severity.WARNING
    assert "表三「（一）予以公开」行" in found[0].message and "「科研机构」" in found[0].message
    assert "未经复议直接起诉" in found[1].message


def test_cell_blank_whole_table_is_one_finding_naming_all_cells(make_busy):
    report = make_busy()
    t4 = [k for k in report.cells if k.startswith("t4.")]
    for key in t4:
        report.set(key, None)
    (finding,) = only(validate(report), "CELL-BLANK")
    assert finding.cells == t4
    assert "表四" in finding.message and "整张表" in finding.message


def test_not_applicable_mark_is_not_blank(make_busy):
    report = make_busy()
    report.set("t2.fees.amount", CellValue.na("/"))
    assert validate(report) == []


# -- T3-ROW-TOTAL ----------------------------------------------------------------------


def test_t3_row_total(make_busy):
    report = make_busy()
    report.set("t3.refused.third_party.total", 2)  # the applicant columns add up to 1
    found = only(validate(report), "T3-ROW-TOTAL")
    assert len(found) == 1
    assert found[0].cells[-1] == "t3.refused.third_party.total"
    assert "t3.refused.third_party.natural" in found[0].cells
    assert found[0].args["expected"] == 1 and found[0].args["actual"] == 2
    assert "保护第三方合法权益" in found[0].message and found[0].severity is Severity.INCONSISTENCY


# -- T3-RESULTS-TOTAL ------------------------------------------------------------------


@pytest.mark.parametrize("year,fmt,row", [(2022, "2021", "other.fee_unpaid"), (2020, "2019", "other")])
def test_t3_results_total_per_column(make_busy, t3_add, year, fmt, row):
    report = make_busy(year, fmt)
    t3_add(report, row, "research", 1)  # a result nobody added to （七）总计
    found = only(validate(report), "T3-RESULTS-TOTAL")
    assert [f.args["column"] for f in found] == ["科研机构", "总计"]
    assert f"t3.{row}.research" in found[0].cells and found[0].cells[-1] == "t3.results_total.research"
    assert found[0].args == {"column": "科研机构", "column_key": "research", "expected": 1, "actual": 0}
    assert "「（七）总计」行" in found[0].message


# -- T3-BALANCE ------------------------------------------------------------------------


def test_t3_balance_is_the_printed_rule_per_column(make_busy, t3_add):
    report = make_busy()
    t3_add(report, "carried_in", "natural", 3)  # 一 + 二 no longer = 三 + 四
    found = only(validate(report), "T3-BALANCE")
    assert [f.args["column_key"] for f in found] == ["natural", "total"]
    assert found[0].cells == [
        "t3.new.natural",
        "t3.carried_in.natural",
        "t3.results_total.natural",
        "t3.carried_out.natural",
    ]
    assert found[0].args["received"] == 9 and found[0].args["handled"] == 6
    assert "勾稽关系" in found[0].message and "「自然人」列" in found[0].message
    assert codes_of(validate(report)) == {"T3-BALANCE"}


def codes_of(findings):
    return {f.code for f in findings}


# -- T4-BLOCK-TOTAL --------------------------------------------------------------------


def test_t4_block_total(make_busy):
    report = make_busy()
    report.set("t4.suit_after_review.pending", 1)
    (finding,) = only(validate(report), "T4-BLOCK-TOTAL")
    assert finding.cells == [f"t4.suit_after_review.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
    assert finding.args["expected"] == 1 and finding.args["actual"] == 0
    assert "表四「行政诉讼·复议后起诉」" in finding.message


def test_arithmetic_rules_skip_blank_and_not_applicable_cells(make_busy):
    report = make_busy()
    report.set("t3.new.total", None)
    report.set("t3.granted.natural", CellValue.na("—"))
    report.set("t4.review.total", CellValue.na("/"))
    assert not codes_of(validate(report)) & ARITHMETIC


# -- X-CARRY-OVER ----------------------------------------------------------------------


def test_x_carry_over_needs_previous_and_compares_each_column(make_busy, t3_add):
    last = make_busy(2021)
    this = make_busy(2022)
    # last year carried 2 (自然人) over; this year's 上年结转 says 1
    assert only(validate(this), "X-CARRY-OVER") == []
    found = only(validate(this, last), "X-CARRY-OVER")
    assert [f.cells for f in found] == [["t3.carried_in.natural"], ["t3.carried_in.total"]]
    assert found[0].args["carried_in"] == 1 and found[0].args["previous_carried_out"] == 2
    assert "2021 年度报告" in found[0].message
    t3_add(this, "carried_in", "natural", 1)
    t3_add(this, "carried_out", "natural", 1)  # keeps T3-BALANCE true
    this.set("t2.rules.in_force", 11)  # and X-IN-FORCE: 10 + 2 − 1
    assert validate(this, last) == []


def test_x_carry_over_across_2019_and_2021_formats(make_busy, t3_add):
    last = make_busy(2020, "2019")
    this = make_busy(2021, "2021")
    t3_add(this, "carried_in", "natural", 1)
    t3_add(this, "carried_out", "natural", 1)
    assert only(validate(this, last), "X-CARRY-OVER") == []
    t3_add(last, "carried_out", "commercial", 1)
    t3_add(last, "granted", "commercial", -1)
    (finding,) = [f for f in validate(this, last) if f.cells == ["t3.carried_in.commercial"]]
    assert finding.code == "X-CARRY-OVER" and finding.args["previous_year"] == 2020


def test_x_carry_over_warns_when_previous_is_not_last_year(make_busy):
    found = only(validate(make_busy(2023), make_busy(2021)), "X-CARRY-OVER")
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert found[0].args == {"previous_year": 2021, "year": 2023, "expected_year": 2022}


# -- X-IN-FORCE ------------------------------------------------------------------------


def test_x_in_force(make_busy):
    last = make_busy(2021)
    this = make_busy(2022)
    this.set("t2.rules.in_force", 11)  # 10 + 2 − 1
    assert only(validate(this, last), "X-IN-FORCE") == []
    this.set("t2.rules.in_force", 12)
    this.set("t2.normative_docs.issued", 3)
    found = only(validate(this, last), "X-IN-FORCE")
    assert [f.args["row_key"] for f in found] == ["rules", "normative_docs"]
    assert found[0].cells == ["t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force"]
    assert found[0].args["expected"] == 11 and found[0].args["actual"] == 12
    assert found[1].args["expected"] == 3 and found[1].args["actual"] == 0
    assert all(f.severity is Severity.WARNING for f in found)
    assert "现行有效件数" in found[0].message and "「规章」" in found[0].message


def test_x_in_force_only_between_2021_format_reports(make_busy):
    last = make_busy(2020, "2019")
    this = make_busy(2021, "2021")
    assert only(validate(this, last), "X-IN-FORCE") == []


# -- S-FORMAT-VERSION ------------------------------------------------------------------


@pytest.mark.parametrize("year,fmt,expected", [(2022, "2019", "2021"), (2020, "2021", "2019")])
def test_s_format_version(make_zero, year, fmt, expected):
    (finding,) = only(validate(make_zero(year, fmt)), "S-FORMAT-VERSION")
    assert finding.severity is Severity.ERROR
    assert finding.args["expected"] == expected and finding.args["actual"] == fmt
    assert f"应使用 {expected} 版表格" in finding.message
    assert only(validate(make_zero(year, expected)), "S-FORMAT-VERSION") == []


# -- general ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_rules_never_raise_on_odd_content(make_zero, fmt):
    report = make_zero(2022, fmt)
    for i, key in enumerate(cell_keys(fmt)):
        report.set(key, [CellValue.na("/"), BLANK, CellValue(number=Decimal("-0.5")), 10**12][i % 4])
    found = validate_all(report, make_zero(2021, fmt))
    assert not any("检查时出错" in f.message for f in found)
    assert {f.code for f in found} >= {"CELL-INVALID", "CELL-BLANK"}


def test_findings_only_name_cells_of_the_report_format(make_busy, t3_add):
    report = make_busy(2020, "2019")
    t3_add(report, "other", "natural", 1)
    report.set("t4.review.total", 7)
    for finding in validate(report, make_busy(2019, "2019")):
        assert set(finding.cells) <= set(cell_specs("2019"))
