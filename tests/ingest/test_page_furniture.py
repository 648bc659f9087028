"""A crawled page's furniture stays out of the report and the index; the agency is found in the title."""

from __future__ import annotations

import pytest
from import_paths import IMPORT_FIXTURES
from layouts import text_cells

from assistant.ingest import import_document
from assistant.ingest.readers.text import text_document
from assistant.report.io import read_report

EXPECTED = read_report(IMPORT_FIXTURES / "2022-某市生态环境局.expected.yaml")
TITLE = f"{EXPECTED.agency}{EXPECTED.year}年政府信息公开工作年度报告"
FURNITURE = ["全文", "文字版", "文件下载", "相关链接：", "附件下载", "单位：某市生态环境局",
             "采集时间：2025-01-10T09:30:00+08:00"]


def _crawled() -> str:
    text = text_cells(EXPECTED)
    text = text.replace(TITLE, "全文\n文字版\n文件下载\n相关链接：\n" + TITLE, 1)
    text = text.replace("一、总体情况\n", "一、总体情况\n单位：某市生态环境局\n采集时间：2025-01-10T09:30:00+08:00\n", 1)
    return text + "\n附件下载\n采集时间：2025-01-10T09:30:00+08:00\n"


def test_page_furniture_is_not_narrative():
    result = import_document(text_document(_crawled(), "crawled.txt"))
    sections = result.report.sections
    for key in ("intro", "overview", "active", "requests", "review_litigation", "problems", "other"):
        text = sections.text(key)
        assert not [w for w in FURNITURE if w in text], key
    clean = import_document(text_document(text_cells(EXPECTED), "clean.txt")).report
    assert sections == clean.sections and result.report.cells == EXPECTED.cells


def test_page_furniture_is_not_indexed(tmp_path):
    from assistant.retrieval.sources import load

    path = tmp_path / "2022-某市生态环境局.txt"
    path.write_text(_crawled(), encoding="utf-8")
    loaded = load(path)
    assert loaded.doc_type == "report" and loaded.agency == EXPECTED.agency
    assert not [c.text for c in loaded.chunks if any(w in c.text for w in ("附件下载", "采集时间", "相关链接"))]


@pytest.mark.parametrize("line", ["单位：件", "全文 | 文字版", "【文件下载】", "相关链接：某某市政府信息公开指南"])
def test_more_furniture_shapes(line):
    from assistant.ingest.recognition.narrative import is_chrome

    assert is_chrome(line)


@pytest.mark.parametrize("line", ["全文共收到申请17件。", "单位：件。本年新收申请17件，全部办结", "相关工作全文公开"])
def test_report_sentences_are_not_furniture(line):
    from assistant.ingest.recognition.narrative import is_chrome

    assert not is_chrome(line)


AGENCY = "某某县发展和改革局"
INTRO_BY = f"本报告由{AGENCY}根据《中华人民共和国政府信息公开条例》要求编制。"


@pytest.mark.parametrize(
    "title, opening",
    [
        (f"{AGENCY}政府信息公开工作年度报告", "本报告根据《中华人民共和国政府信息公开条例》要求编制。"),
        (f"{EXPECTED.year}年政府信息公开工作年度报告", INTRO_BY),
        (f"相关链接：\n{EXPECTED.year}年政府信息公开工作年度报告", INTRO_BY),
    ],
)
def test_agency_in_the_title_or_opening_is_found(title, opening):
    lines = text_cells(EXPECTED).replace(EXPECTED.agency, "本局").split("\n")
    lines[0] = title
    lines[2] = opening + "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
    result = import_document(text_document("\n".join(lines), "年报.txt"))
    assert result.report.agency == AGENCY and result.report.year == EXPECTED.year
    assert not [w for w in result.summary.warnings if "机关名称" in w]


def test_files_and_links_listed_below_the_report_are_not_part_six():
    text = text_cells(EXPECTED) + (
        "\n附件下载\n某市生态环境局2022年政府信息公开工作年度报告.docx\n"
        "相关链接：\n国务院办公厅政府信息公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知\n"
    )
    result = import_document(text_document(text, "links.txt"))
    clean = import_document(text_document(text_cells(EXPECTED), "clean.txt")).report
    assert result.report.sections.text("other") == clean.sections.text("other")
    assert "通知" not in result.report.sections.text("other")
