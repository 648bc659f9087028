"""The intermediate form every reader produces and the table recognizer consumes.

A reader (text, HTML, DOCX, PDF) turns a source into a `Document`: paragraphs and
tables in reading order, each piece with its provenance, so every number in the final
report can be traced back (and checked again by the source gate).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union


@dataclass
class Where:
    """Provenance of a piece of text: enough to find it again in the source."""

    kind: str  # "text" | "html" | "docx" | "pdf"
    page: int | None = None  # pdf: 1-based page
    line: int | None = None  # text/pdf: 1-based line
    table: int | None = None  # html/docx/pdf: 0-based table index in the document
    row: int | None = None  # 0-based row in that table
    col: int | None = None  # 0-based column (after expanding spans)
    start: int | None = None  # character offsets into the extracted source text
    end: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. pdf bbox

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if v is not None and k != "extra"}
        out.update(self.extra)
        return out


@dataclass
class Paragraph:
    text: str
    where: Where


@dataclass
class TableCell:
    text: str  # as printed, with inner line breaks kept as "\n"
    where: Where
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Table:
    rows: list[list[TableCell]]  # printed cells per row, spans not expanded
    where: Where


Block = Union[Paragraph, Table]


@dataclass
class Document:
    source: str  # path as given
    kind: str  # "text" | "html" | "docx" | "pdf"
    blocks: list[Block]
    text: str = ""  # the extracted plain text (what offsets in Where refer to, where used)

    def lines(self) -> list[str]:
        """The text in reading order, as the recognizer's lines hold it (`Line.raw`): every
        paragraph line, every table row with its cells joined by tabs, an empty line after
        a table. Retrieval indexes this text, so index and importer read the same words."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.extend(block.text.split("\n"))
            else:
                out.extend("\t".join(c.text for c in row) for row in block.rows)
                out.append("")
        return out
