"""Documents printed the way government sites really publish them import exactly.

The fixtures (tests/fixtures/import/real_variants/, written by make_variants.py) vary
what the first fixture set did not: page layout tables and chrome lines, WPS markup,
half-width 第二十条第(一)项, 「万元」 amounts, 表三 labels with other numbering, 表四 in
other shapes, rows copied as space-separated lines with 「件」, tables as images,
and issuers that are governments (街道办事处). Cells must be right on every one, and
a table that is not there must be reported not found, never made up.
"""

from __future__ import annotations

import re

import pytest
from import_paths import IMPORT_FIXTURES

from assistant.ingest import import_report
from assistant.ingest.readers.html import html_document
from assistant.ingest import import_document
from assistant.report.io import read_report

VARIANTS = IMPORT_FIXTURES / "real_variants"
EXPECTED = sorted(VARIANTS.glob("*.expected.yaml"))


def _pair(path):
    expected = read_report(path)
    return VARIANTS / expected.source, expected


def test_variant_set_has_both_formats_both_issuer_kinds_and_a_document_without_tables():
    pairs = [_pair(p) for p in EXPECTED]
    assert {e.format.value for _, e in pairs} == {"2019", "2021"}
    assert {e.issuer_kind for _, e in pairs} == {"部门", "人民政府"}
    assert any(all(v.is_blank for v in e.cells.values()) for _, e in pairs)
    assert all(src.exists() for src, _ in pairs)


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.replace(".expected.yaml", ""))
def test_variant_imports_exactly(path):
    source, expected = _pair(path)
    result = import_report(source)
    report = result.report
    wrong = {k: (str(expected.cells[k]), str(report.cells[k])) for k in expected.cells if expected.cells[k] != report.cells[k]}
    assert wrong == {}
    for field in ("agency", "year", "format", "issuer_kind", "published", "contact"):
        assert getattr(report, field) == getattr(expected, field), field
    assert list(report.headings.items()) == list(expected.headings.items())
    assert report.sections == expected.sections
    missing = [k for k, v in expected.cells.items() if v.is_blank]
    assert sorted(result.summary.not_found) == sorted(missing)
    flagged = {c for f in result.findings if f.code in ("IMPORT-NOT-FOUND", "IMPORT-DEVIATION") for c in f.cells}
    assert set(missing) <= flagged
    if not missing:
        assert result.findings == [] and result.summary.confidence == 1.0


def test_page_chrome_lines_stay_out_of_the_parts():
    source = VARIANTS / "2023-某区某某街道办事处.html"
    page = source.read_text(encoding="utf-8")
    assert "浏览次数" in page and "【打印本页】" in page
    report = import_report(source).report
    text = "\n".join(v for v in report.sections.model_dump().values() if v)
    assert "浏览次数" not in text and "打印本页" not in text and "字体" not in text


def test_tables_as_images_are_not_found_and_the_import_still_succeeds(run_cli, tmp_path):
    source = VARIANTS / "2022-某市统计局-表格为图片.html"
    out = tmp_path / "r.yaml"
    code, _, err = run_cli("import", source, "-o", out)
    assert code == 0, err
    assert "读取单元格 0/200" in err and "IMPORT-NOT-FOUND" in err
    report = read_report(out)
    assert all(v.is_blank for v in report.cells.values())
    assert report.agency == "某市统计局" and len(report.headings) == 6
    result = import_report(source)
    tables = {f.args.get("table") for f in result.findings if f.code == "IMPORT-NOT-FOUND"}
    assert tables == {"t2", "t3", "t4"}


def test_t4_in_two_tables_with_a_value_missing_is_refused_not_shifted():
    source = VARIANTS / "2023-某区某某街道办事处.html"
    page = source.read_text(encoding="utf-8")
    # drop the last value cell of the 5-column 行政复议 table: 4 values under 5 columns
    head, tail = page.split(">行政复议</span>", 1)
    first_table, rest = tail.split("</table>", 1)
    cells = list(re.finditer(r"<td[^>]*><p[^>]*><span[^>]*>[^<]*</span></p></td>", first_table))
    last = cells[-1]
    damaged = head + ">行政复议</span>" + first_table[: last.start()] + first_table[last.end() :] + "</table>" + rest
    result = import_document(html_document(damaged, "damaged.html"))
    assert all(result.report.cells[k].is_blank for k in result.report.cells if k.startswith("t4."))
    assert any(f.code == "IMPORT-DEVIATION" and f.args.get("table") == "t4" for f in result.findings)
    assert result.report.cells["t3.new.total"].as_int() == 8  # the rest is kept


