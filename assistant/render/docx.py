"""DOCX in the conventions offices use (GB/T 9704): A4, 小标宋 title, 仿宋 body, merged tables.

Fonts are named in w:eastAsia so Word and WPS pick them for Chinese text; the font
table records the usual substitutes (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋 …) for
machines without the official fonts.
"""

from __future__ import annotations

import io

from ..report.model import Report
from . import page
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

TEXT_WIDTH_MM = page.TEXT_W_MM
TITLE_CHARS_PER_LINE = 20  # 2号 (22 pt) characters across 156 mm


def render_docx(report: Report, *, draft: bool = False, appendix: Appendix | None = None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    _page_setup(doc, Mm)
    _base_style(doc, Pt)
    _font_table(doc)
    _zh_cn_template(doc)
    doc.core_properties.title = report.title
    doc.core_properties.author = report.agency
    doc.core_properties.comments = "nianbao"

    out = outline(report)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _off_grid(title)
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
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.PAGE_W_MM), Mm(page.PAGE_H_MM)
    section.top_margin, section.bottom_margin = Mm(page.TOP_MM), Mm(page.BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(page.LEFT_MM), Mm(page.RIGHT_MM)
    section.header_distance, section.footer_distance = Mm(15), Mm(page.FOOTER_MM)
    # The document grid: 22 lines in the text block; 28 characters a line come from the body
    # style's condensed spacing (see _base_style). A character grid (linesAndChars) would do in
    # Word, but LibreOffice then sets 14 characters a line; line grid + spacing holds in both.
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(page.LINE_PITCH_TWIPS))


_AFTER_RUN_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
    "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)


def _base_style(doc, Pt) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    style = doc.styles["Normal"]
    style.font.size = Pt(page.BODY_PT)
    _fonts(style.element.get_or_add_rPr(), BODY_FONT)
    # 28 characters a line: each 3号 character condensed by 1/4 pt
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(page.CONDENSE_TWIPS))
    style.element.get_or_add_rPr().insert_element_before(spacing, *_AFTER_RUN_SPACING)
    fmt = style.paragraph_format
    fmt.first_line_indent = Pt(2 * page.CHAR_PITCH_PT)  # two characters of 3号 on the grid
    fmt.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")
    fmt.line_spacing = Pt(page.LINE_PITCH_PT)  # exactly one grid line
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True
    # document defaults: the grid's character pitch is counted from this size; Chinese, not Japanese
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for key in ("w:sz", "w:szCs"):
        rpr.find(qn(key)).set(qn("w:val"), str(page.BODY_PT * 2))
    fonts = rpr.find(qn("w:rFonts"))
    for key in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(key), None)
    _fonts(rpr, BODY_FONT)


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


_AFTER_SNAP = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def _off_grid(paragraph) -> None:
    """No first-line indent and no snapping to the body's line and character grid (title,
    table cells, picture, header and footer lines keep their own spacing)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    ind = ppr.get_or_add_ind()
    ind.set(qn("w:firstLine"), "0")
    ind.set(qn("w:firstLineChars"), "0")
    snap = ppr.find(qn("w:snapToGrid"))
    if snap is None:
        snap = OxmlElement("w:snapToGrid")
        ppr.insert_element_before(snap, *_AFTER_SNAP)  # the schema's order, or Word calls the file damaged
    snap.set(qn("w:val"), "0")


def _zh_cn_template(doc) -> None:
    """python-docx's base template is Japanese: no ja-JP language, no ＭＳ 明朝/ＭＳ ゴシック left."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from lxml import etree

    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    fonts = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(fonts.blob)
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")).startswith("ＭＳ"):
            root.remove(font)
    fonts._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    theme = doc.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    drawing = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for font in root.iter(f"{drawing}font"):
        if font.get("script") == "Jpan":
            font.getparent().remove(font)
    for ea in root.iter(f"{drawing}ea"):
        ea.set("typeface", TABLE_FONT)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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


def _run(paragraph, text: str, east: str, size, *, bold: bool = False, color=None, latin: str = LATIN_FONT):
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    _fonts(run._element.get_or_add_rPr(), east, latin)
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
        _off_grid(p)
        fmt.line_spacing = 1.0
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if spec.align == "left" else WD_ALIGN_PARAGRAPH.CENTER
        if spec.text:
            _run(p, spec.text, TABLE_FONT, size)
    _repeat_header_rows(table, grid.header_rows)
    _keep_groups_together(table, grid)
    # an empty paragraph after the table keeps the next heading off the table's last row
    spacer = doc.add_paragraph()
    spacer.paragraph_format.line_spacing = Pt(12)


KEEP_GROUP_ROWS = 10  # a group of rows under one label up to this size never splits over two pages


def _keep_groups_together(table, grid: Grid) -> None:
    """Word cannot print a merged group label again on the next page, so a group (（三）不予公开,
    （四）无法提供 …) is kept on one page instead, and no row splits: no continuation row is
    left without its label, no label cut in two. Larger groups (三、本年度办理结果) may turn."""
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    keep: set[int] = set()
    for r, _, cell in grid.positions():
        if r >= grid.header_rows and 1 < cell.rowspan <= KEEP_GROUP_ROWS:
            keep.update(range(r, r + cell.rowspan - 1))  # every row of the group but its last
    for index, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if index in keep:
            for p in row._tr.iter(qn("w:p")):
                p.get_or_add_pPr().keepNext_val = True


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
        _off_grid(pic)
        pic.paragraph_format.line_spacing = 1.0
        pic.add_run().add_picture(io.BytesIO(appendix.chart_png), width=Mm(150))


# -- header and footer ----------------------------------------------------------------
def _footer_page_number(doc, Pt) -> None:
    """「— 1 —」 in 4号 宋体 (half-width digits), odd pages right and even pages left, one
    character in from the edge; the number is a PAGE field so every page counts itself."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        fmt = p.paragraph_format
        _off_grid(p)
        fmt.line_spacing = Pt(page.PAGE_NUMBER_PT)  # exact: the line is centred on the 一字线
        fmt.space_before = fmt.space_after = Pt(0)
        one_char = Pt(page.PAGE_NUMBER_PT)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = one_char
        else:
            fmt.left_indent = one_char
        number = lambda text: _run(p, text, TABLE_FONT, Pt(page.PAGE_NUMBER_PT), latin=TABLE_FONT)  # noqa: E731
        number("— ")
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
            run = number("")
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
        number(" —")


def _draft_header(doc, Pt) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    section = doc.sections[0]
    for header in (section.header, section.even_page_header):  # odd and even pages
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _off_grid(p)
        _run(p, "草稿 · 未经审核，不得发布", HEADING_FONT, Pt(14), bold=True, color=RGBColor(0xC0, 0x00, 0x00))
