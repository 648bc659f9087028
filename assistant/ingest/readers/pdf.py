"""PDF reader: a PDF with a text layer -> `Document` (paragraphs and tables, with provenance).

Reading order is top to bottom, page by page. Ruled tables come from the ruling lines
(`pdf_tables`); tables printed without rulings are recovered from word positions
(`pdf_unruled`). Text outside tables becomes paragraphs: wrapped lines are joined, a new
paragraph starts at an indent, after a short line (both measured against the page's text
column, see `_frames`), or at a part heading ("一、…"), a part heading is a paragraph of
its own, and page numbers / footers ("- 3 -", "第 3 页") are dropped wherever they fall.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ...errors import NianbaoError
from ..document import Block, Document, Paragraph, Table, Where
from ..recognition.narrative import heading_key
from .limits import MAX_PDF_BYTES, MAX_PDF_PAGES, check_file_size
from .pdf_pages import load_page, open_pdf
from .pdf_join import can_continue, join
from .pdf_tables import find_ruled_tables, in_any_table, to_table
from .pdf_text import Line, group_lines, is_page_mark, visible
from .pdf_unruled import find_unruled_tables

NO_TEXT = "PDF 没有文字层，可能是扫描件，无法导入；请使用带文字的 PDF、Word 或网页版本"

_ENDS = set("。！？；.!?;”）)」")
_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]|^\s*[0-9０-９]\s*[、．]")


def read_pdf(path: str | Path) -> Document:
    """Read a PDF report into paragraphs and tables in reading order."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise NianbaoError("找不到文件", file=name)
    from pypdfium2 import PdfiumError

    check_file_size(path, MAX_PDF_BYTES, "PDF ")
    try:
        pdf = open_pdf(name)
    except PdfiumError as exc:  # broken, not a PDF, or encrypted
        raise NianbaoError(_broken(exc), file=name) from exc
    try:
        items = _page_items(pdf, name)
    except PdfiumError as exc:
        raise NianbaoError(_broken(exc), file=name) from exc
    finally:
        pdf.close()
    blocks = _blocks(items)
    doc = Document(source=name, kind="pdf", blocks=blocks)
    _fill_text(doc)
    return doc


def _broken(exc: Exception) -> str:
    if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
        return "PDF 文件设有密码，无法读取；请提供未加密的版本"
    return "PDF 文件已损坏或无法读取（不是有效的 PDF），请重新下载或另存后再导入"


def _page_items(pdf: Any, name: str) -> list[tuple[str, Any]]:
    """("line", Line) and ("table", RawTable) items in reading order, pages joined."""
    if len(pdf) == 0:
        raise NianbaoError("PDF 没有任何页面", file=name)
    if len(pdf) > MAX_PDF_PAGES:
        raise NianbaoError(f"PDF 有 {len(pdf)} 页（上限 {MAX_PDF_PAGES} 页），不像是一份年度报告，没有导入", file=name)
    pages = []  # (page, ruled tables, free lines)
    for index in range(len(pdf)):
        page = load_page(pdf, index, name)
        chars = visible(page.chars)
        if not chars:
            continue
        tables = find_ruled_tables(page, chars)
        free = [c for c in chars if not in_any_table(c, tables)]
        lines = [ln for ln in group_lines(free) if not _is_page_number(ln, page)]
        for i, ln in enumerate(lines, 1):
            ln.extra = {"page": page.page_number, "line": i, "page_height": page.height}
        pages.append((page, tables, lines))
    if not pages:
        raise NianbaoError(NO_TEXT, file=name)
    chrome = _running_lines(pages)
    items: list[tuple[str, Any]] = []
    for page, tables, lines in pages:
        lines = [ln for ln in lines if id(ln) not in chrome]
        unruled, lines = _unruled_with_header_before(items, lines, page.page_number)
        here: list[tuple[float, str, Any]] = [(t.top, "table", t) for t in tables + unruled]
        here += [(ln.top, "line", ln) for ln in lines]
        here.sort(key=lambda it: it[0])
        if here and items and here[0][1] == "table" and items[-1][0] == "table":
            if can_continue(items[-1][1], here[0][2]):
                items[-1] = ("table", join(items[-1][1], here[0][2]))
                here = here[1:]
        items += [(kind, obj) for _, kind, obj in here]
    if _garbled("".join(obj.text for kind, obj in items if kind == "line")):
        raise NianbaoError("PDF 的文字无法识别（字体缺少编码），无法导入；请使用 Word 或网页版本", file=name)
    return items


