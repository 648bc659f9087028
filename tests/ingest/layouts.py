"""Test helper: render a Report the way real publications print it, in several layouts.

The printed table structure (spans as in the national template) is built once as an
abstract grid, then written as web-copied text (one cell per line), pipe text, tab
text, HTML with rowspan/colspan, or DOCX with merged cells. The importer never sees
this module: it must find its way through the rendered documents on its own.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass
from pathlib import Path

from assistant.report.format import (
    PART_HEADINGS,
    T3_BALANCE_NOTE,
    T3_COLUMNS,
    T4_COLUMNS,
    FormatVersion,
    t2_rows,
    t3_rows,
)
from assistant.report.model import Report

FULLWIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


@dataclass
class C:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Style:
    fullwidth: bool = False  # digits printed full-width
    thousands: bool = False  # 1,234
    split_labels: bool = False  # long labels broken over two lines
    pad: bool = True  # text: blank lines where merged cells were (as copied from a page)
    chrome: bool = True  # html: menus and footers around the report
    other_one_row: bool = False  # 2021 表三 printing （六）其他处理 as one row (a real deviation)
    t4_by_block: bool = False  # 表四 as one row per block (行政复议 / 直接起诉 / 复议后起诉)


def show(report: Report, key: str, style: Style) -> str:
    v = report.cells[key]
    text = v.display()
    if v.is_number and style.thousands and v.number is not None and abs(v.number) >= 1000 and v.is_integral:
        text = f"{int(v.number):,}"
    if v.is_number and style.fullwidth:
        text = text.translate(FULLWIDTH)
    return text


def _label(text: str, style: Style) -> str:
    if style.split_labels and len(text) > 12:
        cut = len(text) // 2
        return text[:cut] + "\n" + text[cut:]
    return text


# -- the printed grids ----------------------------------------------------------------

_T2_HEAD_2019 = {"rules": "（一）", "licensing": "（五）", "punishment": "（六）", "fees": "（八）", "procurement": "（九）"}
_T2_HEAD_2021 = {"rules": "（一）", "licensing": "（五）", "punishment": "（六）", "fees": "（八）"}


def t2_grid(report: Report, style: Style) -> list[list[C]]:
    v = report.format
    heads = _T2_HEAD_2021 if v is FormatVersion.V2021 else _T2_HEAD_2019
    rows: list[list[C]] = []
    for row in t2_rows(v):
        if row.key in heads:
            rows.append([C(f"第二十条第{heads[row.key]}项", colspan=4)])
            cols = [c[1] for c in row.columns]
            header = [C("信息内容")] + [C(_label(c, style)) for c in cols]
            header[-1].colspan = 4 - len(cols)
            rows.append(header)
        values = [C(show(report, f"t2.{row.key}.{c}", style)) for c, _, _ in row.columns]
        values[-1].colspan = 4 - len(row.columns)
        rows.append([C(row.label)] + values)
    return rows


def t3_grid(report: Report, style: Style) -> list[list[C]]:
    v = report.format
    rows: list[list[C]] = [
        [C(T3_BALANCE_NOTE, rowspan=3, colspan=3), C("申请人情况", colspan=7)],
        [C("自然人", rowspan=2), C("法人或其他组织", colspan=5), C("总计", rowspan=2)],
        [C(label) for k, label in T3_COLUMNS[1:6]],
    ]
    printed = list(t3_rows(v))
    merged_other = style.other_one_row and v is FormatVersion.V2021
    if merged_other:
        printed = [r for r in printed if not r.key.startswith("other.")]
        at = next(i for i, r in enumerate(printed) if r.key == "results_total")
        printed.insert(at, t3_rows(FormatVersion.V2019)[at])
    results = [r for r in printed if r.group and r.key != "carried_out"]
    seen_groups: set[str] = set()
    for r in printed:
        if merged_other and r.key == "other":
            sums = [sum(report.cells[f"t3.other.{k}.{c}"].number or 0 for k in ("no_correction", "fee_unpaid", "other")) for c, _ in T3_COLUMNS]
            rows.append([C(r.label, colspan=2)] + [C(str(n)) for n in sums])
            continue
        cells = [C(show(report, f"t3.{r.key}.{c}", style)) for c, _ in T3_COLUMNS]
        lead: list[C] = []
        if r.key == results[0].key:
            lead.append(C("三、本年度办理结果", rowspan=len(results)))
        if r.group and r.group.startswith("（") and r.group not in seen_groups:
            seen_groups.add(r.group)
            members = [x for x in printed if x.group == r.group]
            lead.append(C(r.group, rowspan=len(members)))
        if r.group is None or r.key == "carried_out":
            rows.append([C(_label(r.label, style), colspan=3)] + cells)
        elif r.group.startswith("（"):
            rows.append(lead + [C(_label(r.label, style))] + cells)
        else:
            rows.append(lead + [C(_label(r.label, style), colspan=2)] + cells)
    return rows


def t4_grid(report: Report, style: Style) -> list[list[C]]:
    names = [label for _, label in T4_COLUMNS]
    if style.t4_by_block:
        rows = [[C("")] + [C(n) for n in names]]
        for block, label in (("review", "行政复议"), ("suit_direct", "行政诉讼（未经复议直接起诉）"), ("suit_after_review", "行政诉讼（复议后起诉）")):
            rows.append([C(label)] + [C(show(report, f"t4.{block}.{c}", style)) for c, _ in T4_COLUMNS])
        return rows
    return [
        [C("行政复议", colspan=5), C("行政诉讼", colspan=10)],
        [C(n, rowspan=2) for n in names] + [C("未经复议直接起诉", colspan=5), C("复议后起诉", colspan=5)],
        [C(n) for n in names] * 2,
        [C(show(report, f"t4.{b}.{c}", style)) for b in ("review", "suit_direct", "suit_after_review") for c, _ in T4_COLUMNS],
    ]


# -- narrative -----------------------------------------------------------------------


def intro(report: Report) -> str:
    if report.sections.intro:
        return report.sections.intro
    c = report.contact
    contact = f"联系地址：{c.address}；联系电话：{c.phone}；邮编：{c.postcode}。" if c else ""
    return (
        f"根据《中华人民共和国政府信息公开条例》规定，现公布{report.agency}{report.year}年政府信息公开工作年度报告。"
        f"本报告中所列数据的统计期限自{report.year}年1月1日起至{report.year}年12月31日止。{contact}"
    )


def parts(report: Report) -> list[tuple[str, str, str]]:
    """(key, heading, text) for the six parts."""
    out = []
    for key, heading in PART_HEADINGS.items():
        printed = report.headings.get(key, heading)
        out.append((key, printed, report.sections.text(key)))
    return out


def title(report: Report) -> str:
    return f"{report.agency}{report.year}年政府信息公开工作年度报告"


TABLE_OF_PART = {"active": "t2", "requests": "t3", "review_litigation": "t4"}


def grids(report: Report, style: Style) -> dict[str, list[list[C]]]:
    return {"t2": t2_grid(report, style), "t3": t3_grid(report, style), "t4": t4_grid(report, style)}


# -- text layouts --------------------------------------------------------------------


def _covered(grid: list[list[C]]) -> list[list[tuple[C | None, int]]]:
    """Each row's cells with their grid column; None where a cell above spans into the row."""
    occupied: dict[tuple[int, int], bool] = {}
    out = []
    for r, row in enumerate(grid):
        placed, c = [], 0
        for cell in row:
            while occupied.get((r, c)):
                if (r, c) not in [(r, x) for _, x in placed]:
                    placed.append((None, c))
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied[(r + dr, c + dc)] = True
            placed.append((cell, c))
            c += cell.colspan
        out.append(placed)
    return out


