"""The PDF reader on real PDFs: the 洪泽区 2023 sample and our own fixture PDFs.

Checks the `Document` itself (tables, spans, pages, provenance, paragraphs); the cells
of the finished report are checked in test_pdf_import.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from assistant.errors import NianbaoError
from assistant.ingest.document import Paragraph, Table
from assistant.ingest.readers.pdf import NO_TEXT, read_pdf
from assistant.report.cells import is_na_mark, parse_number_text
from assistant.report.io import read_report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLE_PDF = ROOT.parent / "shared" / "samples" / "2023-洪泽区人民政府.pdf"
FIX = ROOT / "tests" / "fixtures" / "import" / "pdf"
FIXTURE_PDFS = sorted(p for p in FIX.glob("20*.pdf"))
ALL_PDFS = [SAMPLE_PDF, *FIXTURE_PDFS]


# Printed values that belong to no cell of the format: the sample prints （六）其他处理 as
# one row of seven 0s (the report file leaves the three 2021 sub-rows blank).
PRINTED_ONLY = {(SAMPLE_PDF.stem, "t3.results_total.natural"): ["0"] * 7}


def expected_for(pdf: Path):
    return read_report(FIX / f"{pdf.stem}.expected.yaml")


def tables(doc) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def paragraphs(doc) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def value_cells(doc):
    """Cells printing a number or an n/a mark, in reading order (row by row)."""
    return [
        c
        for t in tables(doc)
        for row in t.rows
        for c in row
        if parse_number_text(c.text) is not None or is_na_mark(c.text)
    ]


def find_cell(doc, text: str):
    return [c for t in tables(doc) for row in t.rows for c in row if c.text.replace("\n", "") == text]


@pytest.fixture(scope="module")
def sample():
    return read_pdf(SAMPLE_PDF)


@pytest.mark.parametrize("pdf", ALL_PDFS, ids=lambda p: p.stem)
def test_every_printed_value_is_read_in_order(pdf):
    """The numbers (and n/a marks) of all tables, row by row, are exactly the expected
    report's non-blank cells in format order (表二, 表三 row by row, 表四)."""
    doc = read_pdf(pdf)
    got = [c.text.strip() for c in value_cells(doc)]
    want = []
    for key, v in expected_for(pdf).cells.items():
        want += PRINTED_ONLY.get((pdf.stem, key), [])
        if not v.is_blank:
            want.append(v.display())
    assert got == want
    assert len(tables(doc)) == 3  # 表二, 表三, 表四: page breaks never split a table in two


def test_sample_tables_joined_across_pages(sample):
    t2, t3, t4 = tables(sample)
    assert t2.where.extra["pages"] == [2, 3]
    assert t3.where.extra["pages"] == [3, 4]
    assert "pages" not in t4.where.extra and t4.where.page == 4
    # the 表三 row 「（七）总计」 is on page 4, its first rows on page 3
    total = find_cell(sample, "（七）总计")[0]
    assert total.where.page == 4 and total.where.table == 1
    assert find_cell(sample, "一、本年新收政府信息公开申请数量")[0].where.page == 3


def test_sample_merged_cells(sample):
    t3 = tables(sample)[1]
    note = t3.rows[0][0]
    assert note.text.replace("\n", "").startswith("（本列数据的勾稽关系为")
    assert (note.rowspan, note.colspan) == (3, 3)
    assert [(c.text, c.colspan) for c in t3.rows[0][1:]] == [("申请人情况", 7)]
    legal = find_cell(sample, "法人或其他组织")[0]
    assert legal.colspan == 5
    # 「三、本年度办理结果」 printed one character a line, and its merged cell runs over
    # the page break down to （七）总计: every result row of both pages
    results = find_cell(sample, "三、本年度办理结果")
    assert len(results) == 1
    cell = results[0]
    assert cell.where.extra["pages"] == [3, 4]
    start = next(i for i, row in enumerate(t3.rows) if cell in row)
    covered = [row for row in t3.rows[start : start + cell.rowspan]]
    labels = [c.text.replace("\n", "") for row in covered for c in row if c.where.col in (1, 2)]
    assert labels[0] == "（一）予以公开" and labels[-1] == "（七）总计"
    # （四）无法提供 spans its three rows: two on page 3, the third on page 4
    unable = find_cell(sample, "（四）无法提供")[0]
    assert unable.rowspan == 3 and unable.where.extra["pages"] == [3, 4]
    # a value cell never continues over the break: 「3.补正后…」's zeros are its own
    assert all(c.rowspan == 1 for c in value_cells(sample))