def _garbled(text: str) -> bool:
    """Glyphs without a Unicode mapping come out as private-use characters, or as Latin
    letters where a Chinese report must have Chinese text."""
    if sum("\ue000" <= ch <= "\uf8ff" for ch in text) * 2 > len(text):
        return True
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    return len(text) >= 200 and cjk < 0.02 * len(text)


def _unruled_with_header_before(items: list[tuple[str, Any]], lines: list[Line], page: int):
    """Tables without rulings on this page; a table that opens the page may have its
    header rows left at the foot of the page before (表四's header, then its one row
    overleaf): those lines are set just above it, read with it, and taken out of the
    text. (The header cells then carry this page's number; header cells hold no numbers.)"""
    tail: list[Line] = []
    for kind, obj in reversed(items):
        if kind != "line" or obj.extra["page"] != page - 1 or len(tail) == 6:
            break
        if _HEADING.match(obj.text) or obj.text[-1:] in _ENDS:
            break
        tail.insert(0, obj)
    if not tail or not lines:
        return find_unruled_tables(lines, page)
    lift = (min(ln.top for ln in lines) - 0.5 * tail[-1].size) - tail[-1].bottom
    moved = [_shifted(ln, lift) for ln in tail]
    tables, rest = find_unruled_tables(moved + lines, page)
    rest_ids = {id(ln) for ln in rest}
    taken = [k for k, m in enumerate(moved) if id(m) not in rest_ids]
    first = min((t.top for t in tables), default=None)
    if not taken or first is None or first > moved[taken[0]].top + 1:
        return find_unruled_tables(lines, page)  # they did not open the table: leave them
    for k in taken:
        items.remove(("line", tail[k]))
    moved_ids = {id(m) for m in moved}
    return tables, [ln for ln in rest if id(ln) not in moved_ids]  # untaken ones stay where they were


def _shifted(ln: Line, dy: float) -> Line:
    chars = [{**c, "top": c["top"] + dy, "bottom": c["bottom"] + dy} for c in ln.chars]
    return Line(chars, ln.x0, ln.top + dy, ln.x1, ln.bottom + dy, ln.text, ln.size, dict(ln.extra))


def _is_page_number(ln: Line, page: Any) -> bool:
    """「- 3 -」「第 3 页」 anywhere; a bare number when it is the page's own number, or
    stands alone in the top or bottom margin (numbering often starts after a cover)."""
    if is_page_mark(ln.text, page.page_number):
        return True
    in_margin = ln.bottom < 0.07 * page.height or ln.top > 0.92 * page.height
    return in_margin and ln.text.isdigit() and len(ln.text) <= 3


def _running_lines(pages: list[tuple[Any, Any, list[Line]]]) -> set[int]:
    """Running headers and footers: a line in the top or bottom tenth of the page whose
    text (page numbers aside) comes back on at least half the pages (and on two or more)."""
    if len(pages) < 2:
        return set()
    seen: dict[str, list[Line]] = {}
    for page, _, lines in pages:
        for ln in lines:
            if ln.bottom < 0.1 * page.height or ln.top > 0.9 * page.height:
                key = re.sub(r"\d+", "#", "".join(ln.text.split()))
                seen.setdefault(key, []).append(ln)
    out: set[int] = set()
    for group in seen.values():
        if len({ln.extra["page"] for ln in group}) >= max(2, len(pages) / 2):
            out |= {id(ln) for ln in group}
    return out


