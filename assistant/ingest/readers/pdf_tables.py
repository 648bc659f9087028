"""Ruled tables of a PDF: cells from the ruling lines, merged cells (rowspan/colspan).

pdfplumber's table-finding steps (edges -> intersections -> cells) turn rulings into
cell boxes. Only real rulings count:
drawn lines, stroked rectangles and hair-thin filled rectangles. Filled rectangles
without a stroke are backgrounds (word processors paint one behind every text line,
and shade header cells) and would invent cell borders.

A cell's rowspan/colspan comes from the grid of all distinct cell edges of the table
(tables continued over pages are joined first, in `pdf_join`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import Table, TableCell, Where
from .pdf_text import Char, cell_text

TOL = 2.5  # points: edges this close are the same ruling (Word drifts by ~1pt)
MIN_EDGE = 3.0


@dataclass
class RawCell:
    page: int
    x0: float
    top: float  # page coordinates
    x1: float
    bottom: float
    text: str
    y0: float = 0.0  # table coordinates (pages stacked), set when parts are joined
    y1: float = 0.0
    pages: list[int] = field(default_factory=list)
    text_bbox: list[float] | None = None  # where the text is, when the box is inferred

    @property
    def bbox(self) -> list[float]:
        return [round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1)]


@dataclass
class RawTable:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    cells: list[RawCell]
    parts: list[tuple[int, list[float]]] = field(default_factory=list)  # (page, bbox) per page
    ruled: bool = True  # False: recovered from word positions (pdf_unruled)


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict[str, Any]:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "ruling_edge",
    }


def ruling_edges(page: Any) -> tuple[list[dict], list[dict]]:
    """Vertical and horizontal rulings of a page (no background fills)."""
    v: list[dict] = []
    h: list[dict] = []
    for ln in page.lines:
        x0, x1, top, bottom = ln["x0"], ln["x1"], ln["top"], ln["bottom"]
        if x1 - x0 >= MIN_EDGE and bottom - top < MIN_EDGE:
            h.append(_edge(x0, (top + bottom) / 2, x1, (top + bottom) / 2, "h"))
        elif bottom - top >= MIN_EDGE and x1 - x0 < MIN_EDGE:
            v.append(_edge((x0 + x1) / 2, top, (x0 + x1) / 2, bottom, "v"))
    for r in page.rects:
        x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
        w, ht = x1 - x0, bottom - top
        if w < MIN_EDGE and ht >= MIN_EDGE:  # a vertical line drawn as a thin box
            v.append(_edge((x0 + x1) / 2, top, (x0 + x1) / 2, bottom, "v"))
        elif ht < MIN_EDGE and w >= MIN_EDGE:
            h.append(_edge(x0, (top + bottom) / 2, x1, (top + bottom) / 2, "h"))
        elif r.get("stroke") and w >= MIN_EDGE and ht >= MIN_EDGE:
            h += [_edge(x0, top, x1, top, "h"), _edge(x0, bottom, x1, bottom, "h")]
            v += [_edge(x0, top, x0, bottom, "v"), _edge(x1, top, x1, bottom, "v")]
    h += _closing_edges(v, h, "bottom") + _closing_edges(v, h, "top")
    return v, h


def _closing_edges(v: list[dict], h: list[dict], end: str) -> list[dict]:
    """A table broken by a page often has no ruling at the break: close it where its
    vertical rulings stop (and none goes on), so the last (first) row still becomes cells."""
    out: list[dict] = []
    other = "top" if end == "bottom" else "bottom"
    done: list[float] = []
    for y in sorted({round(e[end], 1) for e in v}):
        if any(abs(y - d) <= TOL for d in done):
            continue
        done.append(y)
        ending = [e for e in v if abs(e[end] - y) <= TOL]
        if len(ending) < 2:
            continue
        x0 = min(e["x0"] for e in ending)
        x1 = max(e["x0"] for e in ending)
        goes_on = any(
            x0 - TOL <= e["x0"] <= x1 + TOL
            and (abs(e[other] - y) <= TOL or e["top"] < y - TOL < y + TOL < e["bottom"])
            for e in v
        )
        covered = any(
            abs(e["top"] - y) <= TOL and e["x0"] <= x0 + TOL and e["x1"] >= x1 - TOL for e in h
        )
        if not goes_on and not covered:
            out.append(_edge(x0, y, x1, y, "h"))
    return out


def find_ruled_tables(page: Any, chars: list[Char]) -> list[RawTable]:
    """Tables of a page (`pdf_pages.PageData`) from its rulings, each cell with its text."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
    from pdfplumber.utils import filter_edges

    v, h = ruling_edges(page)
    if len(v) < 2 or len(h) < 2:
        return []
    edges = filter_edges(merge_edges(v + h, TOL, TOL, TOL, TOL), min_length=MIN_EDGE)
    found = cells_to_tables(intersections_to_cells(edges_to_intersections(edges, TOL, TOL)))
    out: list[RawTable] = []
    for group in found:
        # slivers between double rulings hold no text and are no cells
        boxes = [b for b in group if b[2] - b[0] > MIN_EDGE and b[3] - b[1] > MIN_EDGE]
        cols = _clusters([b[0] for b in boxes] + [b[2] for b in boxes])
        if len(boxes) < 2 or len(cols) < 3:
            continue  # a box around a paragraph, or a one-column frame: not a table
        bbox = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        near = _inside(chars, bbox)
        cells = _split_unruled_rows(page.page_number, [(b, _inside(near, b)) for b in boxes])
        out.append(RawTable(page.page_number, *bbox, cells, [(page.page_number, _r(bbox))]))
    out.sort(key=lambda t: t.top)
    return out


