"""Never invent a number: a damaged document gives the right number or none, never a wrong one.

A random consistent report is printed in a text layout, then one line is deleted,
repeated, or run together with the next (a careless copy). Every cell of the import must then equal the original or
be left blank (not found); a different number would be an invented one.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layouts import Style, text_cells, text_pipe, text_tabs
from test_roundtrip import reports

from assistant.ingest import import_document
from assistant.ingest.readers.text import text_document
from assistant.report.format import FormatVersion

WRITERS = {"cells": text_cells, "pipe": text_pipe, "tabs": text_tabs}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    report=st.one_of(reports(FormatVersion.V2021), reports(FormatVersion.V2019)),
    layout=st.sampled_from(sorted(WRITERS)),
    pad=st.booleans(),
    damage=st.sampled_from(["delete", "repeat", "join"]),
    where=st.floats(min_value=0, max_value=1, exclude_max=True),
)
def test_a_damaged_copy_never_gives_a_wrong_number(report, layout, pad, damage, where):
    lines = WRITERS[layout](report, Style(pad=pad)).split("\n")
    start = next(i for i, line in enumerate(lines) if "主动公开政府信息情况" in line)
    end = next(i for i, line in enumerate(lines) if "存在的主要问题" in line)
    at = start + 1 + int(where * (end - start - 1))  # somewhere in the tables
    if damage == "delete":
        del lines[at]
    elif damage == "repeat":
        lines.insert(at, lines[at])
    else:  # two lines run together, as when a copy loses a line break
        lines[at : at + 2] = [lines[at] + lines[at + 1].lstrip("\t")]
    result = import_document(text_document("\n".join(lines), "损坏.txt"))
    got = result.report.cells
    invented = {
        k: (report.cells[k].display(), got[k].display())
        for k in report.cells
        if not got[k].is_blank and got[k] != report.cells[k]
    }
    assert invented == {}, f"{damage} line {at}: {lines[at] if at < len(lines) else ''!r}"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    report=st.one_of(reports(FormatVersion.V2021), reports(FormatVersion.V2019)),
    damage=st.sampled_from(["delete", "repeat"]),
    where=st.floats(min_value=0, max_value=1, exclude_max=True),
)
def test_a_web_page_with_a_cell_lost_or_doubled_never_gives_a_wrong_number(report, damage, where):
    import re

    from layouts import html_page

    from assistant.ingest.readers.html import html_document

    page = html_page(report, Style(chrome=False))
    cells = [m.span() for m in re.finditer(r"<td[^>]*>.*?</td>", page)]
    s, e = cells[int(where * len(cells))]
    page = page[:s] + (page[s:e] * 2 if damage == "repeat" else "") + page[e:]
    got = import_document(html_document(page, "损坏.html")).report.cells
    invented = {
        k: (report.cells[k].display(), got[k].display())
        for k in report.cells
        if not got[k].is_blank and got[k] != report.cells[k]
    }
    assert invented == {}, f"{damage} {page[s:e]!r}"


def _t2_page(rules_row: list[str]) -> str:
    def row(*cells: str) -> str:
        return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    return (
        "<html><body><h1>某县人民政府2020年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
        "<p>二、主动公开政府信息情况</p><table>"
        + '<tr><td colspan="4">第二十条第（一）项</td></tr>'
        + row("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量")
        + row("规章", *rules_row)
        + row("规范性文件", "186", "1617", "235")
        + "</table><p>三、收到和处理政府信息公开申请情况</p></body></html>"
    )


def test_a_web_table_row_that_lost_a_cell_is_not_filled_by_splitting_a_number():
    """「规章 | 1222 | 无 | 68」 with the 1222 cell lost: 68 is one printed cell, not a 6 and an 8."""
    from assistant.ingest.readers.html import html_document

    result = import_document(html_document(_t2_page(["无", "68"]), "损坏.html"))
    cells = result.report.cells
    assert [cells[f"t2.rules.{c}"].is_blank for c in ("made", "published", "total_published")] == [True] * 3
    assert cells["t2.normative_docs.total_published"].display() == "235"
    assert any("规章" in f.message and "没有导入" in f.message for f in result.findings)
    # the intact row still imports, digits and all
    whole = import_document(html_document(_t2_page(["1222", "无", "68"]), "完整.html")).report.cells
    assert [whole[f"t2.rules.{c}"].display() for c in ("made", "published", "total_published")] == ["1222", "无", "68"]


def test_a_label_run_into_its_first_number_with_the_rest_below_is_not_split():
    """「行政规范性文件100」 then 「/」「/」 (one cell per line, a line break lost): 100, /, /, never 1, 0, 0."""
    from decimal import Decimal

    from assistant.report.cells import CellValue
    from assistant.report.format import cell_keys
    from assistant.report.model import blank_report

    report = blank_report(2021, "某市教育局", "部门")
    for key in cell_keys("2021"):
        report.cells[key] = CellValue(na_mark="/") if key.startswith("t2.") else CellValue(number=Decimal(0))
    report.cells["t2.normative_docs.issued"] = CellValue(number=Decimal(100))
    text = text_cells(report, Style(pad=False)).replace("\t行政规范性文件\n\t100\n", "\t行政规范性文件100\n")
    assert "行政规范性文件100\n\t/\n\t/\n" in text
    got = import_document(text_document(text, "joined.txt")).report.cells
    assert {k: got[k].display() for k in got if k.startswith("t2.normative_docs.")} == {
        "t2.normative_docs.issued": "100", "t2.normative_docs.repealed": "/", "t2.normative_docs.in_force": "/"}
