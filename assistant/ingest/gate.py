"""The source gate: every number read is looked up again in the source at its provenance.

A cell is kept only if the characters at its recorded place (offsets into the extracted
text, or the table cell at table/row/column) still give the same value. This guards
against any slip between reading and mapping; a cell that fails is reported, not kept.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..report.cells import CellValue
from ..validate.catalogue import make
from ..validate.finding import Finding
from .document import Document, Table, Where
from .recognition.recognize import ReadCell, Recognition
from .recognition.tokens import reading


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


class PageCells:
    """The page source's own table cells, parsed once: the gate's second look for HTML.

    Each cell is checked against the text of its own <td>/<th> (its runs joined, so digits
    split over <span>s whose tags break over source lines are one number again), never
    against a line of the page, where the digits of neighbouring cells run together.
    """

    def __init__(self, raw_lines: list[str], doc: Document):
        from lxml import etree

        self.by_line: dict[int, list[str]] = {}
        parser = etree.HTMLParser(encoding="utf-8", remove_comments=True)
        try:
            root = etree.fromstring("".join(raw_lines).encode("utf-8"), parser)
        except (etree.ParserError, ValueError):
            root = None
        for td in root.iter("td", "th") if root is not None else ():
            if td.find(".//table") is not None:  # a layout cell holding a whole table
                continue
            text = _BLANKS.sub(" ", "".join(td.itertext())).strip()
            self.by_line.setdefault(td.sourceline, []).append(text)
        # the reader's cells that start on each line, in order (to pair them with the page's)
        self.read: dict[int, list[tuple]] = {}
        for block in doc.blocks:
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        w = cell.where
                        if w.line is not None:
                            self.read.setdefault(w.line, []).append((w.table, w.row, w.col))

    def holds(self, where: Where, printed: str) -> bool:
        """The printed text is a whole number of the page's own cell at this provenance."""
        printed = _BLANKS.sub(" ", printed).strip()
        if where.line is None or not printed:
            return True
        page = self.by_line.get(where.line, [])
        read = self.read.get(where.line, [])
        me = (where.table, where.row, where.col)
        if len(page) == len(read) and me in read:  # the same cells on this line: pair them
            return _whole(page[read.index(me)], printed)
        return any(_whole(text, printed) for text in page)


def _whole(text: str, printed: str) -> bool:
    """`printed` occurs in `text` as a whole, not as a piece of a longer number."""
    at = text.find(printed)
    while at >= 0:
        before = text[at - 1] if at > 0 else ""
        end = at + len(printed)
        after = text[end] if end < len(text) else ""
        if not any(ch and (ch.isdigit() or ch in _NUMBER_CHARS) for ch in (before, after)):
            return True
        at = text.find(printed, at + 1)
    return False


_BLANKS = re.compile(r"[\s\xa0]+")


def gate(
    doc: Document, rec: Recognition, raw_lines: list[str] | None = None
) -> tuple[dict[str, ReadCell], list[Finding]]:
    """Cells that pass, and an IMPORT-GATE finding for each one that does not.

    `raw_lines` (HTML only): the page source, checked too, so a slip in the reader's own
    text extraction cannot pass unnoticed.
    """
    kept: dict[str, ReadCell] = {}
    failed: list[Finding] = []
    page = PageCells(raw_lines, doc) if raw_lines is not None else None
    for key, cell in rec.cells.items():
        printed = source_text(doc, cell.where)
        again = reading(printed) if printed is not None else None  # OCR's 「O」 is read as the recognizer did
        raw_ok = page is None or cell.where.kind != "html" or page.holds(cell.where, cell.token.text)
        cut = cut_from_number(doc, cell.where)
        if same(again, cell.value) and raw_ok and not cut:
            kept[key] = cell
            continue
        if cut:  # show the whole printed cell, not just the piece that was read
            printed = source_text(doc, replace(cell.where, start=None, end=None)) or printed
        read = cell.value.display()
        failed.append(
            make("IMPORT-GATE", cells=[key], cell=key, read=read, source=printed,
                 shown={"read": read or "空白", "source": printed if printed is not None else "找不到"})
        )
    return kept, failed
