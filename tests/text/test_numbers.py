"""find_quantities: numerals in every notation; what is not a quantity stays out."""

from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.text.numbers import find_quantities, is_approximate
from assistant.text.phrases import FIXED_PHRASES


def simple(text):
    return [(q.raw, q.value, q.unit, q.kind) for q in find_quantities(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("共收到政府信息公开申请21件。", [("21件", Decimal(21), "件", "count")]),
        ("共收到申请２１件", [("２１件", Decimal(21), "件", "count")]),
        ("共收到申请二十一件", [("二十一件", Decimal(21), "件", "count")]),
        ("办理两件", [("两件", Decimal(2), "件", "count")]),
        ("培训一百零五人次", [("一百零五人次", Decimal(105), "人次", "count")]),
        ("访问量1.2万", [("1.2万", Decimal(12000), None, "other")]),
        ("发布信息1.2万条", [("1.2万条", Decimal(12000), "条", "count")]),
        ("投资3亿", [("3亿", Decimal(300000000), None, "other")]),
        ("满意率达百分之九十五", [("百分之九十五", Decimal(95), "%", "percent")]),
        ("回复率100%", [("100%", Decimal(100), "%", "percent")]),
        ("回复率９５％", [("９５％", Decimal(95), "%", "percent")]),
        ("收费12.5万元", [("12.5万元", Decimal("12.5"), "万元", "money")]),
        ("收取信息处理费0元", [("0元", Decimal(0), "元", "money")]),
        ("受理政府信息公开申请 21 件", [("21 件", Decimal(21), "件", "count")]),
        ("共1,234件", [("1,234件", Decimal(1234), "件", "count")]),
        ("举办培训3场、12期，发文8篇，涉及5家单位、6个部门、2份文件、4项制度、9次会议", [
            ("3场", Decimal(3), "场", "count"),
            ("12期", Decimal(12), "期", "count"),
            ("8篇", Decimal(8), "篇", "count"),
            ("5家", Decimal(5), "家", "count"),
            ("6个", Decimal(6), "个", "count"),
            ("2份", Decimal(2), "份", "count"),
            ("4项", Decimal(4), "项", "count"),
            ("9次", Decimal(9), "次", "count"),
        ]),
    ],
)
def test_notations(text, expected):
    assert simple(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2021年，我局", [("2021年", Decimal(2021), None, "year")]),
        ("2021年度", [("2021年度", Decimal(2021), None, "year")]),
        ("2023 年全区", [("2023 年", Decimal(2023), None, "year")]),
        ("二〇二一年", [("二〇二一年", Decimal(2021), None, "year")]),
        ("自2021年1月1日起", [("2021年1月1日", Decimal(20210101), None, "date")]),
        ("今年2月18日正式", [("2月18日", Decimal(218), None, "date")]),
        ("统计期限自2021年1月1日起至2021年12月31日止", [
            ("2021年1月1日", Decimal(20210101), None, "date"),
            ("2021年12月31日", Decimal(20211231), None, "date"),
        ]),
    ],
)
def test_years_and_dates(text, expected):
    assert simple(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "依据条例第四十二条",
        "第二十条第（一）项",
        "第一时间联系被申请单位",
        "（一）组织推动（1）组织推动（二）",
        "1.属于国家秘密",
        "2、重复申请",
        "一是提高政治站位，二要优化服务，其一",
        "落实“三审三校”制度",
        "危及“三安全一稳定”",
        "属于三类内部事务信息、四类过程性信息",
        "推进一网通办、一站式服务，一把手负责，一体化平台",
        "通过12345热线受理",
        "咨询电话：0431-81186305邮编：130000",
        "地址：长春市金汇大路1577号",
        "国办公开办函〔2021〕30号",
        "国务院令第711号",
        "国令第 711 号",
        "电子邮箱：hzzwgk@126.com",
        "进一步统一规范",
        "千家万户",
    ],
)
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_every_fixed_phrase_is_skipped():
    # a unit after the phrase must not turn its numerals into a count
    for phrase in FIXED_PHRASES:
        assert find_quantities(phrase + "件") == [] or all(
            q.start >= len(phrase) for q in find_quantities(phrase + "件")
        ), phrase


def test_sample_sentence_finds_only_real_amounts():
    text = "2021年，共办理《省委书记网民留言 》3条，市长网民留言1条，中韩示范区网民留言48条，回复率100%。"
    assert [q.raw for q in find_quantities(text)] == ["2021年", "3条", "1条", "48条", "100%"]


def test_offsets_point_at_raw_text():
    text = "截至目前，共受理市长公开电话1414件。发布信息500余条，其中，20条被采用。"
    found = find_quantities(text)
    assert [q.raw for q in found] == ["1414件", "500余条", "20条"]
    for q in found:
        assert text[q.start : q.end] == q.raw
    assert is_approximate(found[1], text) and not is_approximate(found[0], text)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=99999), st.sampled_from(["件", "条", "人次", "项"]))
def test_any_count_in_three_notations(n, unit):
    full_width = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    for numeral in (str(n), full_width, cn2an.an2cn(n)):
        text = f"全年共办理{numeral}{unit}，"
        (q,) = find_quantities(text)
        assert (q.value, q.unit, q.kind) == (Decimal(n), unit, "count")
        assert text[q.start : q.end] == q.raw == f"{numeral}{unit}"
