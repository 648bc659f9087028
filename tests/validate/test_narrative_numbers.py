"""N-TABLE-MISMATCH, N-STALE-YEAR, N-SIMILAR-LAST-YEAR on hand-made reports."""

from __future__ import annotations

from pathlib import Path

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.report.cells import BLANK
from assistant.report.io import read_report
from assistant.validate import Severity, validate

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"


def clean_report():
    """The seed sample with its known defects repaired (no findings), plus real numbers:
    21 new requests (20 自然人, 1 商业企业), 15 予以公开, 2 部分公开, 1 不予公开 (third party),
    1 无法提供, 2 carried over, 1 行政复议 (upheld)."""
    report = read_report(SAMPLE)
    report.sections.overview = report.sections.overview.replace("（1）", "（一）")
    report.headings["other"] = "六、其他需要报告的事项"
    report.sections.other += "\n（四）本年度未收取信息处理费。"
    for key, n in {
        "t3.new.natural": 20, "t3.new.commercial": 1, "t3.new.total": 21,
        "t3.granted.natural": 15, "t3.granted.total": 15,
        "t3.partly_granted.natural": 2, "t3.partly_granted.total": 2,
        "t3.refused.third_party.natural": 1, "t3.refused.third_party.total": 1,
        "t3.unable.not_held.commercial": 1, "t3.unable.not_held.total": 1,
        "t3.results_total.natural": 18, "t3.results_total.commercial": 1, "t3.results_total.total": 19,
        "t3.carried_out.natural": 2, "t3.carried_out.total": 2,
        "t4.review.upheld": 1, "t4.review.total": 1,
    }.items():
        report.set(key, n)
    return report


def only(report, code, previous=None):
    return [f for f in validate(report, previous) if f.code == code]


def with_text(section, text):
    report = clean_report()
    setattr(report.sections, section, text)
    return report


def test_base_report_is_clean():
    assert validate(clean_report()) == []


# -- N-TABLE-MISMATCH ------------------------------------------------------------------

AGREEING = (
    "2021年，共收到政府信息公开申请21件，其中予以公开15件、部分公开2件、不予公开1件、无法提供1件，"
    "结转下年度继续办理2件。上年结转政府信息公开申请0件。因政府信息公开工作被申请行政复议1件，行政诉讼0件。"
)


def test_narrative_that_agrees_with_the_tables():
    assert only(with_text("overview", AGREEING), "N-TABLE-MISMATCH") == []


@pytest.mark.parametrize(
    "sentence,phrase,cells,stated,actual",
    [
        ("共收到政府信息公开申请20件。", "收到政府信息公开申请20件", ["t3.new.total"], 20, 21),
        ("全年受理政府信息公开申请二十件。", "受理政府信息公开申请二十件", ["t3.new.total"], 20, 21),
        ("本年新收政府信息公开申请２０件。", "本年新收政府信息公开申请２０件", ["t3.new.total"], 20, 21),
        ("收到申请21件，其中予以公开14件。", "予以公开14件", ["t3.granted.total"], 14, 15),
        ("办理申请中，结转下年度3件。", "结转下年度3件", ["t3.carried_out.total"], 3, 2),
        ("对依申请公开件，上年结转2件。", "上年结转2件", ["t3.carried_in.total"], 2, 0),
        ("因政府信息公开工作被申请行政复议2件。", "被申请行政复议2件", ["t4.review.total"], 2, 1),
        (
            "因政府信息公开被提起行政诉讼1件。",
            "被提起行政诉讼1件",
            ["t4.suit_direct.total", "t4.suit_after_review.total"],
            1,
            0,
        ),
    ],
)
def test_contradiction_names_cell_and_span(sentence, phrase, cells, stated, actual):
    report = with_text("overview", "2021年，我办认真贯彻条例。" + sentence)
    (finding,) = only(report, "N-TABLE-MISMATCH")
    assert finding.severity is Severity.INCONSISTENCY
    assert finding.cells == cells
    text = report.sections.overview
    assert text[finding.span.start : finding.span.end] == phrase
    assert (finding.args["stated"], finding.args["actual"]) == (stated, actual)
    assert phrase in finding.message and f"为 {actual}" in finding.message