def test_sample_t4_header_spans(sample):
    t4 = tables(sample)[2]
    assert [(c.text, c.colspan) for c in t4.rows[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert [c.text for c in t4.rows[1] if c.colspan == 5] == ["未经复议直接起诉", "复议后起诉"]
    assert "总计" in [c.text for c in t4.rows[1]]  # printed spaced out as 「总 计」


def test_cell_provenance_points_at_the_printed_text(sample):
    """Every value cell can be found again: the page region in its bbox holds its text,
    and the document text at its offsets is the cell text."""
    with pdfplumber.open(SAMPLE_PDF) as pdf:
        for cell in value_cells(sample):
            w = cell.where
            assert w.kind == "pdf" and w.table is not None and w.row is not None and w.col is not None
            assert sample.text[w.start : w.end] == cell.text
            x0, top, x1, bottom = w.extra["bbox"]
            page = pdf.pages[w.page - 1]
            printed = page.within_bbox((x0 - 0.5, top - 0.5, x1 + 0.5, bottom + 0.5)).extract_text()
            assert "".join(printed.split()) == cell.text.strip()


def test_sample_paragraphs(sample):
    texts = [p.text for p in paragraphs(sample)]
    headings = [t for t in texts if re.match(r"^[一二三四五六]、", t)]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    # wrapped lines are joined, also over the page break (page 1 -> 2)
    manage = next(p for p in paragraphs(sample) if p.text.startswith("加强区政府门户网站"))
    assert "严格执行“分级审核、先审后发”程序" in manage.text
    assert manage.where.page == 1 and manage.where.extra["last"]["page"] == 2
    # contact details come through as printed (digits kept whole)
    intro = next(t for t in texts if t.startswith("本报告由"))
    assert "223100" in intro and "0517-87222589" in intro and "hzzwgk@126.com" in intro
    # the page numbers 「-1-」…「-5-」 are not text of the report
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in texts)
    assert not any(re.search(r"-\s*[1-5]\s*-$", t) for t in texts)


def test_paragraph_provenance(sample):
    with pdfplumber.open(SAMPLE_PDF) as pdf:
        for p in paragraphs(sample):
            assert sample.text[p.where.start : p.where.end] == p.text
            x0, top, x1, bottom = p.where.extra["bbox"]
            region = (x0 - 1, top - 1, x1 + 1, min(bottom + 1, 842))
            first = pdf.pages[p.where.page - 1].crop(region).extract_text()
            head = "".join(first.split())[:6]
            assert p.text.startswith(head)


def test_broken_table_header_not_repeated():
    pdf = FIX / "2022-某市交通运输局-跨页表格.pdf"
    with pdfplumber.open(pdf) as raw:  # the header really is printed twice
        assert sum("申请人情况" in (page.extract_text() or "") for page in raw.pages) == 2
    doc = read_pdf(pdf)
    t3 = tables(doc)[1]
    assert t3.where.extra["pages"] == [2, 3]
    assert len(find_cell(doc, "申请人情况")) == 1
    assert len(find_cell(doc, "自然人")) == 1
    # a data row from each page, each cell with its own page
    assert find_cell(doc, "（一）予以公开")[0].where.page == 2
    assert find_cell(doc, "3.其他")[0].where.page == 3


def test_vertical_header_characters_are_joined():
    doc = read_pdf(FIX / "2021-某镇人民政府-竖排表头.pdf")
    for label in ("自然人", "商业企业", "法律服务机构", "总计", "结果维持", "尚未审结", "三、本年度办理结果", "（五）不予处理"):
        assert find_cell(doc, label), label
    # as one string, not one character a line
    assert find_cell(doc, "自然人")[0].text == "自然人"


@pytest.mark.parametrize("pdf", FIXTURE_PDFS, ids=lambda p: p.stem)
def test_page_number_footers_are_dropped(pdf):
    doc = read_pdf(pdf)
    with pdfplumber.open(pdf) as raw:
        n_pages = len(raw.pages)
        footers = [(raw.pages[i].extract_text() or "").strip().splitlines()[-1] for i in range(n_pages)]
    assert all(re.search(r"\d", f) for f in footers)  # every page does print a number
    texts = [p.text for p in paragraphs(doc)] + [c.text for t in tables(doc) for r in t.rows for c in r]
    for footer in footers:
        assert not any(footer.replace(" ", "") in t.replace(" ", "") for t in texts), footer


def test_unruled_tables_from_word_positions():
    pdf = FIX / "2023-某区教育局-无框线.pdf"
    with pdfplumber.open(pdf) as raw:
        assert not any(page.lines for page in raw.pages)  # really no rulings
    doc = read_pdf(pdf)
    t2, t3, t4 = tables(doc)
    assert t3.where.extra["pages"] == [1, 2]
    assert [c.text for c in t4.rows[-1]] == ["1", "0", "0", "0", "1"] + ["0"] * 10
    assert len({c.where.col for c in t4.rows[-1]}) == 15
    row = next(r for r in t3.rows if r[0].text == "一、本年新收政府信息公开申请数量")
    assert [c.text for c in row[1:]] == ["23", "1", "0", "0", "0", "0", "24"]


def test_scanned_pdf_is_refused():
    with pytest.raises(NianbaoError) as err:
        read_pdf(FIX / "扫描件.pdf")
    assert err.value.message == NO_TEXT
    assert err.value.exit_code == 2
    assert err.value.file.endswith("扫描件.pdf")


def test_corrupt_pdf_is_refused():
    with pytest.raises(NianbaoError) as err:
        read_pdf(FIX / "损坏.pdf")
    assert "损坏" in err.value.message and err.value.exit_code == 2


def test_password_protected_pdf_is_refused():
    with pytest.raises(NianbaoError) as err:
        read_pdf(FIX / "加密.pdf")
    assert "密码" in err.value.message and err.value.exit_code == 2


def test_missing_pdf(tmp_path):
    with pytest.raises(NianbaoError) as err:
        read_pdf(tmp_path / "没有.pdf")
    assert "找不到" in err.value.message


@pytest.mark.parametrize("pdf", ALL_PDFS, ids=lambda p: p.stem)
def test_title_and_opening_paragraph_are_whole(pdf):
    """A title wrapped over two centred lines is one paragraph; a line that ends early
    because a phone number did not fit does not end the paragraph."""
    expected = expected_for(pdf)
    doc = read_pdf(pdf)
    texts = [p.text for p in paragraphs(doc)]
    assert texts[0] == expected.title
    intro = next(t for t in texts if t.startswith("本报告"))
    assert expected.contact.phone in intro and expected.contact.postcode in intro
    assert intro.endswith("）。")


@pytest.mark.parametrize("pdf", ALL_PDFS, ids=lambda p: p.stem)
def test_part_headings_are_paragraphs_of_their_own(pdf):
    expected = expected_for(pdf)
    texts = [p.text for p in paragraphs(read_pdf(pdf))]
    assert [t for t in texts if t in expected.headings.values()] == list(expected.headings.values())
    # and the text after each heading starts a paragraph of its own
    for heading in expected.headings.values():
        assert not any(t.startswith(heading) and t != heading for t in texts)
