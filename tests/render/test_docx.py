"""The Word document: 公文 page and fonts, merged tables, page numbers, draft header; LibreOffice opens it."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from render_gen import zero_report
from render_structure import docx_tables, golden, html_tables

from assistant.render import render
from assistant.report.format import PART_HEADINGS
from assistant.report.io import read_report

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"
UPDATE = os.environ.get("NIANBAO_UPDATE_GOLDEN") == "1"


def east_asia(run) -> str | None:
    fonts = run._element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def test_page_fonts_and_paragraphs():
    report = read_report(SAMPLE)
    doc = Document(io.BytesIO(render(report, "docx")))
    section = doc.sections[0]
    mm = lambda length: round(length.mm)  # noqa: E731 - stored in twips, so compare whole millimetres
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin), mm(section.left_margin), mm(section.right_margin)) == (37, 35, 28, 26)
    paragraphs = [p for p in doc.paragraphs if p.text]
    title = paragraphs[0]
    # a long title turns after the agency name (a line break inside the one title paragraph)
    assert title.text == f"{report.agency}\n{report.year}年政府信息公开工作年度报告"
    assert east_asia(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    assert paragraphs[1].text == report.sections.intro
    assert east_asia(paragraphs[1].runs[0]) == "仿宋_GB2312" and paragraphs[1].runs[0].font.size == Pt(16)
    headings = [p for p in paragraphs if p.text in report.headings.values()]
    assert [p.text for p in headings] == [report.headings[k] for k in PART_HEADINGS]
    assert {east_asia(p.runs[0]) for p in headings} == {"黑体"}
    sub = next(p for p in paragraphs if p.text.startswith("（一）存在的主要问题"))
    assert sub.runs[0].text == "（一）存在的主要问题。" and east_asia(sub.runs[0]) == "楷体_GB2312"
    assert east_asia(sub.runs[1]) == "仿宋_GB2312"
    # the substitutes Word uses when the official fonts are missing
    fonts = doc.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    assert "方正小标宋简体" in fonts.blob.decode("utf-8") and 'w:altName w:val="宋体"' in fonts.blob.decode("utf-8")


def test_tables_small_font_and_page_number_field():
    doc = Document(io.BytesIO(render(zero_report(2022), "docx")))
    assert len(doc.tables) == 3
    sizes = {r.font.size for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs}
    assert sizes and max(sizes) <= Pt(10.5)
    footer = doc.sections[0].footer._element
    assert [i.text.strip() for i in footer.iter(qn("w:instrText"))] == ["PAGE"]
    assert "草稿" not in "".join(p.text for p in doc.sections[0].header.paragraphs)


@pytest.mark.parametrize("year", [2021, 2020])
def test_merged_cells_match_golden_and_html(year):
    report = zero_report(year)
    tables = docx_tables(render(report, "docx"))
    assert tables == golden(f"docx-{year}", tables, UPDATE)
    # the Word tables and the web tables come from one layout: same cells, same spans
    assert tables == html_tables(render(report, "html"))


def test_draft_header_on_every_page():
    report = zero_report(2022)
    report.set("t4.review.total", 5)  # T4-BLOCK-TOTAL: blocks a final copy
    doc = Document(io.BytesIO(render(report, "docx", draft=True)))
    assert len(doc.sections) == 1  # one section, so its header is on every page
    assert "草稿" in doc.sections[0].header.paragraphs[0].text


def test_libreoffice_converts_without_errors(tmp_path):
    source = tmp_path / "报告.docx"
    source.write_bytes(render(read_report(SAMPLE), "docx", draft=True))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "报告.pdf"
    assert pdf.exists() and pdf.stat().st_size > 0
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 3
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    compact = "".join(text.split())
    assert "中韩示范区党政综合办公室2021年政府信息" in compact
    assert "申请人情况" in compact and "未经复议直接起诉" in compact
    assert compact.count("草稿") >= pages  # the header mark on every page
    assert "—1—" in compact  # the PAGE field was evaluated
