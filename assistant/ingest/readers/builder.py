"""Building a `Document` piece by piece, keeping character offsets for the source gate.

HTML and DOCX readers append paragraphs and table rows; the builder writes their text
into `Document.text` and records where each piece sits, so every cell has a place that
the gate can look at again.
"""

from __future__ import annotations

from dataclasses import replace

from ..document import Document, Paragraph, Table, TableCell, Where


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
        """rows of (text, rowspan, colspan, where); columns are counted after expanding spans."""
        index = self.tables
        self.tables += 1
        occupied: dict[tuple[int, int], bool] = {}
        out_rows: list[list[TableCell]] = []
        for r, row in enumerate(rows):
            cells: list[TableCell] = []
            c = 0
            for text, rowspan, colspan, w in row:
                while occupied.get((r, c)):
                    c += 1
                for dr in range(max(rowspan, 1)):
                    for dc in range(max(colspan, 1)):
                        occupied[(r + dr, c + dc)] = True
                start, end = self._put(text)
                cell_where = Where(w.kind, w.page, w.line, index, r, c, start, end, w.extra)
                cells.append(TableCell(text, cell_where, rowspan=max(rowspan, 1), colspan=max(colspan, 1)))
                c += max(colspan, 1)
            out_rows.append(cells)
        if any(out_rows):
            self.blocks.append(Table(out_rows, replace(where, table=index)))

    def build(self) -> Document:
        return Document(source=self.source, kind=self.kind, blocks=self.blocks, text="".join(self.parts))
