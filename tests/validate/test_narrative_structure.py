"""S-PARTS, S-PERIOD, S-NUMBERING, S-FEE-REPORT, S-PROBLEMS-EMPTY, S-GOV-ASSESSMENT on hand-made reports."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.report.cells import BLANK
from assistant.report.io import read_report
from assistant.report.model import blank_report
from assistant.validate import Severity, validate

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"
FEE = "\n（四）本年度未收取信息处理费。"


def clean_report():
    """The seed sample with its three known defects repaired: no findings at all."""
    report = read_report(SAMPLE)
    report.sections.overview = report.sections.overview.replace("（1）", "（一）")
    report.headings["other"] = "六、其他需要报告的事项"
    report.sections.other += FEE
    return report


def only(report, code, previous=None):
    return [f for f in validate(report, previous) if f.code == code]


def test_clean_report_has_no_findings():
    assert validate(clean_report()) == []


# -- S-PARTS ---------------------------------------------------------------------------


def test_missing_part_is_an_error_naming_the_part():
    report = clean_report()
    report.sections.problems = ""
    del report.headings["problems"]
    (finding,) = only(report, "S-PARTS")
    assert finding.severity is Severity.ERROR
    assert finding.args["part"] == "problems"
    assert "五" in finding.message and "存在的主要问题及改进情况" in finding.message


def test_table_part_exists_through_its_table():
    report = clean_report()
    del report.headings["active"]  # no heading, no text, but 表二 is filled in
    assert only(report, "S-PARTS") == []
    for key in [k for k in report.cells if k.startswith("t2.")]:
        report.cells[key] = BLANK
    (finding,) = only(report, "S-PARTS")
    assert finding.args["part"] == "active" and "表格也全是空白" in finding.message


def test_parts_out_of_order():
    report = clean_report()
    headings = dict(report.headings)
    order = ["overview", "active", "requests", "review_litigation", "other", "problems"]
    report.headings = {k: headings[k] for k in order}
    (finding,) = only(report, "S-PARTS")
    assert finding.args["order"] == order
    assert "顺序" in finding.message and "「六、其他需要报告的事项」 → 「五、存在的主要问题及改进情况」" in finding.message


def test_new_blank_report_lacks_all_six_parts_but_tables_only_file_is_not_read():
    found = only(blank_report(2023, "某某局", "部门"), "S-PARTS")
    assert [f.args["part"] for f in found] == [
        "overview", "active", "requests", "review_litigation", "problems", "other",
    ]
    tables_only = clean_report()
    tables_only.headings = {}
    for key, _ in tables_only.sections.items():
        setattr(tables_only.sections, key, None)
    codes = {f.code for f in validate(tables_only)}
    assert not codes & {"S-PARTS", "S-PERIOD", "S-FEE-REPORT", "S-PROBLEMS-EMPTY"}


# -- S-PERIOD --------------------------------------------------------------------------


def test_period_of_another_year_is_named_with_its_sentence():
    report = clean_report()
    report.sections.intro = report.sections.intro.replace("自2021年1月1日起至2021年12月31日止", "自2020年1月1日起至2020年12月31日止")
    (finding,) = only(report, "S-PERIOD")
    assert finding.args["stated_years"] == [2020]
    span = finding.span
    assert span.section == "intro"
    assert "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止" in report.sections.intro[span.start : span.end]


def test_period_not_stated():
    report = clean_report()
    report.sections.intro = report.sections.intro.replace("本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。", "")
    (finding,) = only(report, "S-PERIOD")
    assert finding.span is None and "2021年1月1日至2021年12月31日" in finding.message


def test_period_stated_in_overview_or_other_wording_passes():
    report = clean_report()
    report.sections.intro = "现公布年度报告。"
    report.sections.overview = "本报告统计数据期限为2021年度。\n" + report.sections.overview
    assert only(report, "S-PERIOD") == []
    report.sections.overview = "报告数据时间为2021年1月1日至12月31日。" + report.sections.overview
    assert only(report, "S-PERIOD") == []


# -- S-NUMBERING -----------------------------------------------------------------------


def test_heading_numbers_out_of_sequence():
    report = clean_report()
    report.headings["requests"] = "四、收到和处理政府信息公开申请情况"
    found = only(report, "S-NUMBERING")
    assert [(f.span.section, f.args["number"], f.args["expected"]) for f in found] == [("requests", 4, 3)]
    assert found[0].severity is Severity.INFO


def test_sub_item_gap_names_its_span():
    report = clean_report()
    text = report.sections.overview.replace("（五）全力做好", "（六）全力做好")
    report.sections.overview = text
    (finding,) = only(report, "S-NUMBERING")
    assert text[finding.span.start : finding.span.end] == "（六）"
    assert finding.args["expected"] == 5 and "第5项" in finding.message


# -- S-FEE-REPORT ----------------------------------------------------------------------


def test_fee_not_stated():
    report = clean_report()
    report.sections.other = report.sections.other.replace(FEE, "")
    (finding,) = only(report, "S-FEE-REPORT")
    assert finding.span.section == "other" and finding.span.end == len(report.sections.other)
    report.sections.other = ""
    (finding,) = only(report, "S-FEE-REPORT")
    assert finding.span is None


def test_fee_stated_in_other_words():
    report = clean_report()
    report.sections.other = "本机关办理政府信息公开申请，未向申请人收取任何费用。"
    assert only(report, "S-FEE-REPORT") == []
    report.sections.other = "全年收取政府信息公开信息处理费0元。"
    assert only(report, "S-FEE-REPORT") == []
    report.sections.other = "本年度没有收取费用的情况。"  # charging, but of what? not about requests
    assert len(only(report, "S-FEE-REPORT")) == 1


# -- S-PROBLEMS-EMPTY ------------------------------------------------------------------


def test_problems_empty_or_nothing():
    report = clean_report()
    report.sections.problems = ""
    (finding,) = only(report, "S-PROBLEMS-EMPTY")
    assert finding.args["reason"] == "empty" and finding.span is None
    report.sections.problems = "无。"
    (finding,) = only(report, "S-PROBLEMS-EMPTY")
    assert finding.args["reason"] == "nothing" and "“无。”" in finding.message
    assert finding.span.section == "problems"


def test_problems_without_measure():
    report = clean_report()
    report.sections.problems = "一是政务公开工作力量有待加强。二是信息发布的及时性不够，部分栏目更新较慢。"
    (finding,) = only(report, "S-PROBLEMS-EMPTY")
    assert finding.args["reason"] == "no_measure"
    report.sections.problems += "下一步，我局将加强培训，建立栏目更新台账。"
    assert only(report, "S-PROBLEMS-EMPTY") == []


# -- S-GOV-ASSESSMENT ------------------------------------------------------------------


def test_government_report_must_cover_assessment():
    report = clean_report()
    report.issuer_kind = "部门"
    assert only(report, "S-GOV-ASSESSMENT") == []
    report.issuer_kind = "人民政府"
    text = report.sections.overview
    report.sections.overview = text.replace("评估考核", "评估")  # the sample mentions 考核 once
    (finding,) = only(report, "S-GOV-ASSESSMENT")
    assert finding.args["topics"] == ["工作考核", "社会评议", "责任追究"]
    report.sections.overview += "\n（六）监督保障情况。将政务公开纳入绩效考核，开展社会评议。"
    (finding,) = only(report, "S-GOV-ASSESSMENT")
    assert finding.args["topics"] == ["责任追究"] and "责任追究" in finding.message
    report.sections.overview += "全年未发生责任追究情况。"
    assert only(report, "S-GOV-ASSESSMENT") == []


def test_period_in_chinese_numerals():
    report = clean_report()
    report.sections.intro = "本报告所列数据统计时限为二〇二一年一月一日至二〇二一年十二月三十一日。"
    assert only(report, "S-PERIOD") == []
    report.sections.intro = "本报告所列数据统计时限为二〇二〇年一月一日至二〇二〇年十二月三十一日。"
    (finding,) = only(report, "S-PERIOD")
    assert finding.args["stated_years"] == [2020]


_PROSE = st.text(
    alphabet=st.sampled_from(list("一二三四五六七八九十百千万两零〇0123456789０１２年月日件条个次%％（）()、，。；：\n 是要第号元万申请公开予以结转下上复议诉讼收到受理统计期限")),
    max_size=120,
)


@settings(max_examples=60, deadline=None)
@given(_PROSE, _PROSE, _PROSE, st.sampled_from(["人民政府", "部门"]))
def test_rules_never_break_on_odd_text(overview, problems, other, kind):
    report = clean_report()
    report.issuer_kind = kind
    report.sections.overview, report.sections.problems, report.sections.other = overview, problems, other
    report.headings["other"] = other[:20] or "六、"
    previous = clean_report()
    findings = validate(report, previous)
    assert not [f.message for f in findings if "检查时出错" in f.message]
    for f in findings:
        if f.span is not None:
            text = report.sections.text(f.span.section)
            assert 0 <= f.span.start <= f.span.end <= len(text)