@pytest.mark.parametrize(
    "agency, kind",
    [("某区某某街道办事处", "人民政府"), ("某区某某街道", "人民政府"), ("某经济开发区管委会", "人民政府"), ("某县人民政府", "人民政府"), ("某县交通运输局", "部门")],
)
def test_issuer_kind_from_the_agency_in_the_title(agency, kind):
    source = VARIANTS / "2022-某县交通运输局.txt"
    text = source.read_text(encoding="utf-8").replace("某县交通运输局", agency)
    from assistant.ingest.readers.text import text_document

    report = import_document(text_document(text, "x.txt")).report
    assert report.agency == agency and report.issuer_kind == kind


def _with_title(title: str) -> str:
    """The 交通运输局 text under another printed title, without the page's 发布日期 line."""
    text = (VARIANTS / "2022-某县交通运输局.txt").read_text(encoding="utf-8")
    lines = [ln for ln in text.split("\n")[1:] if not ln.startswith("发布日期")]
    return "\n".join([title, *lines]).replace("某县交通运输局", "某市财政局")


@pytest.mark.parametrize(
    "title",
    [
        "某市财政局关于2022年度政府信息公开工作的报告",
        "某市财政局政府信息公开工作年度报告（2022年）",
        "某市财政局2022年度政府信息公开工作报告",
        "2022年某市财政局政府信息公开工作年度报告",
        "某市财政局\n2022年政府信息公开工作年度报告",
        "某市财政局2022年政务公开工作年度报告",
        "关于某市财政局2022年政府信息公开工作年度报告",
        "某市财政局2022年政府信息\n公开工作年度报告",
        "某市财政局二〇二二年政府信息公开工作年度报告",
    ],
)
def test_agency_and_year_from_titles_as_printed(title):
    from assistant.ingest.readers.text import text_document

    result = import_document(text_document(_with_title(title), "x.txt"))
    assert (result.report.agency, result.report.year) == ("某市财政局", 2022)
    assert result.report.sections.intro is None
    assert not any("机关名称" in w or "年度" in w for w in result.summary.warnings)


def test_date_under_the_title_is_the_publication_date_not_the_opening():
    from assistant.ingest.readers.text import text_document

    text = _with_title("某市财政局2022年政府信息公开工作年度报告\n（2023年1月20日）")
    text = text.replace("2023年1月16日\n", "")  # no signature date at the end
    report = import_document(text_document(text, "x.txt")).report
    assert str(report.published) == "2023-01-20"
    assert report.sections.intro is None


def _with_t4(table_html: str):
    """The 街道办事处 page with its 表四 replaced by another printed shape."""
    page = (VARIANTS / "2023-某区某某街道办事处.html").read_text(encoding="utf-8")
    start = page.index("<table", page.index("四、政府信息公开行政复议"))
    end = page.index("<h3>", start)
    return import_document(html_document(page[:start] + table_html + page[end:], "t4.html"))


_TRANSPOSED = """<table border="1"><tr><td></td><td>行政复议</td><td>行政诉讼（未经复议直接起诉）</td><td>行政诉讼（复议后起诉）</td></tr>
<tr><td>结果维持</td><td>1</td><td>0</td><td>0</td></tr>
<tr><td>结果纠正</td><td>2</td><td>0</td><td>0</td></tr>
<tr><td>其他结果</td><td>0</td><td>3</td><td>0</td></tr>
<tr><td>尚未审结</td><td>0</td><td>0</td><td>4</td></tr>
<tr><td>总计</td><td>3</td><td>3</td><td>4</td></tr></table>"""