def _blocks(items: list[tuple[str, Any]]) -> list[Block]:
    """Tables as they are; consecutive lines joined into paragraphs."""
    frames = _frames(items)
    blocks: list[Block] = []
    run: list[Line] = []
    n_tables = 0
    for kind, obj in items:
        if kind == "line":
            run.append(obj)
            continue
        blocks += _paragraphs(run, frames, title_zone=not blocks)
        run = []
        blocks.append(to_table(obj, n_tables))
        n_tables += 1
    blocks += _paragraphs(run, frames, title_zone=not blocks)
    return blocks


Frames = dict[int, tuple[float, float]]  # page -> (left, right) of its text column


def _paragraphs(lines: list[Line], margins: Frames, title_zone: bool = False) -> list[Paragraph]:
    if not lines:
        return []
    body = sorted(ln.size for ln in lines)[len(lines) // 2]
    groups: list[list[Line]] = []
    for i, ln in enumerate(lines):
        # the title, centred and often wrapped ("…工作年度" / "报告"), is one paragraph
        title_zone = title_zone and _centred(ln, margins) and (ln.size > 1.1 * body or i < 3)
        if title_zone and groups and abs(ln.size - lines[i - 1].size) < 1:
            groups[-1].append(ln)
        elif not groups or _starts_paragraph(lines[i - 1], ln, margins):
            groups.append([ln])
        else:
            groups[-1].append(ln)
    out = []
    for g in groups:
        first, last = g[0], g[-1]
        same = [x for x in g if x.extra["page"] == first.extra["page"]]  # bbox: on the first page
        box = (min(x.x0 for x in same), first.top, max(x.x1 for x in same), same[-1].bottom)
        extra: dict[str, Any] = {"bbox": [round(v, 1) for v in box]}
        if last.extra["page"] != first.extra["page"] or len(g) > 1:
            extra["last"] = {"page": last.extra["page"], "line": last.extra["line"]}
        where = Where(kind="pdf", page=first.extra["page"], line=first.extra["line"], extra=extra)
        out.append(Paragraph(text=_join_lines([x.text for x in g]), where=where))
    return out


def _frames(items: list[tuple[str, Any]]) -> Frames:
    """Left and right edge of the text column on each page.

    Taken from the whole page and the whole document, never from the few lines between
    two tables alone: when those are all indented and short, their own left edge is the
    indent and their right edge the end of the longest, and no paragraph would start.
    A page's own lines decide when they show a margin (first lines indented against
    the lines under them); otherwise the document's do, and when no text line anywhere
    shows one, the ruled tables' edges are the column (a table spans the text width)."""
    lines: dict[int, list[Line]] = {}
    boxes: dict[int, list[tuple[float, float]]] = {}
    for kind, obj in items:
        if kind == "line":
            lines.setdefault(obj.extra["page"], []).append(obj)
        elif obj.ruled:  # a table recovered from word positions only spans its words
            for page, bbox in obj.parts or [(obj.page, [obj.x0, obj.top, obj.x1, obj.bottom])]:
                boxes.setdefault(page, []).append((bbox[0], bbox[2]))
    every = [ln for group in lines.values() for ln in group]
    if not every:
        return {}
    size = sorted(ln.size or 10.0 for ln in every)[len(every) // 2]
    doc_left, doc_shown = _left_edge(every, size)
    doc_right = _right_edge(every, size)
    all_boxes = [b for group in boxes.values() for b in group]
    if not doc_shown and all_boxes:
        doc_left, doc_right = _table_column(doc_left, doc_right, all_boxes, size)
    out = {}
    for page, group in lines.items():
        left, shown = _left_edge(group, size)
        right = max(ln.x1 for ln in group)
        if not shown:
            if boxes.get(page):
                left, right = _table_column(left, right, boxes[page], size)
            left = min(left, doc_left)
        out[page] = (left, max(right, doc_right))
    return out


def _left_edge(lines: list[Line], size: float) -> tuple[float, bool]:
    """The leftmost edge two or more lines start at (a stray line further left aside),
    and whether the lines show it is the margin: others start one to four characters
    further in (the first lines of paragraphs, indented against their wrapped lines)."""
    groups = _clusters([ln.x0 for ln in lines], 0.3 * size)
    shared = [g for g in groups if len(g) >= 2] or groups
    left = shared[0][0]
    shown = any(left + 0.9 * size < g[0] < left + 4.5 * size for g in shared[1:]) and len(shared[0]) >= 2
    return left, shown


def _right_edge(lines: list[Line], size: float) -> float:
    """The rightmost edge two or more lines reach (full lines end at the margin)."""
    groups = _clusters([ln.x1 for ln in lines], 0.5 * size)
    shared = [g for g in groups if len(g) >= 2] or groups
    return shared[-1][-1]


def _table_column(
    left: float, right: float, boxes: list[tuple[float, float]], size: float
) -> tuple[float, float]:
    """Lines that show no margin of their own, set against the ruled tables: lines that
    all start one to four characters inside the tables' left edge are indented."""
    t_left, t_right = min(b[0] for b in boxes), max(b[1] for b in boxes)
    if left - 4.5 * size <= t_left < left - 0.9 * size:
        return t_left, max(right, t_right)
    return left, right


def _clusters(values: list[float], tol: float) -> list[list[float]]:
    """Sorted values in runs no wider than `tol`, left to right."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][0] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return out


def _centred(ln: Line, margins: dict[int, tuple[float, float]]) -> bool:
    left, right = margins[ln.extra["page"]]
    size = ln.size or 10.0
    return abs((ln.x0 - left) - (right - ln.x1)) < 1.5 * size


def _starts_paragraph(prev: Line, ln: Line, margins: dict[int, tuple[float, float]]) -> bool:
    size = ln.size or 10.0
    left, _ = margins[ln.extra["page"]]
    _, prev_right = margins[prev.extra["page"]]
    if _HEADING.match(ln.text):
        return True
    if _is_part_heading(prev.text, ln.text):
        return True  # a part heading is a paragraph of its own, whatever the line lengths
    if ln.extra["page"] != prev.extra["page"] and prev.bottom < 0.75 * prev.extra["page_height"]:
        return True  # the page before ended early: not a paragraph running over the break
    if ln.x0 > left + 0.9 * size:  # first-line indent, or a centred title
        return True
    gap = prev_right - prev.x1
    if gap > 1.5 * (prev.size or size):  # the line before ended short: at a full stop, a
        # heading, or far short; a number too long for the line also leaves a gap mid-sentence
        return prev.text[-1:] in _ENDS or bool(_HEADING.match(prev.text)) or gap > 0.4 * (prev_right - left)
    return abs((ln.size or size) - (prev.size or size)) > 1.5


_HEADING_ENDS = ("情况", "事项", "措施", "问题", "方向")


def _is_part_heading(text: str, after: str) -> bool:
    """`text` is a whole numbered part heading (「五、存在的主要问题及改进情况」), not the
    first line of one that wrapped: it ends as headings end, or with the next line
    joined it would no longer be a heading (too long, a full stop)."""
    if not _HEADING.match(text) or heading_key(text) is None:
        return False
    return text.rstrip().endswith(_HEADING_ENDS) or heading_key(text + after) is None


def _join_lines(texts: list[str]) -> str:
    out = texts[0]
    for t in texts[1:]:
        if out[-1:].isascii() and out[-1:].isalpha() and t[:1].isascii() and t[:1].isalpha():
            out += " "
        out += t
    return out


def _fill_text(doc: Document) -> None:
    """The plain text of the document, with each block's and cell's offsets into it."""
    parts: list[str] = []
    pos = 0

    def add(s: str) -> tuple[int, int]:
        nonlocal pos
        parts.append(s)
        start = pos
        pos += len(s)
        return start, pos

    for block in doc.blocks:
        if isinstance(block, Paragraph):
            block.where.start, block.where.end = add(block.text)
            add("\n")
            continue
        assert isinstance(block, Table)
        start = pos
        for row in block.rows:
            for j, cell in enumerate(row):
                if j:
                    add("\t")
                cell.where.start, cell.where.end = add(cell.text)
            add("\n")
        block.where.start, block.where.end = start, pos
    doc.text = "".join(parts)