def test_group_rows_compare_with_the_sum_of_their_items():
    report = with_text("overview", "共收到政府信息公开申请21件，其中不予公开3件。")
    (finding,) = only(report, "N-TABLE-MISMATCH")
    assert "t3.refused.third_party.total" in finding.cells and len(finding.cells) == 8
    assert finding.args["actual"] == 1 and "之和" in finding.message


def test_review_litigation_section_needs_no_keyword():
    report = with_text("review_litigation", "本年度行政复议3件，行政诉讼0件。")
    (finding,) = only(report, "N-TABLE-MISMATCH")
    assert finding.cells == ["t4.review.total"] and finding.span.section == "review_litigation"


@pytest.mark.parametrize(
    "text",
    [
        "截至目前，共受理市长公开电话1414件。",
        "中韩示范区网民留言48条，回复率100%。",
        "主动公开政府信息1136条。",
        "与2020年相比，受理政府信息公开申请增加3件。",
        "2020年收到政府信息公开申请15件。",
        "共收到政府信息公开申请约30件。",
        "全年受理政府信息公开申请21件（含上年结转0件）。",
        "全区共受理行政复议案件35件。",  # the government's 行政复议 work, not about 信息公开
        "信访部门受理群众来信120件。",
        "全市各部门共收到政府信息公开申请350件。",
    ],
)
def test_statements_not_about_the_tables_are_left_alone(text):
    assert only(with_text("overview", text), "N-TABLE-MISMATCH") == []


def test_blank_cell_has_nothing_to_contradict():
    report = with_text("overview", "共收到政府信息公开申请30件。")
    report.cells["t3.new.total"] = BLANK
    assert only(report, "N-TABLE-MISMATCH") == []


def test_received_may_include_carried_in():
    report = with_text("overview", "全年受理政府信息公开申请24件。")
    report.set("t3.carried_in.natural", 3)
    report.set("t3.carried_in.total", 3)
    assert only(report, "N-TABLE-MISMATCH") == []
    report.sections.overview = "全年受理政府信息公开申请25件。"
    assert len(only(report, "N-TABLE-MISMATCH")) == 1


# -- N-STALE-YEAR ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "section,text,phrase",
    [
        ("overview", "2020年，我办认真贯彻落实条例。", "2020年"),
        ("overview", "（二）依申请公开情况。2020年全区受理政府信息公开申请21件。", "2020年"),
        ("intro", "根据条例规定，现公布2020年中韩示范区党政综合办公室政府信息公开工作年度报告。", "现公布2020年"),
        ("intro", "现公布2022年度政府信息公开工作年度报告。", "现公布2022年"),
        ("problems", "一是宣传不够。2022年，我办将进一步完善制度。2020年，我办加强了培训。", "2020年"),
    ],
)
def test_stale_year_is_found_with_span(section, text, phrase):
    report = clean_report()
    setattr(report.sections, section, text)
    (finding,) = only(report, "N-STALE-YEAR")
    assert finding.span.section == section
    assert text[finding.span.start :].startswith(phrase)
    assert finding.args["stated"] == int(phrase[-5:-1]) and finding.args["year"] == 2021


@pytest.mark.parametrize(
    "text",
    [
        "与2020年相比，申请数量有所增加。",
        "较2020年，办理时限缩短。",
        "2019年以来，我办持续推进政务公开。",
        "截至2020年底，共建成平台3个。",
        "2022年，我办将进一步加强培训。",
        "2022年，继续深化政务公开。",
        "依据《条例》（2019年修订）开展工作。",
        "2021年，我办认真贯彻落实条例。",
    ],
)
def test_other_years_mentioned_as_such_are_fine(text):
    assert only(with_text("overview", text), "N-STALE-YEAR") == []


# -- N-SIMILAR-LAST-YEAR ---------------------------------------------------------------


def next_year_copy(previous):
    """Last year's report copied forward with only the years changed."""
    report = previous.model_copy(deep=True)
    report.year = 2022
    for key, text in report.sections.items():
        if text:
            setattr(report.sections, key, text.replace("2021", "2022"))
    return report