def test_t4_transposed_blocks_across_columns_down():
    result = _with_t4(_TRANSPOSED)
    cells = {k: v.as_int() for k, v in result.report.cells.items() if k.startswith("t4.")}
    assert cells["t4.review.upheld"] == 1 and cells["t4.review.corrected"] == 2 and cells["t4.review.total"] == 3
    assert cells["t4.suit_direct.other"] == 3 and cells["t4.suit_direct.total"] == 3
    assert cells["t4.suit_after_review.pending"] == 4 and cells["t4.suit_after_review.total"] == 4
    assert sum(v for v in cells.values()) == 1 + 2 + 3 + 4 + 3 + 3 + 4
    assert all(result.report.provenance[k]["text"] == str(v) for k, v in cells.items())
    assert result.findings == []


def test_t4_transposed_row_with_a_value_missing_is_not_imported():
    damaged = _TRANSPOSED.replace("<tr><td>其他结果</td><td>0</td><td>3</td><td>0</td></tr>", "<tr><td>其他结果</td><td>0</td><td>3</td></tr>")
    result = _with_t4(damaged)
    cells = result.report.cells
    assert all(cells[f"t4.{b}.other"].is_blank for b in ("review", "suit_direct", "suit_after_review"))
    assert cells["t4.review.upheld"].as_int() == 1
    assert any(f.code == "IMPORT-DEVIATION" and "其他结果" in f.message for f in result.findings)


def test_t4_transposed_with_blocks_in_another_order():
    swapped = _TRANSPOSED.replace(
        "<td>行政复议</td><td>行政诉讼（未经复议直接起诉）</td>", "<td>行政诉讼（未经复议直接起诉）</td><td>行政复议</td>"
    )
    cells = _with_t4(swapped).report.cells
    assert cells["t4.suit_direct.corrected"].as_int() == 2 and cells["t4.review.other"].as_int() == 3


@pytest.mark.parametrize("joint", ["。", "：", " ", "\u3000"])
def test_part_heading_run_into_its_first_sentence(joint):
    from assistant.ingest.readers.text import text_document

    source, expected = _pair(VARIANTS / "2020-某县某某镇人民政府-制表符.expected.yaml")
    text = source.read_text(encoding="utf-8")
    assert "一、总体情况\n2020年" in text and "五、存在的主要问题及改进情况\n一是" in text
    text = text.replace("一、总体情况\n2020年", f"一、总体情况{joint}2020年").replace(
        "五、存在的主要问题及改进情况\n一是", f"五、存在的主要问题及改进情况{joint}一是"
    )
    report = import_document(text_document(text, source.name)).report
    assert list(report.headings.values()) == list(expected.headings.values())
    assert report.sections == expected.sections


def test_a_sentence_starting_like_a_part_name_is_not_cut():
    from assistant.ingest.recognition.narrative import _split_run_in_heading

    assert _split_run_in_heading("一、总体情况良好，各项工作有序推进。") == ["一、总体情况良好，各项工作有序推进。"]
    assert _split_run_in_heading("二、总体情况。其后") == ["二、总体情况。其后"]
    # a PDF line that ran a long part name into its text, without any mark between them
    assert _split_run_in_heading("五、存在的主要问题及改进情况一是公开不及时。") == ["五、存在的主要问题及改进情况", "一是公开不及时。"]


