"""What recognized rows become: cells read with their printed tokens, findings, and the
fitting of a row's printed values to its columns (shared by every table's reader)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...report.cells import CellValue
from ...report.format import FormatVersion
from ...report.parts import PART_MARKS
from ...validate.catalogue import make
from ...validate.finding import Finding
from ..document import Where
from .tokens import Line, Token, is_digit_run, norm

_PART_HEADING = re.compile(r"^\s*[一二三四五六七八九十1-9１-９][、.．]\s*\S")


@dataclass
class ReadCell:
    value: CellValue
    token: Token  # the printed token (for a split digit run: just that digit)
    how: str = "label"  # how the value was tied to its row: label, template order, arithmetic

    @property
    def where(self) -> Where:
        return self.token.where


@dataclass
class Recognition:
    format: FormatVersion | None
    cells: dict[str, ReadCell] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    spans: dict[str, list[int]] = field(default_factory=dict)  # table -> [first line, last line]
    rows_seen: dict[str, int] = field(default_factory=dict)  # table -> printed data rows
    lines: list[Line] = field(default_factory=list)

    def table_lines(self) -> set[int]:
        out: set[int] = set()
        for first, last in self.spans.values():
            out.update(range(first, last + 1))
        return out


def finding(code: str, message: str, cells: list[str] | None = None, **args) -> Finding:
    """An import finding: its severity is the catalogue's, the words are composed here."""
    return make(code, message, cells=cells, **args)


def is_part_heading(line: Line) -> bool:
    if line.in_table or len(line.tokens) != 1:
        return False
    text = line.tokens[0].text
    return len(text) <= 40 and bool(_PART_HEADING.match(text)) and any(w in norm(text) for w in PART_MARKS)


def fit(values: list[Token], n: int, check=None, split: bool = True) -> list[Token] | str:
    """The n printed cells of a row, or the reason (Chinese) why they cannot be told apart.

    `split=False`: digits run together are never taken for several cells."""
    vals = list(values)
    while len(vals) > n and vals and not vals[-1].text:
        vals.pop()
    while len(vals) > n and vals and not vals[0].text:
        vals.pop(0)
    if len(vals) == n:
        return vals
    if len(vals) > n:
        filled = [v for v in vals if v.text]
        if len(filled) == n:
            return filled
        return "多出的数无法判断属于哪一列"
    # fewer printed pieces than cells: only digits run together can explain it
    runs = [v for v in vals if is_digit_run(v.text)]
    if not runs or not split:
        return "缺少的数无法判断是哪一列"
    if len({v.line for v in vals}) >= 2:
        # one number per line (a web table copied): a line is one cell, a short row lost a line
        return "缺少的数无法判断是哪一列"
    if any(v.where.kind == "pdf" and v.where.col is not None for v in runs):
        # a cell of a ruled PDF table is one printed number: its digits are never several cells
        return "缺少的数无法判断是哪一列"
    cells = {(v.where.table, v.where.row, v.where.col) for v in vals if v.where.col is not None}
    if len(cells) >= 2 and any(v.where.col is not None for v in runs):
        # a row of table cells (web page, Word): each cell is one printed number, so a
        # short row lost a cell; '68' is sixty-eight, never a 6 and an 8 of two columns
        return "缺少的数无法判断是哪一列"
    width = sum(len(v.text.strip()) if is_digit_run(v.text) else 1 for v in vals)
    if width != n:
        return "几个数连在一起，无法唯一地分开"
    split: list[Token] = []
    for v in vals:
        if is_digit_run(v.text):
            text = v.text.strip()
            offset = len(v.text) - len(v.text.lstrip())
            for k, ch in enumerate(text):
                w = v.where
                start = None if w.start is None else w.start + offset + k
                split.append(Token(ch, replace(w, start=start, end=None if start is None else start + 1, extra=dict(w.extra)), v.line))
        else:
            split.append(v)
    if check is not None and not check(split):
        return "几个数连在一起，拆开后合计对不上，无法唯一地分开"
    return split
