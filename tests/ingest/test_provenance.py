"""Provenance points at the printed number: text offsets/lines, HTML source lines, DOCX cells."""

from __future__ import annotations

import docx
from import_paths import IMPORT_FIXTURES, SAMPLE_TXT

from assistant.ingest import import_report
from assistant.report.cells import format_number


def test_text_provenance_offsets_and_line_hold_the_number():
    source = IMPORT_FIXTURES / "2022-某市生态环境局.txt"
    text = source.read_text(encoding="utf-8")
    lines = text.split("\n")
    report = import_report(source).report
    assert report.cells["t3.new.total"].as_int() == 40
    for key, where in report.provenance.items():
        printed = text[where["start"] : where["end"]]
        assert printed == where["text"]
        assert printed in lines[where["line"] - 1]
        assert format_number(report.cells[key].number) == printed.replace(",", "")


def test_sample_provenance_of_the_first_t3_cell_is_its_line():
    text = SAMPLE_TXT.read_text(encoding="utf-8").split("\n")
    report = import_report(SAMPLE_TXT).report
    where = report.provenance["t3.new.natural"]
    # the value line comes right after the row label line
    assert text[where["line"] - 2].strip() == "一、本年新收政府信息公开申请数量"
    assert text[where["line"] - 1].strip() == "0"


def test_html_provenance_names_table_row_column_and_source_line():
    source = IMPORT_FIXTURES / "2022-某区卫生健康委员会.html"
    raw = source.read_text(encoding="utf-8").split("\n")
    report = import_report(source).report
    where = report.provenance["t2.licensing.decisions"]
    assert where["kind"] == "html"
    assert where["text"] == "3,056"
    assert "3,056" in raw[where["line"] - 1]
    t4 = report.provenance["t4.review.total"]
    assert (t4["row"], t4["col"]) == (3, 4)
    assert t4["table"] == 2


def test_docx_provenance_is_the_merged_table_cell():
    source = IMPORT_FIXTURES / "2023-某市住房和城乡建设局.docx"
    report = import_report(source).report
    tables = docx.Document(str(source)).tables
    for key in ("t2.licensing.decisions", "t3.new.total", "t3.unable.not_held.natural", "t4.suit_direct.total"):
        where = report.provenance[key]
        cell = tables[where["table"]].cell(where["row"], where["col"])
        assert cell.text.strip() == where["text"] == format_number(report.cells[key].number)
