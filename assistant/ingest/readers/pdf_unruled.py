"""Tables printed without ruling lines, recovered from word positions.

A table row shows up as a text line with wide gaps between its pieces ("segments") and
at least one number or n/a mark among them; prose never has such gaps. Runs of such
rows (with the header lines above them and wrapped label fragments between them) make
a table. Value columns are where the values of all rows overlap horizontally; what lies
left of the first value column is the label area. A wrapped label printed above and
below its (vertically centred) numbers joins the row of the nearest numbers.
"""

from __future__ import annotations

import re

from ...report.cells import is_na_mark, parse_number_text
from ...report.parts import PART_MARKS
from .pdf_tables import RawCell, RawTable
from .pdf_text import Line, line_text

GAP = 0.6  # a gap wider than this many character sizes separates two cells
_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*、\s*\S")
_SUBTABLE = re.compile(r"^第[一二三四五六七八九十]+条")  # 表二's 「第二十条第（一）项」 rows


class Seg:
    __slots__ = ("chars", "x0", "x1", "top", "bottom", "text", "line")

    def __init__(self, chars: list, line: Line):
        self.chars = chars
        self.x0 = min(c["x0"] for c in chars)
        self.x1 = max(c["x1"] for c in chars)
        self.top = min(c["top"] for c in chars)
        self.bottom = max(c["bottom"] for c in chars)
        self.text = line_text(chars)
        self.line = line

    @property
    def is_value(self) -> bool:
        return parse_number_text(self.text) is not None or is_na_mark(self.text)


def segments(line: Line) -> list[Seg]:
    out: list[list] = [[line.chars[0]]]
    for prev, c in zip(line.chars, line.chars[1:]):
        size = max(prev.get("size") or 10.0, c.get("size") or 10.0)
        if c["x0"] - prev["x1"] > GAP * size:
            out.append([c])
        else:
            out[-1].append(c)
    return [Seg(g, line) for g in out]


def _is_row(segs: list[Seg]) -> bool:
    return len(segs) >= 2 and any(s.is_value for s in segs)


def _is_prose(line: Line, segs: list[Seg], width: float) -> bool:
    text = line.text
    if _HEADING.match(text) and any(w in text for w in PART_MARKS):
        return True
    if len(segs) == 1 and len(text) >= 6 and text[-1] in "。：:":  # a sentence ("…见下表。")
        return True
    return len(segs) == 1 and (line.x1 - line.x0) > 0.6 * width and len(text) > 25


def find_unruled_tables(lines: list[Line], page: int) -> tuple[list[RawTable], list[Line]]:
    """Tables found among the free text lines of a page, and the lines left over."""
    if not lines:
        return [], lines
    segs = [segments(ln) for ln in lines]
    width = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines) or 1.0
    rows = [i for i, s in enumerate(segs) if _is_row(s)]
    if not rows:
        return [], lines
    tables: list[RawTable] = []
    used: set[int] = set()
    for run in _runs(rows, lines, segs, width):
        table = _build(run, lines, segs, width, page)
        if table is not None:
            tables.append(table[0])
            used |= table[1]
    return tables, [ln for i, ln in enumerate(lines) if i not in used]


def _runs(rows: list[int], lines: list[Line], segs: list[list[Seg]], width: float) -> list[list[int]]:
    """Groups of value rows that belong to one table (no prose, no big gap between)."""
    runs: list[list[int]] = [[rows[0]]]
    for a, b in zip(rows, rows[1:]):
        gap = lines[b].top - lines[a].bottom
        between = range(a + 1, b)
        if gap > 6 * (lines[a].size or 10) or any(_is_prose(lines[i], segs[i], width) for i in between):
            runs.append([b])
        else:
            runs[-1].append(b)
    # one row is a table only when it is a long row of values (表四 has a single data row)
    return [r for r in runs if len(r) >= 2 or sum(s.is_value for s in segs[r[0]]) >= 4]


def _value_columns(run: list[int], segs: list[list[Seg]]) -> list[list[float]]:
    """[x0, x1] of each value column: the union of overlapping value positions."""
    spans = sorted((s.x0, s.x1) for i in run for s in segs[i] if s.is_value)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 1:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return cols


