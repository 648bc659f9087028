"""A table continued on the next page, joined into one.

The continuation is placed right below the part before it (table coordinates: pages
stacked), a repeated header is dropped, and what the page break cut apart is put back
together: a merged cell (an empty continuation under a label), a row whose label and
numbers ended up on different pages.
"""

from __future__ import annotations

import re

from .pdf_tables import TOL, RawCell, RawTable


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
            split = _split_partner(prev.cells, c, bottom, rest) if abs(c.y0 - bottom) <= TOL else None
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


def _row_has_number(cell: RawCell, cells: list[RawCell]) -> bool:
    return any(
        _looks_numeric(c.text) for c in cells if abs(c.y0 - cell.y0) <= TOL and abs(c.y1 - cell.y1) <= TOL
    )


def _split_partner(above: list[RawCell], cell: RawCell, bottom: float, below: list[RawCell]) -> RawCell | None:
    """The cell above the page break that `cell` continues: same columns, one of the two
    empty, and never a number (an empty cell under a value is a blank, not a rest).
    Nor is an empty cell of a row of numbers under a row without any (a header): that is
    a blank of the new row; taking it for a rest would drop it and shift the row's numbers."""
    last = [a for a in above if abs(a.y1 - bottom) <= TOL]
    if not cell.text and not any(_looks_numeric(a.text) for a in last) and _row_has_number(cell, below):
        return None
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
