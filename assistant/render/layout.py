"""The three tables as format-neutral grids: every printed cell with its spans.

HTML, DOCX and Markdown all draw from these grids, so the merged headers of the
national template (表三's 3×3 note cell, 表四's two-level header …) are defined once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..report.format import (
    T3_BALANCE_NOTE,
    T3_COLUMNS,
    T4_BLOCKS,
    T4_COLUMNS,
    t2_rows,
    t3_rows,
)
from ..report.model import Report
from ..report.parts import TABLE_OF_PART


@dataclass(frozen=True)
class GridCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # a printed label (bold-ish, centred) rather than a figure
    key: str | None = None  # the report cell key for figures
    align: str = "center"  # center | left


@dataclass
class Grid:
    table: str  # t2 | t3 | t4
    columns: int
    rows: list[list[GridCell]] = field(default_factory=list)  # cells that start in each row
    widths: tuple[float, ...] = ()  # relative column widths (sum arbitrary)
    header_rows: int = 0  # rows repeated at the top of every page the table runs onto

    def positions(self) -> list[tuple[int, int, GridCell]]:
        """(row, column, cell) for every cell, resolving spans from rows above."""
        taken: set[tuple[int, int]] = set()
        out: list[tuple[int, int, GridCell]] = []
        for r, cells in enumerate(self.rows):
            c = 0
            for cell in cells:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return out


def _label(text: str, rowspan: int = 1, colspan: int = 1, align: str = "center") -> GridCell:
    return GridCell(text, rowspan, colspan, header=True, align=align)


def _value(report: Report, key: str, colspan: int = 1) -> GridCell:
    # display() prints the number with its own decimals, the n/a mark, or "" for blank.
    return GridCell(report.cell(key).display(), colspan=colspan, key=key)


def t2_grid(report: Report) -> Grid:
    """表二: one table, a title row per 第二十条 item, a column-header row, then data rows."""
    rows = t2_rows(report.format)
    width = 1 + max(len(r.columns) for r in rows)
    grid = Grid("t2", width, widths=(3,) + (2,) * (width - 1))
    subtable = None
    for row in rows:
        if row.subtable != subtable:
            subtable = row.subtable
            grid.rows.append([_label(subtable, colspan=width)])
            grid.rows.append([_label("信息内容")] + _spread(row.columns, width - 1, lambda col, span: _label(col[1], colspan=span)))
        grid.rows.append(
            [_label(row.label)]
            + _spread(row.columns, width - 1, lambda col, span, r=row: _value(report, f"t2.{r.key}.{col[0]}", span))
        )
    return grid


def _spread(columns, room: int, make) -> list[GridCell]:
    """Fill `room` grid columns with the given columns; the last one takes what is left."""
    out = []
    for i, col in enumerate(columns):
        span = room - i if i == len(columns) - 1 else 1
        out.append(make(col, span))
    return out


def t3_grid(report: Report) -> Grid:
    """表三 as in the template: 3 label columns, 7 applicant columns, groups merged."""
    rows = t3_rows(report.format)
    grid = Grid("t3", 10, widths=(1.0, 1.7, 4.0) + (1,) * 7, header_rows=3)
    names = dict(T3_COLUMNS)
    grid.rows.append([_label(T3_BALANCE_NOTE, rowspan=3, colspan=3), _label("申请人情况", colspan=7)])
    grid.rows.append([_label(names["natural"], rowspan=2), _label("法人或其他组织", colspan=5), _label(names["total"], rowspan=2)])
    grid.rows.append([_label(names[k]) for k in ("commercial", "research", "public_interest", "legal_service", "other_org")])

    # rows under 三、本年度办理结果 (incl. （七）总计); sub-groups （三）–（六） have their own label column
    results = [r for r in rows if r.group is not None]
    group_sizes: dict[str, int] = {}
    for r in results:
        if r.group and r.group.startswith("（"):
            group_sizes[r.group] = group_sizes.get(r.group, 0) + 1
    seen_results = False
    seen_groups: set[str] = set()
    for row in rows:
        values = [_value(report, f"t3.{row.key}.{col}") for col, _ in T3_COLUMNS]
        if row.group is None:
            grid.rows.append([_label(row.label, colspan=3, align="left")] + values)
            continue
        lead: list[GridCell] = []
        if not seen_results:
            seen_results = True
            lead.append(_label(row.group if not row.group.startswith("（") else "三、本年度办理结果", rowspan=len(results)))
        if row.group.startswith("（"):
            if row.group not in seen_groups:
                seen_groups.add(row.group)
                lead.append(_label(row.group, rowspan=group_sizes[row.group], align="left"))
            lead.append(_label(row.label, align="left"))
        else:
            lead.append(_label(row.label, colspan=2, align="left"))
        grid.rows.append(lead + values)
    return grid


def t4_grid(report: Report) -> Grid:
    """表四: 行政复议 over 5, 行政诉讼 over 10 split into its two kinds; one data row."""
    grid = Grid("t4", 15, widths=(1,) * 15, header_rows=3)
    review_label = dict(T4_BLOCKS)["review"]
    grid.rows.append([_label(review_label, colspan=5), _label("行政诉讼", colspan=10)])
    grid.rows.append(
        [_label(label, rowspan=2) for _, label in T4_COLUMNS]
        + [_label(label, colspan=5) for key, label in T4_BLOCKS if key != "review"]
    )
    grid.rows.append([_label(label) for key, _ in T4_BLOCKS if key != "review" for _, label in T4_COLUMNS])
    grid.rows.append([_value(report, f"t4.{block}.{col}") for block, _ in T4_BLOCKS for col, _ in T4_COLUMNS])
    return grid


GRIDS = {"t2": t2_grid, "t3": t3_grid, "t4": t4_grid}


def grids(report: Report) -> dict[str, Grid]:
    return {name: make(report) for name, make in GRIDS.items()}


__all__ = ["Grid", "GridCell", "GRIDS", "TABLE_OF_PART", "grids"]


def split_grid(grid: Grid, breaks: tuple[int, ...]) -> list[Grid]:
    """The grid cut before each row in `breaks` (where a page turns), for a page of its own.

    Every piece after the first starts again with the header rows, and a label that spans
    rows across a cut (「三、本年度办理结果」, 「（六）其他处理」) is printed again in the
    piece below, spanning the rows left: no continuation row loses its group.
    """
    cuts = [b for b in sorted(set(breaks)) if grid.header_rows < b < len(grid.rows)]
    if not cuts:
        return [grid]
    bounds = list(zip([grid.header_rows] + cuts, cuts + [len(grid.rows)]))
    pieces = []
    for number, (start, stop) in enumerate(bounds):
        first = number == 0
        rows: list[list[tuple[int, GridCell]]] = [[] for _ in range(grid.header_rows + stop - start)]
        for r, c, cell in grid.positions():
            end = r + cell.rowspan
            if r < grid.header_rows:
                rows[r].append((c, cell))
            elif (first or r >= start) and r < stop:  # starts in this piece (the first piece from row 0)
                at = r if first else grid.header_rows + r - start
                rows[at].append((c, GridCell(**{**cell.__dict__, "rowspan": min(end, stop) - r})))
            elif r < start < end:  # spans into this piece from above: print the label again
                rows[grid.header_rows].append((c, GridCell(**{**cell.__dict__, "rowspan": min(end, stop) - start})))
        piece = Grid(grid.table, grid.columns, widths=grid.widths, header_rows=grid.header_rows)
        piece.rows = [[cell for _, cell in sorted(row, key=lambda item: item[0])] for row in rows]
        pieces.append(piece)
    return pieces