def test_copied_sections_are_reported_with_span():
    previous = clean_report()
    report = next_year_copy(previous)
    found = only(report, "N-SIMILAR-LAST-YEAR", previous)
    assert [f.span.section for f in found] == ["overview", "problems", "other"]  # the intro is a set formula
    for finding in found:
        text = report.sections.text(finding.span.section)
        assert finding.args["percent"] >= 95 and finding.severity is Severity.WARNING
        # the span runs from the first to the last copied character (a leading "（" is punctuation)
        assert finding.span.start <= 1 and finding.span.end >= len(text) - 1


def test_rewritten_section_is_not_reported_and_rule_needs_last_year():
    previous = clean_report()
    report = next_year_copy(previous)
    report.sections.overview = (
        "2022年，我办围绕优化营商环境，新建依申请公开网上办理系统，实现申请、审核、答复全流程留痕。"
        "全年组织专题培训，编制主动公开目录，按季度检查栏目更新，对发现的问题逐项整改并公开结果。"
    )
    found = only(report, "N-SIMILAR-LAST-YEAR", previous)
    assert "overview" not in [f.span.section for f in found]
    assert only(report, "N-SIMILAR-LAST-YEAR") == []  # without last year's report


def test_half_copied_section_below_threshold_passes():
    previous = clean_report()
    report = next_year_copy(previous)
    old = previous.sections.problems
    fresh = "本年度新发现的问题是部分栏目更新不及时，个别依申请公开答复书格式不统一，群众对办理进度查询不便。" * 2
    report.sections.problems = fresh + old[: len(old) // 4]
    assert "problems" not in [f.span.section for f in only(report, "N-SIMILAR-LAST-YEAR", previous)]


def test_statements_of_none_are_zero():
    report = with_text("overview", "本年度未收到政府信息公开申请。未发生因政府信息公开引起的行政复议、行政诉讼。")
    found = only(report, "N-TABLE-MISMATCH")
    assert [(f.cells, f.args["stated"], f.args["actual"]) for f in found] == [
        (["t3.new.total"], 0, 21),
        (["t4.review.total"], 0, 1),
    ]
    text = report.sections.overview
    assert text[found[0].span.start : found[0].span.end] == "未收到政府信息公开申请"
    assert text[found[1].span.start : found[1].span.end] == "未发生因政府信息公开引起的行政复议、行政诉讼"
    # 行政诉讼 is 0 in the table: the same sentence agrees there, so only 行政复议 is reported


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=0, max_value=500),
    st.integers(min_value=0, max_value=500),
    st.sampled_from(["arabic", "fullwidth", "chinese"]),
)
def test_any_stated_count_is_checked_against_the_cell(stated, cell, notation):
    numeral = {
        "arabic": str(stated),
        "fullwidth": str(stated).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "chinese": cn2an.an2cn(stated),
    }[notation]
    report = with_text("overview", f"2021年，共收到政府信息公开申请{numeral}件，均按期答复。")
    report.set("t3.new.total", cell)
    found = only(report, "N-TABLE-MISMATCH")
    assert len(found) == (0 if stated == cell else 1)
    if found:
        assert found[0].cells == ["t3.new.total"] and found[0].args["stated"] == stated


def test_applicant_split_of_new_requests():
    agreeing = "共收到政府信息公开申请21件。其中，自然人申请20件，法人或其他组织申请1件。"
    assert only(with_text("overview", agreeing), "N-TABLE-MISMATCH") == []
    report = with_text("overview", "共收到政府信息公开申请21件，其中自然人19件、商业企业2件。")
    found = only(report, "N-TABLE-MISMATCH")
    assert [(f.cells, f.args["stated"], f.args["actual"]) for f in found] == [
        (["t3.new.natural"], 19, 20),
        (["t3.new.commercial"], 2, 1),
    ]
    text = report.sections.overview
    assert text[found[0].span.start : found[0].span.end] == "自然人19件"
    report = with_text("overview", "共收到政府信息公开申请21件，法人或其他组织3件。")
    (finding,) = only(report, "N-TABLE-MISMATCH")
    assert finding.cells == [f"t3.new.{c}" for c in ("commercial", "research", "public_interest", "legal_service", "other_org")]


def test_applicant_split_after_a_result_is_not_about_new_requests():
    text = "共收到政府信息公开申请21件，予以公开15件，其中自然人申请14件。"
    assert only(with_text("overview", text), "N-TABLE-MISMATCH") == []