def _td(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    return f'<td rowspan="{rowspan}" colspan="{colspan}"><p><span>{text}</span></p></td>'


_LEGAL = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
_T3_HEADERS = {
    "two-rows-no-applicant-row": "<tr>" + _td("", 2, 3) + _td("自然人", 2) + _td("法人或其他组织", 1, 5) + _td("总计", 2) + "</tr><tr>"
    + "".join(_td(x) for x in _LEGAL) + "</tr>",
    "one-flat-row": "<tr>" + _td("项目", 1, 3) + "".join(_td(x) for x in ["自然人", *_LEGAL, "总计"]) + "</tr>",
    "legal-named-in-each-cell": "<tr>" + _td("", 1, 3) + "".join(_td(x) for x in ["自然人", *[f"法人或其他组织（{x}）" for x in _LEGAL], "总计"]) + "</tr>",
}


def _with_t3_header(header_rows: str):
    page = (VARIANTS / "2023-某区某某街道办事处.html").read_text(encoding="utf-8")
    start = page.index("<tr>", page.index("三、收到和处理政府信息公开申请情况</h3>"))
    end = page.index("<tr>", page.index("<tr>", page.index("自然人", start)) + 4)  # after the three header rows
    return page[:start] + header_rows + page[end:]


@pytest.mark.parametrize("shape", list(_T3_HEADERS))
def test_t3_header_printed_in_other_shapes(shape):
    _, expected = _pair(VARIANTS / "2023-某区某某街道办事处.expected.yaml")
    result = import_document(html_document(_with_t3_header(_T3_HEADERS[shape]), "x.html"))
    t3 = [k for k in expected.cells if k.startswith("t3.")]
    assert {k: str(result.report.cells[k]) for k in t3} == {k: str(expected.cells[k]) for k in t3}
    assert result.findings == []


def test_t3_with_a_legal_subtotal_column_is_refused_not_shifted():
    header = _T3_HEADERS["two-rows-no-applicant-row"].replace(_td("总计", 2), _td("小计", 2) + _td("总计", 2))
    page = _with_t3_header(header)
    start = page.index("小计")
    end = page.index("</table>", start)

    def add_subtotal(m: re.Match) -> str:
        row = m.group(0)
        values = re.findall(r"<span[^>]*>(\d+)</span></p></td>", row)
        if len(values) != 7:
            return row
        cut = row.rfind("<td")
        return row[:cut] + _td(str(sum(map(int, values[1:6])))) + row[cut:]

    page = page[:start] + re.sub(r"<tr>.*?</tr>", add_subtotal, page[start:end], flags=re.S) + page[end:]
    result = import_document(html_document(page, "x.html"))
    assert all(v.is_blank for k, v in result.report.cells.items() if k.startswith("t3."))
    refused = [f for f in result.findings if f.code == "IMPORT-DEVIATION" and f.args.get("table") == "t3"]
    assert len(refused) == 25 and all("8个数" in f.message for f in refused)
    assert result.report.cells["t4.review.corrected"].as_int() == 1


def test_whole_browser_page_copied_as_text():
    """Select-all on the page: menus, the title twice, 发布日期, prev/next links, a QR caption."""
    from assistant.ingest.readers.text import text_document

    source, expected = _pair(VARIANTS / "2022-某县交通运输局.expected.yaml")
    lines = source.read_text(encoding="utf-8").split("\n")
    title, chrome = lines[0], lines[1]
    page = [
        "首页 > 政务公开 > 政府信息公开年报",
        title,
        chrome + "  【字体：大 中 小】  【打印】",
        "",
        title,
        "（2023年1月16日）",
        *lines[3:],
        "上一篇：某县交通运输局2021年政府信息公开工作年度报告",
        "下一篇：关于某某路段施工的通告",
        "扫一扫在手机打开当前页",
        "【打印本页】【关闭窗口】",
    ]
    result = import_document(text_document("\n".join(page), source.name))
    report = result.report
    assert (report.agency, report.year, report.published) == (expected.agency, expected.year, expected.published)
    assert report.sections == expected.sections
    assert {k: str(v) for k, v in report.cells.items()} == {k: str(v) for k, v in expected.cells.items()}


@pytest.mark.parametrize(
    "intro, agency",
    [
        ("本报告根据《条例》要求，由某县某某镇人民政府编制。统计期限自2020年1月1日起至2020年12月31日止。", "某县某某镇人民政府"),
        ("根据《中华人民共和国政府信息公开条例》规定，现公布某县某某镇人民政府2020年政府信息公开工作年度报告。", "某县某某镇人民政府"),
        ("本报告由本机关办公室编制，统计期限自2020年1月1日起至2020年12月31日止。", None),
    ],
)
def test_agency_from_the_opening_paragraph_when_the_title_has_none(intro, agency):
    from assistant.ingest.readers.text import text_document

    lines = (VARIANTS / "2020-某县某某镇人民政府-制表符.txt").read_text(encoding="utf-8").split("\n")
    text = "\n".join(["2020年政府信息公开工作年度报告", intro, *lines[2:]])
    result = import_document(text_document(text, "年报.txt"))
    if agency is None:
        assert result.report.agency == "年报"  # the file name, with a warning to say so
        assert any("没有找到机关名称" in w for w in result.summary.warnings)
    else:
        assert result.report.agency == agency and result.report.issuer_kind == "人民政府"
    assert result.report.year == 2020


def test_only_page_metadata_lines_are_chrome():
    from assistant.ingest.recognition.narrative import is_chrome

    assert is_chrome("发布日期：2023-01-16    来源：某县交通运输局")
    assert is_chrome("信息来源：某区某某街道办事处　发布时间：2024-01-26 09:30　浏览次数：128")
    assert is_chrome("【打印本页】 【关闭窗口】")
    assert not is_chrome("数据来源：全省政务服务平台")
    assert not is_chrome("本机关信息来源广泛，发布时间及时。")


def _drop_lines(text: str, first: str, stop: str) -> str:
    """The text without the lines from the one starting with `first` up to the one starting with `stop`."""
    lines = text.split("\n")
    a = next(i for i, ln in enumerate(lines) if ln.startswith(first))
    b = next(i for i, ln in enumerate(lines) if i > a and ln.startswith(stop))
    return "\n".join(lines[:a] + lines[b:])


def test_one_table_missing_from_a_text_copy_is_not_found_and_the_others_are_exact():
    from assistant.ingest.readers.text import text_document

    source, expected = _pair(VARIANTS / "2022-某县交通运输局.expected.yaml")
    text = _drop_lines(source.read_text(encoding="utf-8"), "第二十条第（一）项", "（三）收到和处理")
    result = import_document(text_document(text, source.name))
    report = result.report
    t2 = [k for k in report.cells if k.startswith("t2.")]
    assert all(report.cells[k].is_blank for k in t2) and sorted(result.summary.not_found) == sorted(t2)
    (finding,) = [f for f in result.findings if f.code == "IMPORT-NOT-FOUND"]
    assert finding.args["table"] == "t2" and sorted(finding.cells) == sorted(t2)
    assert all(report.cells[k] == v for k, v in expected.cells.items() if not k.startswith("t2."))


def test_text_copy_without_any_table_says_so_and_still_imports(run_cli, tmp_path):
    source, expected = _pair(VARIANTS / "2022-某县交通运输局.expected.yaml")
    text = source.read_text(encoding="utf-8")
    text = _drop_lines(text, "第二十条第（一）项", "（三）收到和处理")
    text = _drop_lines(text, "申请人情况", "（四）政府信息公开行政复议")
    text = _drop_lines(text, "行政复议   行政诉讼", "（五）存在的主要问题")
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    code, _, err = run_cli("import", path, "-o", tmp_path / "r.yaml")
    assert code == 0, err
    assert "读取单元格 0/200" in err and "没有找到表二" in err and "没有找到表三" in err and "没有找到表四" in err
    report = read_report(tmp_path / "r.yaml")
    assert report.agency == expected.agency and all(v.is_blank for v in report.cells.values())
    assert report.sections.overview == expected.sections.overview


def test_a_data_table_with_a_long_remark_cell_stays_a_table():
    page = (VARIANTS / "2023-某区某某街道办事处.html").read_text(encoding="utf-8")
    remark = "<tr><td colspan=\"10\">" + "<p>备注：本表数据来源于本机关依申请公开登记台账，统计口径与上年一致。</p>" * 5 + "</td></tr>"
    start = page.index("<table", page.index("三、收到和处理政府信息公开申请情况</h3>"))
    end = page.index("</tbody>", start)
    result = import_document(html_document(page[:end] + remark + page[end:], "x.html"))
    _, expected = _pair(VARIANTS / "2023-某区某某街道办事处.expected.yaml")
    assert {k: str(v) for k, v in result.report.cells.items()} == {k: str(v) for k, v in expected.cells.items()}


@pytest.mark.parametrize("text, number", [("12条", 12), ("１２件", 12), ("1,234件", 1234), ("１，２３４", 1234), ("1234.56万元", "1234.56")])
def test_values_with_units_as_printed(text, number):
    from decimal import Decimal

    from assistant.ingest.recognition.tokens import cell_value

    assert cell_value(text).number == Decimal(str(number))
