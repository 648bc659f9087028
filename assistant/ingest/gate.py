"""The source gate: every number read is looked up again in the source at its provenance.

A cell is kept only if the characters at its recorded place (offsets into the extracted
text, or the table cell at table/row/column) still give the same value. This guards
against any slip between reading and mapping; a cell that fails is reported, not kept.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from ..report.cells import CellValue
from ..validate.finding import Finding, Severity
from .document import Document, Table, Where
from .recognition.recognize import ReadCell, Recognition
from .recognition.tokens import cell_value


def source_text(doc: Document, where: Where) -> str | None:
    """The printed text at a provenance, straight from the document (None: no such place)."""
    if where.start is not None and where.end is not None and doc.text:
        if 0 <= where.start <= where.end <= len(doc.text):
            return doc.text[where.start : where.end]
        return None
    if where.table is not None and where.row is not None and where.col is not None:
        tables = [b for b in doc.blocks if isinstance(b, Table)]
        for table in tables:
            if table.where.table != where.table and tables.index(table) != where.table:
                continue
            for row in table.rows:
                for cell in row:
                    w = cell.where
                    if (w.table, w.row, w.col) == (where.table, where.row, where.col) and w.page == where.page:
                        return cell.text
        return None
    return None


_NUMBER_CHARS = set(".．,，")


def cut_from_number(doc: Document, where: Where) -> bool:
    """A table cell's value whose printed characters go on past its provenance (a digit,
    decimal point or thousands separator right before or after): only a piece of a longer
    number, e.g. '1' of a cell printing 183. Not a clean read."""
    if where.col is None or where.start is None or where.end is None or not doc.text:
        return False
    if not 0 <= where.start <= where.end <= len(doc.text):
        return False
    before = doc.text[where.start - 1] if where.start > 0 else ""
    after = doc.text[where.end] if where.end < len(doc.text) else ""
    return any(ch and (ch.isdigit() or ch in _NUMBER_CHARS) for ch in (before, after))


def same(a: CellValue | None, b: CellValue) -> bool:
    if a is None:
        return False
    return a.number == b.number and (a.na_mark is None) == (b.na_mark is None)


def in_raw_source(clean_lines: list[str], where: Where, printed: str) -> bool:
    """HTML: the printed text really is in the page source at (or just after) the cell's line."""
    if where.line is None or not printed:
        return True
    return any(printed in line for line in clean_lines[where.line - 1 : where.line + 20])


def _clean(raw_lines: list[str]) -> list[str]:
    """Page source lines without tags and entities (a number never spans two lines)."""
    return [_TAGS.sub("", html.unescape(line)).replace("\xa0", " ") if "<" in line or "&" in line else line for line in raw_lines]


_TAGS = re.compile(r"<[^>]*>")


def gate(
    doc: Document, rec: Recognition, raw_lines: list[str] | None = None
) -> tuple[dict[str, ReadCell], list[Finding]]:
    """Cells that pass, and an IMPORT-GATE finding for each one that does not.

    `raw_lines` (HTML only): the page source, checked too, so a slip in the reader's own
    text extraction cannot pass unnoticed.
    """
    kept: dict[str, ReadCell] = {}
    failed: list[Finding] = []
    clean = _clean(raw_lines) if raw_lines is not None else None
    for key, cell in rec.cells.items():
        printed = source_text(doc, cell.where)
        again = cell_value(printed) if printed is not None else None
        raw_ok = clean is None or cell.where.kind != "html" or in_raw_source(clean, cell.where, cell.token.text)
        cut = cut_from_number(doc, cell.where)
        if same(again, cell.value) and raw_ok and not cut:
            kept[key] = cell
            continue
        if cut:  # show the whole printed cell, not just the piece that was read
            printed = source_text(doc, replace(cell.where, start=None, end=None)) or printed
        failed.append(
            Finding(
                code="IMPORT-GATE",
                severity=Severity.ERROR,
                message=f"单元格 {key} 读出的「{cell.value.display() or '空白'}」在原文相应位置核对不上"
                f"（原文为「{printed if printed is not None else '找不到'}」），没有导入",
                args={"cell": key, "read": cell.value.display(), "source": printed},
                cells=[key],
            )
        )
    return kept, failed
