"""Building a `Document` piece by piece, keeping character offsets for the source gate.

HTML and DOCX readers append paragraphs and table rows; the builder writes their text
into `Document.text` and records where each piece sits, so every cell has a place that
the gate can look at again.
"""

from __future__ import annotations

from dataclasses import replace

from ...errors import NianbaoError
from ..document import Document, Paragraph, Table, TableCell, Where
from .limits import MAX_TABLE_COLUMNS, MAX_TABLE_SLOTS


class DocumentBuilder:
    def __init__(self, source: str, kind: str):
        self.source = source
        self.kind = kind
        self.blocks: list = []
        self.parts: list[str] = []
        self.pos = 0
        self.tables = 0

    def _put(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text + "\n")
        self.pos += len(text) + 1
        return start, start + len(text)

    def paragraph(self, text: str, where: Where) -> None:
        text = text.strip("\n")
        if not text.strip():
            return
        start, end = self._put(text)
        self.blocks.append(Paragraph(text, replace(where, start=start, end=end)))

    def table(self, rows: list[list[tuple[str, int, int, Where]]], where: Where) -> None:
        """rows of (text, rowspan, colspan, where); columns are counted after expanding spans.

        A rowspan reaching past the table's last row ends there (as browsers do); a colspan
        wider than any report table, or a table too big to be one, is refused: a 100-byte
        page with rowspan="65534" colspan="1000" must not fill a grid slot by slot.
        """
        index = self.tables
        self.tables += 1
        free_from: list[int] = []  # column -> first row not covered by a rowspan from above
        out_rows: list[list[TableCell]] = []
        slots = 0
        for r, row in enumerate(rows):
            cells: list[TableCell] = []
            c = 0
            for text, rowspan, colspan, w in row:
                rowspan = min(max(rowspan, 1), len(rows) - r)
                colspan = max(colspan, 1)
                if colspan > MAX_TABLE_COLUMNS:
                    raise NianbaoError(
                        f"表格{index + 1}第{r + 1}行有一个单元格横跨 {colspan} 列（上限 {MAX_TABLE_COLUMNS} 列），"
                        "不像是年报表格，文件可能已损坏，没有导入",
                        file=self.source,
                    )
                while c < len(free_from) and free_from[c] > r:
                    c += 1
                if c + colspan > len(free_from):
                    free_from.extend([0] * (c + colspan - len(free_from)))
                for dc in range(colspan):
                    free_from[c + dc] = max(free_from[c + dc], r + rowspan)
                slots += rowspan * colspan
                if slots > MAX_TABLE_SLOTS or len(free_from) > MAX_TABLE_COLUMNS * 10:
                    raise NianbaoError(
                        f"表格{index + 1}过大（超过 {MAX_TABLE_SLOTS:,} 个单元格位置），不像是年报表格，没有导入",
                        file=self.source,
                    )
                start, end = self._put(text)
                cell_where = Where(w.kind, w.page, w.line, index, r, c, start, end, w.extra)
                cells.append(TableCell(text, cell_where, rowspan=rowspan, colspan=colspan))
                c += colspan
            out_rows.append(cells)
        if any(out_rows):
            self.blocks.append(Table(out_rows, replace(where, table=index)))

    def build(self) -> Document:
        return Document(source=self.source, kind=self.kind, blocks=self.blocks, text="".join(self.parts))