def _split_unruled_rows(page: int, boxes: list[tuple[Any, list[Char]]]) -> list[RawCell]:
    """Cells, with rows the producer drew no ruling between split apart: when two or more
    cells of one band hold the same number (>= 2) of lines of numbers, one above the
    other, the band is that many rows; every cell of the band is cut at the same heights."""
    from .pdf_text import group_lines

    lines_of = {id(b): group_lines(cs) for b, cs in boxes}
    bands: dict[tuple[float, float], list[Any]] = {}
    for b, _ in boxes:
        bands.setdefault((round(b[1]), round(b[3])), []).append(b)
    cuts: dict[tuple[float, float], list[float]] = {}
    for key, members in bands.items():
        numeric = [lines_of[id(b)] for b in members if _all_numeric(lines_of[id(b)])]
        counts = {len(ls) for ls in numeric}
        if len(numeric) >= 2 and len(counts) == 1 and counts.pop() >= 2:
            mids = [[(ln.top + ln.bottom) / 2 for ln in ls] for ls in numeric]
            if all(abs(m[i] - mids[0][i]) <= TOL for m in mids for i in range(len(m))):
                cuts[key] = [(a + b) / 2 for a, b in zip(mids[0], mids[0][1:])]
    out: list[RawCell] = []
    for b, cs in boxes:
        ys = cuts.get((round(b[1]), round(b[3])))
        if not ys:
            out.append(RawCell(page, *b, text=cell_text(cs), y0=b[1], y1=b[3]))
            continue
        edges = [b[1], *ys, b[3]]
        for top, bottom in zip(edges, edges[1:]):
            part = [c for c in cs if top <= (c["top"] + c["bottom"]) / 2 < bottom]
            out.append(RawCell(page, b[0], top, b[2], bottom, text=cell_text(part), y0=top, y1=bottom))
    return out


def _all_numeric(lines: list[Any]) -> bool:
    from ...report.cells import is_na_mark, parse_number_text

    return bool(lines) and all(parse_number_text(ln.text) is not None or is_na_mark(ln.text) for ln in lines)


def _r(b: Any) -> list[float]:
    return [round(float(v), 1) for v in b]


def _inside(chars: list[Char], box: tuple[float, float, float, float]) -> list[Char]:
    x0, top, x1, bottom = box
    return [
        c
        for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]


def in_any_table(char: Char, tables: list[RawTable]) -> bool:
    mx, my = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return any(t.x0 <= mx <= t.x1 and t.top <= my <= t.bottom for t in tables)


# -- grid: rowspan / colspan ------------------------------------------------------------


def _clusters(values: list[float]) -> list[float]:
    """Distinct coordinates, values closer than TOL merged (their mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= TOL:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _index(grid: list[float], v: float) -> int:
    return min(range(len(grid)), key=lambda i: abs(grid[i] - v))


def to_table(raw: RawTable, index: int) -> Table:
    """The grid form: rows of printed cells with rowspan/colspan and provenance."""
    cells = raw.cells
    xs = _clusters([c.x0 for c in cells] + [c.x1 for c in cells])
    ys = _clusters([c.y0 for c in cells] + [c.y1 for c in cells])
    placed = []
    for c in cells:
        r0, r1 = _index(ys, c.y0), _index(ys, c.y1)
        c0, c1 = _index(xs, c.x0), _index(xs, c.x1)
        if r1 > r0 and c1 > c0:
            placed.append((r0, r1, c0, c1, c))
    starts = sorted({p[0] for p in placed})
    row_of = {r: i for i, r in enumerate(starts)}
    rows: list[list[TableCell]] = [[] for _ in starts]
    pages = sorted({p for p, _ in raw.parts}) or [raw.page]
    for r0, r1, c0, c1, c in sorted(placed, key=lambda p: (p[0], p[2])):
        row = row_of[r0]
        rowspan = sum(1 for s in starts if r0 <= s < r1)
        extra: dict[str, Any] = {"bbox": c.text_bbox or c.bbox}
        if c.pages and len(c.pages) > 1:
            extra["pages"] = c.pages
        where = Where(kind="pdf", page=c.page, table=index, row=row, col=c0, extra=extra)
        rows[row].append(TableCell(text=c.text, where=where, rowspan=rowspan, colspan=c1 - c0))
    # bbox is on the first page; a table continued over pages lists each page's part
    first = raw.parts[0][1] if raw.parts else _r((raw.x0, raw.top, raw.x1, raw.bottom))
    extra: dict[str, Any] = {"bbox": first}
    if len(pages) > 1:
        extra["pages"] = pages
        extra["parts"] = [{"page": p, "bbox": b} for p, b in raw.parts]
    return Table(rows=rows, where=Where(kind="pdf", page=raw.page, table=index, extra=extra))
