"""Real-world printing variants of the same report all import to the same cells."""

from __future__ import annotations

import re

import pytest
from import_paths import IMPORT_FIXTURES
from layouts import Style, html_page, text_cells, text_pipe, text_tabs

from assistant.ingest import import_document
from assistant.ingest.readers.html import html_document
from assistant.ingest.readers.text import text_document
from assistant.report.io import read_report

EXPECTED = read_report(IMPORT_FIXTURES / "2022-某市生态环境局.expected.yaml")


def _no_tabs(r):
    return "\n".join(line.lstrip("\t") for line in text_cells(r, Style(pad=False)).split("\n") if line.strip())


def _spaces(r):
    return "\n".join(" ".join(line.split("\t")) for line in text_tabs(r).split("\n"))


def _flat_t4_header(r):
    return text_tabs(r).replace("行政复议\t行政诉讼", "行政复议 行政诉讼")


def _label_then_values_next_line(r):
    return text_pipe(r).replace(
        "| 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其\n政府信息公开申请 |",
    )


def _agency_above_title(r):
    title = f"{r.agency}{r.year}年政府信息公开工作年度报告"
    return text_cells(r).replace(title, f"{r.agency}\n{r.year}年政府信息公开工作年度报告", 1)


TEXT_VARIANTS = {
    "一格一行无缩进无空行": _no_tabs,
    "空格分隔的行": _spaces,
    "表四表头压成一行": _flat_t4_header,
    "标签折行后接数字": _label_then_values_next_line,
    "机关名称单独一行": _agency_above_title,
}


@pytest.mark.parametrize("name", list(TEXT_VARIANTS))
def test_text_variant(name):
    result = import_document(text_document(TEXT_VARIANTS[name](EXPECTED), f"{name}.txt"))
    assert result.report.cells == EXPECTED.cells
    assert result.findings == []
    assert (result.report.agency, result.report.year) == (EXPECTED.agency, EXPECTED.year)


def test_html_table_three_broken_into_two_tables_and_auto_numbered_labels():
    page = html_page(EXPECTED, Style(chrome=True))
    # Word page break inside 表三: the table continues in a second <table>
    at = page.index("<tr>", page.index("4.保护第三方合法权益") - 400)
    page = page[:at] + "</tbody></table>\n<p>&nbsp;</p>\n<table border='1'><tbody>\n" + page[at:]
    # automatic numbering is not part of the text in exported pages: 「1.属于国家秘密」 -> 「属于国家秘密」
    page = re.sub(r"<span>\d\.(?=[\u4e00-\u9fff])", "<span>", page)
    assert "<span>属于国家秘密" in page and page.count("<table") == 5  # 3 report tables + split + footer
    result = import_document(html_document(page, "拆分.html"))
    assert result.report.cells == EXPECTED.cells
    assert result.findings == []


def test_html_page_chrome_is_not_part_of_the_report():
    page = html_page(EXPECTED, Style(chrome=True))
    report = import_document(html_document(page, "网页.html")).report
    text = "\n".join(v or "" for _, v in report.sections.items())
    assert "版权所有" not in text and "当前位置" not in text and "首页" not in text
    assert report.sections == EXPECTED.sections


def test_table_two_with_the_other_versions_columns_is_not_forced_into_cells():
    text = text_tabs(EXPECTED)
    # a 2021 report that kept the 2019 column labels of 第二十条第（一）项
    text = text.replace("本年制发件数\t本年废止件数\t现行有效件数", "本年新制作数量\t本年新公开数量\t对外公开总数量")
    result = import_document(text_document(text, "混用.txt"))
    report = result.report
    assert report.format.value == "2021"
    for key in ("t2.rules.issued", "t2.normative_docs.in_force"):
        assert report.cells[key].is_blank
    assert report.cells["t2.licensing.decisions"] == EXPECTED.cells["t2.licensing.decisions"]
    assert any("不是 2021 版格式的列" in f.message for f in result.findings)


def test_docx_report_inside_a_layout_table(tmp_path):
    import docx

    from assistant.ingest import import_report
    from layouts import docx_file

    inner = docx_file(EXPECTED, tmp_path / "inner.docx")
    # put the whole body into the single cell of a 1x1 layout table
    d = docx.Document(str(inner))
    body = d.element.body
    children = [c for c in body.iterchildren() if not c.tag.endswith("sectPr")]
    layout = d.add_table(rows=1, cols=1)
    cell = layout.cell(0, 0)._tc
    for c in children:
        cell.append(c)
    cell.append(cell.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p", {}))
    first_p = cell.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
    cell.remove(first_p)  # the empty paragraph python-docx put in the new cell
    out = tmp_path / "layout.docx"
    d.save(str(out))
    result = import_report(out)
    assert result.report.cells == EXPECTED.cells
    assert result.report.sections == EXPECTED.sections


def test_menu_lines_before_the_title_are_not_the_report():
    menu = "首页\n政务公开\n总体情况\n主动公开\n依申请公开\n当前位置：首页 > 年度报告\n"
    result = import_document(text_document(menu + text_cells(EXPECTED), "带菜单.txt"))
    report = result.report
    assert report.headings == EXPECTED.headings
    assert report.sections == EXPECTED.sections
    assert report.agency == EXPECTED.agency


def test_header_words_broken_over_lines_in_a_copied_table():
    text = text_tabs(EXPECTED)
    text = text.replace("结果维持", "结果\n维持").replace("本年制发件数", "本年制发\n件数")
    text = text.replace("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）")
    text = text.replace("（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t", "（二）部分公开（区分处理的，\n只计这一情形，不计其他情形）\t")
    result = import_document(text_document(text, "折行.txt"))
    assert result.report.cells == EXPECTED.cells
    assert result.findings == []


@pytest.mark.parametrize("layout", ["pipe", "html", "cells"])
def test_table_four_printed_one_row_per_block(layout):
    style = Style(t4_by_block=True)
    if layout == "pipe":
        doc = text_document(text_pipe(EXPECTED, style), "逐行表四.md")
    elif layout == "cells":
        doc = text_document(text_cells(EXPECTED, style), "逐行表四.txt")
    else:
        doc = html_document(html_page(EXPECTED, style), "逐行表四.html")
    result = import_document(doc)
    assert result.report.cells == EXPECTED.cells
    assert result.findings == []


def test_html_source_line_wrapping_is_not_a_paragraph_break():
    page = html_page(EXPECTED, Style(chrome=False))
    # an editor that wraps long source lines: the page shows the same paragraphs
    page = page.replace("深入贯彻落实", "深入贯彻\n        落实").replace("均在法定期限内答复", "均在法定\n期限内答复")
    report = import_document(html_document(page, "折行源码.html")).report
    assert report.sections == EXPECTED.sections