def _build(run, lines, segs, width, page):
    cols = _value_columns(run, segs)
    n_values = sum(s.is_value for i in run for s in segs[i])
    if not cols or (len(run) < 3 and n_values < 4):
        return None  # two lines of prose with a number each are not a table
    first_value_x = cols[0][0]
    size = lines[run[0]].size or 10.0
    # header lines above the first row: short pieces, no prose, no part heading
    start = run[0]
    while start > 0:
        i = start - 1
        if _is_prose(lines[i], segs[i], width) or lines[start].top - lines[i].bottom > 3 * size:
            break
        start = i
    # label fragments right below the last row
    end = run[-1]
    while end + 1 < len(lines):
        i = end + 1
        far = lines[i].top - lines[end].bottom > 1.2 * size
        if far or lines[i].x1 > first_value_x or _is_prose(lines[i], segs[i], width):
            break
        end = i
    # header lines of the part continued on the next page, left at the foot of this one
    rest = range(end + 1, len(lines))
    if 0 < len(rest) <= 4 and not any(_is_prose(lines[i], segs[i], width) for i in rest):
        if all(lines[i].top - lines[i - 1].bottom <= 3 * size for i in rest):
            end = len(lines) - 1
    members = list(range(start, end + 1))
    pieces = {i: list(segs[i]) for i in members}
    vertical = _vertical_runs(pieces, size)
    anchors = [i for i in members if _is_row(segs[i]) and i >= run[0]]
    label_x = _clusters([s.x0 for i in members for s in pieces[i] if s.x1 <= first_value_x + 1])
    n_label = len(label_x)
    bounds = _grid_x(label_x, cols)

    def mid(i: int) -> float:
        return (lines[i].top + lines[i].bottom) / 2

    def nearest(y: float) -> int:
        return min(anchors, key=lambda a: abs(mid(a) - y))

    # every line is its own row, except label fragments: in the row-label column (the
    # label column next to the values) they join the nearest value row (wrapped labels);
    # in a group column they form one cell over the rows they stand beside
    own_rows: list[int] = []
    placed: list[tuple[int, int, int, int, list[Seg]]] = []  # (row line, last row line, c0, c1, segs)
    groups: dict[int, list[Seg]] = {}
    header: dict[tuple[int, int], list[Seg]] = {}
    # a wrapped label stays within the labels' area; a centred sub-table title does not
    label_right = max(
        (sg.x1 for i in anchors for sg in pieces[i] if sg.x1 <= first_value_x + 1), default=first_value_x
    )
    for i in members:
        # the first line of a wrapped label may stand just above its (centred) numbers,
        # when the numbers' line has no label of its own
        beside_first = (
            i < run[0]
            and lines[run[0]].top - lines[i].bottom < 0.6 * size
            and all(sg.is_value for sg in segs[run[0]])
        )
        fragment = (
            i not in anchors
            and (i >= run[0] or beside_first)
            and lines[i].x1 <= first_value_x + 1
            and lines[i].x0 <= label_right + size
            and not _SUBTABLE.match(lines[i].text)
        )
        if not fragment:
            own_rows.append(i)
        for sg in pieces[i]:
            c0, c1 = _place(sg, label_x, cols, n_label)
            if i < run[0] and not fragment:  # header: a label wrapped over lines is one cell
                header.setdefault((c0, c1), []).append(sg)
            elif fragment and c0 < n_label - 1:
                groups.setdefault(c0, []).append(sg)
            elif fragment:
                a = nearest((sg.top + sg.bottom) / 2)
                placed.append((a, a, c0, c1, [sg]))
            else:
                placed.append((i, i, c0, c1, [sg]))
    line_of = {id(sg): i for i in members for sg in pieces[i]}
    for (c0, c1), hsegs in header.items():
        for chunk in _chunks(hsegs, size):
            placed.append((line_of[id(chunk[0])], line_of[id(chunk[-1])], c0, c1, chunk))
    for c0, gsegs in groups.items():
        for chunk in _chunks(gsegs, size):
            first, last = chunk[0], chunk[-1]  # the rows its first and last lines stand beside
            rows = nearest((first.top + first.bottom) / 2), nearest((last.top + last.bottom) / 2)
            placed.append((*rows, c0, c0 + 1, chunk))
    for chunk in vertical:
        c0, _ = _place(chunk[0], label_x, cols, n_label)
        if chunk[0].top < lines[run[0]].top:  # starts in the header
            first = min(own_rows, key=lambda r: abs(lines[r].top - chunk[0].top))
        else:
            first = nearest(chunk[0].top)
        last = nearest(chunk[-1].bottom) if chunk[-1].bottom > lines[run[0]].top else first
        if first not in own_rows:
            own_rows.append(first)
        placed.append((first, last, c0, c0 + 1, chunk))
    used_rows = set(own_rows) | {p[0] for p in placed} | {p[1] for p in placed}
    row_ids = sorted(used_rows, key=lambda r: lines[r].top)
    ys = [lines[r].top for r in row_ids] + [max(ln.bottom for ln in lines[start : end + 1]) + 1]
    merged: dict[tuple[int, int], tuple[int, int, list[Seg]]] = {}
    for r_first, r_last, c0, c1, ss in placed:
        r0, r1 = row_ids.index(r_first), row_ids.index(r_last) + 1
        key = (r0, c0)
        if key in merged:
            o_r1, o_c1, o_ss = merged[key]
            merged[key] = (max(o_r1, r1), max(o_c1, c1), o_ss + ss)
        else:
            merged[key] = (r1, c1, list(ss))
    raw_cells = []
    for (r0, c0), (r1, c1, ss) in sorted(merged.items()):
        c1 = min(c1, len(bounds) - 1)
        ss.sort(key=lambda s: (s.top, s.x0))
        cell = RawCell(page, bounds[c0], ys[r0], bounds[c1], ys[r1], _join(ss), y0=ys[r0], y1=ys[r1])
        cell.text_bbox = [
            round(min(s.x0 for s in ss), 1),
            round(min(s.top for s in ss), 1),
            round(max(s.x1 for s in ss), 1),
            round(max(s.bottom for s in ss), 1),
        ]
        raw_cells.append(cell)
    top = lines[start].top
    bottom = ys[-1]
    bbox = [round(bounds[0], 1), round(top, 1), round(bounds[-1], 1), round(bottom, 1)]
    table = RawTable(page, bounds[0], top, bounds[-1], bottom, raw_cells, [(page, bbox)], ruled=False)
    return table, set(members)


