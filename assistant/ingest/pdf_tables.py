"""Ruled tables of a PDF: cells from the ruling lines, merged cells, tables across pages.

pdfplumber's table-finding steps (edges -> intersections -> cells) turn rulings into
cell boxes. Only real rulings count:
drawn lines, stroked rectangles and hair-thin filled rectangles. Filled rectangles
without a stroke are backgrounds (word processors paint one behind every text line,
and shade header cells) and would invent cell borders.

A cell's rowspan/colspan comes from the grid of all distinct cell edges of the table.
A table continued on the next page is joined into one grid: the continuation is placed
right below the part before it, a repeated header is dropped, and a merged cell split
by the page break (an empty continuation under a label) is put back together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .document import Table, TableCell, Where
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
    from ..report.cells import is_na_mark, parse_number_text

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


# -- joining a table continued on the next page ---------------------------------------


def can_continue(prev: RawTable, nxt: RawTable) -> bool:
    """Same outer width and both edges within tolerance: the same table, next page.
    Tables without rulings have no printed edges (their columns follow the values on each
    page): last thing on one page, first on the next is enough."""
    if nxt.page != prev.page + 1 or prev.ruled != nxt.ruled:
        return False
    if not prev.ruled:
        return True
    return abs(prev.x0 - nxt.x0) <= 3 * TOL and abs(prev.x1 - nxt.x1) <= 3 * TOL


def join(prev: RawTable, nxt: RawTable) -> RawTable:
    """Append `nxt` (the continuation on the next page) to `prev`, in table coordinates."""
    rest = _drop_repeated_header(prev.cells, nxt.cells, prev.ruled)
    if not rest:
        parts = prev.parts + nxt.parts
        return RawTable(prev.page, prev.x0, prev.top, prev.x1, prev.bottom, prev.cells, parts, prev.ruled)
    bottom = max(c.y1 for c in prev.cells)
    offset = bottom - min(c.y0 for c in rest)
    for c in rest:
        c.y0 += offset
        c.y1 += offset
    if not prev.ruled:
        rest = _rejoin_unruled_row(prev.cells, rest, bottom)
    cells = list(prev.cells)
    split_row = _split_row(prev.cells, rest, bottom)
    for c in rest:
        if id(c) in split_row:
            split = split_row[id(c)]
        else:
            split = _split_partner(prev.cells, c, bottom) if abs(c.y0 - bottom) <= TOL else None
        if split is not None:
            split.y1 = c.y1
            split.text = "\n".join(t for t in (split.text, c.text) if t)
            split.pages = sorted(set(split.pages or [split.page]) | {c.page})
        else:
            cells.append(c)
    parts = prev.parts + nxt.parts
    return RawTable(prev.page, prev.x0, prev.top, prev.x1, nxt.bottom, cells, parts, prev.ruled)


def _split_row(above: list[RawCell], below: list[RawCell], bottom: float) -> dict[int, RawCell]:
    """A row the page break cut in two (Word lets rows break across pages): the label
    above with no numbers, the numbers below with no label. Then every cell of the lower
    part continues the cell above it: {id(lower cell): upper cell}."""
    last = [a for a in above if abs(a.y1 - bottom) <= TOL]
    first = [c for c in below if abs(c.y0 - bottom) <= TOL]
    if not last or not first:
        return {}
    pairs: dict[int, RawCell] = {}
    for c in first:
        match = [a for a in last if abs(a.x0 - c.x0) <= TOL and abs(a.x1 - c.x1) <= TOL]
        if len(match) != 1 or (match[0].text and c.text):
            return {}
        pairs[id(c)] = match[0]
    leftmost = min(first, key=lambda c: c.x0)
    numbers_below = any(_looks_numeric(c.text) for c in first)
    numbers_above = any(_looks_numeric(a.text) for a in last)
    label_above = any(a.text and not _looks_numeric(a.text) for a in last)
    if numbers_below and not numbers_above and label_above and not leftmost.text:
        return pairs
    return {}


_SUBTABLE = re.compile(r"^第[一二三四五六七八九十]+条")
_NUMBERED = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])")


def _rejoin_unruled_row(above: list[RawCell], below: list[RawCell], bottom: float) -> list[RawCell]:
    """Without rulings: a label left alone at the foot of the page (no numbers in its
    row) whose numbers, and the rest of its label, open the next page, is one row again.
    The rest of a label never starts with an item number ("1." "（二）")."""
    last_top = max((a.y0 for a in above), default=bottom)
    last = [a for a in above if abs(a.y0 - last_top) <= TOL]
    first_top = min((c.y0 for c in below), default=bottom)
    first = [c for c in below if abs(c.y0 - first_top) <= TOL]
    if not last or not first:
        return below
    if any(_looks_numeric(a.text) for a in last):
        return _rest_of_label(last, first, below)
    texts = [a.text for a in last if a.text]
    if len(texts) != 1 or _SUBTABLE.match(texts[0]):
        return below  # a header row or a sub-table title, not the start of a label
    labels = [c for c in first if c.text and not _looks_numeric(c.text)]
    if not any(_looks_numeric(c.text) for c in first) or any(_NUMBERED.match(c.text) for c in labels):
        return below
    if any(len(c.text) > 6 for c in labels):
        return below  # the rest of a wrapped label is a few characters, not a whole label
    head = max(last, key=lambda a: a.x1)  # the row label: the rightmost label cell
    head.text = "\n".join([head.text, *(c.text for c in labels)])
    head.pages = sorted(set(head.pages or [head.page]) | {c.page for c in labels})
    row_bottom = max(c.y1 for c in first)
    for a in last:
        a.y1 = row_bottom
    for c in first:
        c.y0 = last_top
    return [c for c in below if c not in labels]


def _rest_of_label(last: list[RawCell], first: list[RawCell], below: list[RawCell]) -> list[RawCell]:
    """Numbers printed at the top of their row (Word's default): the row's label goes on
    over the page break alone, a few characters without an item number."""
    texts = [c for c in first if c.text]
    if len(texts) != 1 or _looks_numeric(texts[0].text) or len(texts[0].text) > 6:
        return below
    if _NUMBERED.match(texts[0].text) or _SUBTABLE.match(texts[0].text):
        return below
    labels = [a for a in last if a.text and not _looks_numeric(a.text)]
    if not labels:
        return below
    head = max(labels, key=lambda a: a.x1)
    head.text = f"{head.text}\n{texts[0].text}"
    head.pages = sorted(set(head.pages or [head.page]) | {texts[0].page})
    return [c for c in below if c not in first]


def _split_partner(above: list[RawCell], cell: RawCell, bottom: float) -> RawCell | None:
    """The cell above the page break that `cell` continues: same columns, one of the two
    empty, and never a number (an empty cell under a value is a blank, not a rest)."""
    for a in above:
        if abs(a.y1 - bottom) > TOL or abs(a.x0 - cell.x0) > TOL or abs(a.x1 - cell.x1) > TOL:
            continue
        if cell.text and a.text:
            return None
        if _looks_numeric(a.text) or _looks_numeric(cell.text):
            return None
        return a
    return None


def _looks_numeric(text: str) -> bool:
    t = text.strip()
    has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in t)
    return bool(t) and any(ch.isdigit() for ch in t) and len(t) <= 12 and not has_cjk


def _band(cells: list[RawCell], y: float) -> list[RawCell] | None:
    """Cells lying entirely above table line y, or None when a cell straddles y."""
    top = min(c.y0 for c in cells)
    if any(c.y0 < y - TOL and c.y1 > y + TOL for c in cells):
        return None
    return [c for c in cells if c.y1 <= y + TOL and c.y0 >= top - TOL]


def _signature(cells: list[RawCell], x_origin: float) -> list[tuple[float, float, str]]:
    return sorted((c.x0 - x_origin, c.x1 - x_origin, _norm(c.text)) for c in cells)


def _same(a: list[tuple[float, float, str]], b: list[tuple[float, float, str]]) -> bool:
    return len(a) == len(b) and all(
        abs(p[0] - q[0]) <= 2 * TOL and abs(p[1] - q[1]) <= 2 * TOL and p[2] == q[2] for p, q in zip(a, b)
    )


def _norm(text: str) -> str:
    return "".join(text.split())


def _drop_repeated_header(prev: list[RawCell], nxt: list[RawCell], ruled: bool = True) -> list[RawCell]:
    """Drop the top rows of the continuation when they repeat the table's first rows.
    Ruled: the same cells in the same places. Without rulings the cells are inferred
    and may be cut differently on each page: the same characters."""
    if not prev or not nxt:
        return nxt
    if not ruled:
        return _drop_repeated_text(prev, nxt)
    px, nx = min(c.x0 for c in prev), min(c.x0 for c in nxt)
    best: list[RawCell] = []
    for y in sorted({c.y1 for c in nxt}):
        band = _band(nxt, y)
        if not band or len(band) == len(nxt):
            continue
        sig = _signature(band, nx)
        if not any(t for _, _, t in sig):
            continue
        for py in sorted({c.y1 for c in prev}):
            pband = _band(prev, py)
            if pband and len(pband) == len(band) and _same(_signature(pband, px), sig):
                best = band
                break
    return [c for c in nxt if c not in best] if best else nxt


def _drop_repeated_text(prev: list[RawCell], nxt: list[RawCell]) -> list[RawCell]:
    def chars(cells: list[RawCell]) -> list[str]:
        return sorted("".join(_norm(c.text) for c in cells))

    prev_heads = []
    for py in sorted({c.y1 for c in prev}):
        band = _band(prev, py)
        if band and not any(_looks_numeric(c.text) for c in band):
            prev_heads.append(chars(band))
    best: list[RawCell] = []
    for y in sorted({c.y1 for c in nxt}):
        band = _band(nxt, y)
        if not band or len(band) == len(nxt) or any(_looks_numeric(c.text) for c in band):
            continue
        if chars(band) in prev_heads:
            best = band
    return [c for c in nxt if c not in best] if best else nxt


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
