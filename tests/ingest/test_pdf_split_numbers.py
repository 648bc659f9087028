"""A number in one cell of a ruled PDF table is read whole, or not at all.

The report below, rendered to PDF, ends page 1 with the column header of 表二's first
sub-table and starts page 2 with the row 规章 | (blank) | 183 | (blank). The blanks of
that row were once taken for the rest of the header cells above them (a merged cell cut
by the page break) and dropped; the recognizer then split the digit run 183 over the
three columns (1, 8, 3) and the source gate passed each digit, as it does stand at its
offset. Now the blanks stay blanks, a digit run of a PDF table cell is never split, and
the gate refuses a read that is only a piece of a longer number.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.ingest import import_report
from assistant.ingest.gate import gate
from assistant.ingest.readers.pdf import read_pdf
from assistant.ingest.recognition.recognize import ReadCell, recognize
from assistant.ingest.recognition.tokens import Token
from assistant.report.cells import CellValue
from assistant.report.format import FormatVersion, cell_specs
from assistant.report.model import Report, Sections

pytest.importorskip("pypdfium2")
pytest.importorskip("pdfplumber")

RULES = ("t2.rules.made", "t2.rules.published", "t2.rules.total_published")


def _report() -> Report:
    fmt = FormatVersion.V2019
    cells = {k: CellValue.of(0) for k in cell_specs(fmt)}
    cells["t2.rules.made"] = CellValue(None, None)
    cells["t2.rules.published"] = CellValue.of(183)
    cells["t2.rules.total_published"] = CellValue(None, None)
    return Report(
        agency="某某区人民政府",
        issuer_kind="部门",
        year=2020,
        format=fmt,
        cells=cells,
        sections=Sections(
            intro="根据《中华人民共和国政府信息公开条例》规定，现公布本年度报告。",
            # 13 one-line paragraphs: page 1 ends right after 表二's first column header
            overview="\n".join(["本机关坚持公开。"] * 13),
            active="",
            requests="",
            review_litigation="",
            problems="宣传还不够。",
            other="无。",
        ),
    )


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    from assistant.render import render

    path = tmp_path_factory.mktemp("split") / "report.pdf"
    path.write_bytes(render(_report(), "pdf"))
    return path


def test_the_page_break_falls_between_the_header_and_the_row(pdf):
    """The layout this test is about (if the renderer changes, retune the paragraphs)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        page1 = doc[0].get_textpage().get_text_range().split()
        page2 = doc[1].get_textpage().get_text_range().split()
    finally:
        doc.close()
    while page1[-1] in ("—", "-") or page1[-1].isdigit():  # the page number "— 1 —"
        page1.pop()
    assert page1[-4:] == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert page2[:2] == ["规章", "183"]


def test_a_number_is_never_split_over_the_columns_and_is_read_whole(pdf):
    got = import_report(pdf).report.cells
    expected = _report().cells
    for key in RULES:  # never a different number: right, or not found
        assert got[key].is_blank or got[key] == expected[key], key
    assert [got[k].display() for k in RULES] == ["", "183", ""]


def test_the_gate_refuses_a_piece_of_a_longer_number(pdf):
    doc = read_pdf(pdf)
    rec = recognize(doc)
    read = rec.cells["t2.rules.published"]
    where = read.where
    assert doc.text[where.start : where.end] == "183"
    # the old reading: the first digit of the cell taken as a number of its own
    piece = Token("1", replace(where, end=where.start + 1), read.token.line)
    rec.cells["t2.rules.made"] = ReadCell(CellValue.of(1), piece)
    kept, failed = gate(doc, rec)
    assert "t2.rules.made" not in kept and kept["t2.rules.published"].value == CellValue.of(183)
    (finding,) = [f for f in failed if f.cells == ["t2.rules.made"]]
    assert finding.code == "IMPORT-GATE" and "183" in finding.message