def _vertical_runs(pieces: dict[int, list[Seg]], size: float) -> list[list[Seg]]:
    """Characters printed one per line, one under the other (申/请/人/情/况): taken out of
    their lines and returned as runs, each to become one cell."""
    singles = [
        s
        for i in sorted(pieces)
        for s in pieces[i]
        if len(s.text) == 1 and not s.text.isdigit() and not s.is_value
    ]
    runs: list[list[Seg]] = []
    for s in sorted(singles, key=lambda s: ((s.x0 + s.x1) / 2, s.top)):
        cx = (s.x0 + s.x1) / 2
        for run in runs:
            last = run[-1]
            if abs((last.x0 + last.x1) / 2 - cx) <= 0.4 * size and 0 <= s.top - last.bottom <= 0.9 * size:
                run.append(s)
                break
        else:
            runs.append([s])
    runs = [r for r in runs if len(r) >= 2]
    taken = {id(s) for r in runs for s in r}
    for i in pieces:
        pieces[i] = [s for s in pieces[i] if id(s) not in taken]
    return runs


def _chunks(segs: list[Seg], size: float) -> list[list[Seg]]:
    """Fragments of one column split where they are not on adjacent lines."""
    out: list[list[Seg]] = []
    for s in sorted(segs, key=lambda s: s.top):
        if out and s.top - out[-1][-1].bottom <= 0.9 * size:
            out[-1].append(s)
        else:
            out.append([s])
    return out


def _clusters(xs: list[float], tol: float = 6.0) -> list[float]:
    out: list[list[float]] = []
    for x in sorted(xs):
        if out and x - out[-1][0] <= tol:
            out[-1].append(x)
        else:
            out.append([x])
    return [g[0] for g in out]


def _grid_x(label_x: list[float], cols: list[list[float]]) -> list[float]:
    """Column boundaries: label columns start at their left edges; value columns are
    split halfway between neighbours."""
    bounds = list(label_x) if label_x else [cols[0][0] - 1]
    for k, (x0, x1) in enumerate(cols):
        left = (cols[k - 1][1] + x0) / 2 if k else x0 - 1
        if k == 0 and label_x:
            left = max(left, bounds[-1] + 1)
        bounds.append(left)
    bounds.append(cols[-1][1] + 1)
    return sorted(set(bounds))


def _place(s: Seg, label_x: list[float], cols: list[list[float]], n_label: int) -> tuple[int, int]:
    """Grid columns [c0, c1) a segment occupies."""
    first_value_x = cols[0][0]
    if s.x1 <= first_value_x + 1 and label_x:
        c = max(k for k, x in enumerate(label_x) if x <= s.x0 + 6) if s.x0 + 6 >= label_x[0] else 0
        return c, c + 1
    covered = [k for k, (x0, x1) in enumerate(cols) if s.x0 - 2 <= (x0 + x1) / 2 <= s.x1 + 2]
    if not covered:  # narrower than a column: the column it overlaps most
        k = max(range(len(cols)), key=lambda k: min(s.x1, cols[k][1]) - max(s.x0, cols[k][0]))
        covered = [k]
    return n_label + covered[0], n_label + covered[-1] + 1


def _join(pieces: list[Seg]) -> str:
    texts = [p.text for p in pieces]
    if len(texts) > 1 and all(len(t) == 1 for t in texts):
        return "".join(texts)
    return "\n".join(texts)
