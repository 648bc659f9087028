"""DOCX in the conventions offices use (GB/T 9704): A4, 小标宋 title, 仿宋 body, merged tables.

Fonts are named in w:eastAsia so Word and WPS pick them for Chinese text; the font
table records the usual substitutes (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋 …) for
machines without the official fonts.
"""

from __future__ import annotations

import io

from ..report.model import Report
from .compare import Appendix
from .layout import Grid
from .outline import Paragraph, outline

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUB_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# Font-table substitutes: Word uses altName when the named font is not installed.
ALT_NAMES = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", SUB_FONT: "楷体", HEADING_FONT: "SimHei", TABLE_FONT: "SimSun"}

TEXT_WIDTH_MM = 156  # A4 210 mm − 28 mm left − 26 mm right
TITLE_CHARS_PER_LINE = 20  # 2号 (22 pt) characters across 156 mm


def render_docx(report: Report, *, draft: bool = False, appendix: Appendix | None = None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    _page_setup(doc, Mm)
    _base_style(doc, Pt)
    _font_table(doc)
    doc.core_properties.title = report.title
    doc.core_properties.author = report.agency
    doc.core_properties.comments = "nianbao"

    out = outline(report)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.space_after = Pt(16)
    title.paragraph_format.line_spacing = Pt(36)
    if len(out.title) > TITLE_CHARS_PER_LINE and out.agency:
        # GB/T 9704: a long title turns where the words allow, here after the agency name
        _run(title, out.agency, TITLE_FONT, Pt(22)).add_break()
        _run(title, out.title_rest, TITLE_FONT, Pt(22))
    else:
        _run(title, out.title, TITLE_FONT, Pt(22))

    for part in out.parts:
        if part.heading:
            _run(doc.add_paragraph(), part.heading, HEADING_FONT, Pt(16))
        for para in part.paragraphs:
            _body_paragraph(doc, para, Pt)
        if part.table is not None:
            _table(doc, part.table, Pt, Mm)
    if appendix is not None:
        _appendix(doc, appendix, Pt, Mm)

    _footer_page_number(doc, Pt)
    if draft:
        _draft_header(doc, Pt)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# -- page and styles ------------------------------------------------------------------
def _page_setup(doc, Mm) -> None:
    from docx.enum.section import WD_ORIENT

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(20)


def _base_style(doc, Pt) -> None:
    style = doc.styles["Normal"]
    style.font.size = Pt(16)
    _fonts(style.element.get_or_add_rPr(), BODY_FONT)
    fmt = style.paragraph_format
    fmt.first_line_indent = Pt(32)  # two characters of 3号
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True


def _font_table(doc) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    have = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt in ALT_NAMES.items():
        if name in have:
            continue
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _fonts(rpr, east: str, latin: str = LATIN_FONT) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east)
    fonts.set(qn("w:cs"), latin)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        from docx.oxml import OxmlElement

        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _run(paragraph, text: str, east: str, size, *, bold: bool = False, color=None):
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    _fonts(run._element.get_or_add_rPr(), east)
    return run


def _body_paragraph(doc, para: Paragraph, Pt) -> None:
    p = doc.add_paragraph()
    if para.lead:
        _run(p, para.lead, SUB_FONT, Pt(16))
    if para.rest:
        _run(p, para.rest, BODY_FONT, Pt(16))


# -- tables ---------------------------------------------------------------------------
def _table(doc, grid: Grid, Pt, Mm, font_size=None) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    size = font_size or (Pt(9) if grid.columns > 10 else Pt(10.5))
    table = doc.add_table(rows=len(grid.rows), cols=grid.columns)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(grid.widths) or grid.columns
    widths = [Mm(TEXT_WIDTH_MM * w / total) for w in (grid.widths or (1,) * grid.columns)]
    for col, width in zip(table.columns, widths):
        col.width = width
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths):
            tc.width = width
    # table.cell() rescans the whole table on every call; take the cells once (spans never overlap,
    # so every corner used below is still in the tree when its merge runs)
    flat = table._cells
    at = lambda r, c: flat[r * grid.columns + c]  # noqa: E731
    for r, c, spec in grid.positions():
        cell = at(r, c)
        if spec.rowspan > 1 or spec.colspan > 1:
            cell = cell.merge(at(r + spec.rowspan - 1, c + spec.colspan - 1))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        fmt = p.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing = 1.0
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if spec.align == "left" else WD_ALIGN_PARAGRAPH.CENTER
        if spec.text:
            _run(p, spec.text, TABLE_FONT, size)
    _repeat_header_rows(table, grid.header_rows)
    # an empty paragraph after the table keeps the next heading off the table's last row
    spacer = doc.add_paragraph()
    spacer.paragraph_format.line_spacing = Pt(12)


def _repeat_header_rows(table, count: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for row in table.rows[:count]:
        trpr = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        trpr.append(header)


def _appendix(doc, appendix: Appendix, Pt, Mm) -> None:
    from .layout import Grid, GridCell

    doc.add_page_break()
    _run(doc.add_paragraph(), appendix.title, HEADING_FONT, Pt(16))
    grid = Grid("changes", 5, widths=(3, 1.2, 1.2, 1.2, 1.2), header_rows=1)
    grid.rows.append(
        [GridCell(t, header=True) for t in ("项目", f"{appendix.last_year}年", f"{appendix.this_year}年", "增减", "增减幅度")]
    )
    for c in appendix.changes:
        grid.rows.append(
            [GridCell(c.label, header=True, align="left")]
            + [GridCell(t) for t in (c.show(c.last), c.show(c.this), c.delta_text, c.percent_text)]
        )
    _table(doc, grid, Pt, Mm)
    note = doc.add_paragraph()
    _run(note, "注：增减幅度按上年数为基数计算；上年为 0 或任一年未填数字时不计算。", BODY_FONT, Pt(12))
    if appendix.chart_png:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        pic = doc.add_paragraph()
        pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pic.paragraph_format.first_line_indent = Pt(0)
        pic.paragraph_format.line_spacing = 1.0
        pic.add_run().add_picture(io.BytesIO(appendix.chart_png), width=Mm(150))


# -- header and footer ----------------------------------------------------------------
def _footer_page_number(doc, Pt) -> None:
    """"— 1 —" centred in the footer, the number a PAGE field so every page counts itself."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = doc.sections[0].footer
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    _run(p, "— ", TABLE_FONT, Pt(14))
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = _run(p, "", TABLE_FONT, Pt(14))
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text
    _run(p, " —", TABLE_FONT, Pt(14))


def _draft_header(doc, Pt) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    header = doc.sections[0].header
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.first_line_indent = Pt(0)
    _run(p, "草稿 · 未经审核，不得发布", HEADING_FONT, Pt(14), bold=True, color=RGBColor(0xC0, 0x00, 0x00))
