"""Shapes that converters (PDF/Word -> Markdown or HTML) and some offices print, read as printed."""

from __future__ import annotations

import re

import pytest
from import_paths import IMPORT_FIXTURES
from layouts import text_cells, text_pipe

from assistant.ingest import import_document
from assistant.ingest.readers.html import html_document
from assistant.ingest.readers.text import text_document
from assistant.report.io import read_report
from assistant.validate import validate

EXPECTED = read_report(IMPORT_FIXTURES / "2022-某市生态环境局.expected.yaml")
T4_KEYS = [k for k in EXPECTED.cells if k.startswith("t4.")]
COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
BLOCKS = [("review", "行政复议"), ("suit_direct", "行政诉讼（未经复议直接起诉）"), ("suit_after_review", "行政诉讼（复议后起诉）")]


def _values(block: str) -> list[str]:
    return [EXPECTED.cells[f"t4.{block}.{c}"].display() for c in ("upheld", "corrected", "other", "pending", "total")]


def _markdown_t4(title_inside: bool) -> str:
    out = []
    for block, name in BLOCKS:
        if title_inside:
            out += [f"| {name} |  |  |  |  |", "| --- | --- | --- | --- | --- |", "| " + " | ".join(COLUMNS) + " |"]
        else:
            out += [name, "", "| " + " | ".join(COLUMNS) + " |", "| --- | --- | --- | --- | --- |"]
        out += ["| " + " | ".join(_values(block)) + " |", ""]
    return "\n".join(out) + "\n"


def _html_t4() -> str:
    out = []
    for block, name in BLOCKS:
        head = "".join(f"<td>{c}</td>" for c in COLUMNS)
        values = "".join(f"<td>{v}</td>" for v in _values(block))
        out.append(f"<table border=1><tr><td colspan=5>{name}</td></tr><tr>{head}</tr><tr>{values}</tr></table>")
    return "\n".join(out)


def _swap_t4(text: str, t4: str) -> str:
    start = text.index("| 行政复议 | 行政诉讼 |")
    end = text.index("五、存在的主要问题及改进情况")
    return text[:start] + t4 + text[end:]


@pytest.mark.parametrize("title_inside", [True, False])
def test_t4_as_three_small_markdown_tables_is_read(title_inside):
    text = _swap_t4(text_pipe(EXPECTED), _markdown_t4(title_inside))
    result = import_document(text_document(text, "converted.md"))
    assert {k: result.report.cells[k] for k in T4_KEYS} == {k: EXPECTED.cells[k] for k in T4_KEYS}
    assert result.findings == [] and "review_litigation" in result.report.headings
    assert result.report.cells == EXPECTED.cells


def test_t4_as_three_small_html_tables_is_read():
    text = _swap_t4(text_pipe(EXPECTED), "")
    page = "<html><body>" + "".join(f"<p>{line}</p>\n" for line in text.split("\n") if line)
    before, after = page.split("<p>五、存在的主要问题及改进情况</p>")
    page = before + _html_t4() + "\n<p>五、存在的主要问题及改进情况</p>" + after + "</body></html>"
    result = import_document(html_document(page, "converted.html"))
    assert {k: result.report.cells[k] for k in T4_KEYS} == {k: EXPECTED.cells[k] for k in T4_KEYS}
    assert not [f for f in result.findings if "表四" in f.message]


def _markdown(text: str) -> str:
    out = []
    for line in text.split("\n"):
        if re.match(r"^[一二三四五六]、", line) and "|" not in line:
            out.append("### " + line)
        elif re.match(r"^（[一二三四五]）", line):
            out.append("#### " + line)
        elif line.startswith(EXPECTED.agency) and "年度报告" in line:
            out.append("# " + line + " #")
        else:
            out.append(line)
    return "\n".join(out)


def test_markdown_heading_marks_are_not_narrative():
    result = import_document(text_document(_markdown(text_cells(EXPECTED)), "converted.md"))
    report = result.report
    clean = import_document(text_document(text_cells(EXPECTED), "clean.txt")).report
    assert report.headings == clean.headings and report.sections == clean.sections
    assert report.cells == EXPECTED.cells and result.findings == []
    assert not [k for k in ("intro", "overview", "problems", "other") if "#" in report.sections.text(k)]
    assert not [f for f in validate(report) if f.code == "S-NUMBERING"]


def test_part_five_printed_without_its_heading_after_t4():
    text = text_cells(EXPECTED).replace("五、存在的主要问题及改进情况\n", "")
    result = import_document(text_document(text, "no-heading.txt"))
    report = result.report
    assert report.sections.text("problems") == EXPECTED.sections.text("problems")
    assert report.sections.text("review_litigation") == ""
    assert "problems" not in report.headings
    [note] = [f for f in result.findings if f.code == "IMPORT-DEVIATION"]
    assert "第五部分" in note.message and "没有印标题" in note.message
    assert not [f for f in validate(report) if f.code in ("S-PARTS", "S-PROBLEMS-EMPTY")]


def test_part_four_prose_after_its_table_stays_part_four():
    """No heading is missing when part 五 is printed: part 四's own words after 表四 stay there."""
    text = text_cells(EXPECTED).replace("五、存在的主要问题及改进情况\n", "本年度行政复议、行政诉讼均已审结。\n五、存在的主要问题及改进情况\n")
    result = import_document(text_document(text, "four.txt"))
    assert result.report.sections.text("review_litigation") == "本年度行政复议、行政诉讼均已审结。"
    assert result.findings == []


OVERVIEW = "2022年，某市生态环境局深入贯彻落实《条例》，坚持以公开为常态、不公开为例外。"


@pytest.mark.parametrize(
    "topics",
    [
        "二、组织保障\n成立政务公开工作领导小组，明确专人负责。\n三、平台建设\n持续优化政府网站信息公开专栏。",
        "二、主动公开工作\n围绕中心工作，及时公开政策文件。\n三、依申请公开工作\n全年收到申请40件，均按时答复。",
    ],
)
def test_top_level_topics_of_the_overview_stay_subheadings(topics):
    """「一、总体情况」 going on 「二、组织保障」「三、…」 before the parts restart with the tables."""
    text = text_cells(EXPECTED)
    start = text.index(OVERVIEW)
    end = text.index("二、主动公开政府信息情况")
    text = text[:start] + OVERVIEW + "\n" + topics + "\n" + text[end:]
    result = import_document(text_document(text, "topics.txt"))
    report = result.report
    assert report.headings == EXPECTED.headings
    assert report.sections.text("overview") == OVERVIEW + "\n" + topics
    assert report.cells == EXPECTED.cells
    assert not [f.message for f in validate(report) if f.code in ("S-NUMBERING", "S-PARTS")]