def text_cells(report: Report, style: Style = Style()) -> str:
    """One cell per line, tab-indented, rows separated by empty lines (a web page copied)."""

    def table(grid):
        lines = []
        for row in _covered(grid):
            for cell, _ in row:
                if cell is None:
                    if style.pad:
                        lines.append("\t")
                    continue
                for part in cell.text.split("\n"):
                    lines.append("\t" + part)
            lines.append("")
        return lines

    return _assemble(report, style, table)


def text_pipe(report: Report, style: Style = Style()) -> str:
    """Flattened tables: `| 规章 | 0 | 0 | 0 |` rows; 表四's data row as 15 numbers on one line."""

    def table(grid):
        lines = []
        for n, row in enumerate(grid):
            texts = [c.text.replace("\n", "") for c in row]
            if grid is not None and n == len(grid) - 1 and len(row) == 15:
                lines.append(" ".join(t or "/" for t in texts))
            else:
                lines.append("| " + " | ".join(texts) + " |")
        return lines

    return _assemble(report, style, table)


def text_tabs(report: Report, style: Style = Style()) -> str:
    """A row per line, cells separated by tabs (copied from a spreadsheet or Word)."""

    def table(grid):
        return ["\t".join(c.text.replace("\n", "") for c in row) for row in grid]

    return _assemble(report, style, table)


def _assemble(report: Report, style: Style, table) -> str:
    lines = [title(report), "", intro(report)]
    g = grids(report, style)
    for key, heading, text in parts(report):
        lines.append(heading)
        if key in TABLE_OF_PART:
            lines += table(g[TABLE_OF_PART[key]])
        if text:
            lines += text.split("\n")
    lines.append(report.agency)
    if report.published:
        lines.append(f"{report.published.year}年{report.published.month}月{report.published.day}日")
    return "\n".join(lines) + "\n"


# -- HTML ----------------------------------------------------------------------------


def html_page(report: Report, style: Style = Style()) -> str:
    esc = html_lib.escape

    def cell_html(c: C) -> str:
        attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
        body = "<br>".join(esc(p) for p in c.text.split("\n")) if c.text else "&nbsp;"
        return f'<td{attrs} style="border:1px solid #000"><p class="MsoNormal" align="center"><span>{body}</span></p></td>'

    def table_html(grid) -> str:
        rows = "".join("<tr>" + "".join(cell_html(c) for c in row) + "</tr>\n" for row in grid)
        return f'<table class="MsoNormalTable" border="1" cellspacing="0">\n<tbody>\n{rows}</tbody></table>'

    g = grids(report, style)
    body = [f"<h1 class='title'>{esc(title(report))}</h1>", f"<p>{esc(intro(report))}</p>"]
    for key, heading, text in parts(report):
        body.append(f"<p><strong>{esc(heading)}</strong></p>")
        if key in TABLE_OF_PART:
            body.append(table_html(g[TABLE_OF_PART[key]]))
        body += [f"<p style='text-indent:2em'>{esc(line)}</p>" for line in text.split("\n") if line]
    body.append(f"<p style='text-align:right'>{esc(report.agency)}</p>")
    if report.published:
        p = report.published
        body.append(f"<p style='text-align:right'>{p.year}年{p.month}月{p.day}日</p>")
    content = "\n".join(body)
    if not style.chrome:
        return f"<html><body>{content}</body></html>"
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{esc(title(report))}</title>
<script>var _hmt = _hmt || [];</script><style>td{{padding:2px}}</style></head>
<body>
<div class="top-nav"><ul><li>首页</li><li>政务公开</li><li>总体情况</li><li>主动公开</li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>
<div class="article">
<div class="info">发布时间：{report.published or ''} 来源：{esc(report.agency)}</div>
<div class="content">
{content}
</div></div>
<div class="footer"><table><tr><td>主办单位：{esc(report.agency)}</td><td>网站标识码：1234567890</td></tr></table>
<p>版权所有 备案号：苏ICP备00000000号</p></div>
</body></html>
"""


# -- DOCX ----------------------------------------------------------------------------


def docx_file(report: Report, path: Path, style: Style = Style()) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(title(report), level=1)
    document.add_paragraph(intro(report))
    g = grids(report, style)
    for key, heading, text in parts(report):
        document.add_paragraph(heading)
        if key in TABLE_OF_PART:
            _docx_table(document, g[TABLE_OF_PART[key]])
        for line in text.split("\n"):
            if line:
                document.add_paragraph(line)
    document.add_paragraph(report.agency)
    if report.published:
        p = report.published
        document.add_paragraph(f"{p.year}年{p.month}月{p.day}日")
    document.save(str(path))
    return path


def _docx_table(document, grid) -> None:
    width = sum(c.colspan for c in grid[-1]) if grid else 1
    width = max(width, max(sum(c.colspan for c in row) for row in grid[:1]))
    table = document.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(_covered(grid)):
        for cell, c in row:
            if cell is None:
                continue
            top = table.cell(r, c)
            bottom = table.cell(r + cell.rowspan - 1, c + cell.colspan - 1)
            merged = top.merge(bottom) if (cell.rowspan > 1 or cell.colspan > 1) else top
            parts_ = cell.text.split("\n")
            merged.paragraphs[0].text = parts_[0]
            for extra in parts_[1:]:
                merged.add_paragraph(extra)
