"""What the reader needs from each PDF page — characters and drawn lines/boxes — via pdfium.

pdfium (C, through pypdfium2) is ~10x faster than pdfminer for this, which is what
makes PDF import fast enough for batch audits. Coordinates are converted to the
pdfplumber convention the rest of the reader uses: points, origin top-left,
`top`/`bottom` growing downwards.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ...errors import NianbaoError
from .limits import MAX_PAGE_CHARS, MAX_PAGE_OBJECTS

_PATH, _FORM = 2, 5  # FPDF_PAGEOBJ_*
_LINETO, _BEZIER, _MOVETO = 0, 1, 2  # FPDF_SEGMENT_*


@dataclass
class PageData:
    page_number: int  # 1-based
    width: float
    height: float
    chars: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)  # stroked straight segments
    rects: list[dict[str, Any]] = field(default_factory=list)  # axis-aligned boxes


def open_pdf(path: str) -> Any:
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(path)


class View:
    """User space (origin bottom-left, as drawn) -> the page as displayed: origin top-left,
    y downwards, the page's /Rotate applied (a landscape table on a rotated page reads
    upright)."""

    def __init__(self, box: tuple[float, float, float, float], rotation: int):
        self.left, self.bottom, self.right, self.top = box
        self.rotation = rotation % 360
        w, h = self.right - self.left, self.top - self.bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        r = self.rotation
        if r == 90:
            return y - self.bottom, x - self.left
        if r == 180:
            return self.right - x, y - self.bottom
        if r == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y


def load_page(pdf: Any, index: int, name: str = "") -> PageData:
    import pypdfium2.raw as c

    page = pdf[index]
    try:
        objects = c.FPDFPage_CountObjects(page.raw)
        if objects > MAX_PAGE_OBJECTS:
            raise NianbaoError(
                f"PDF 第{index + 1}页有 {objects:,} 个图形对象（上限 {MAX_PAGE_OBJECTS:,} 个），"
                "不像是年度报告的页面，没有导入", file=name or None,
            )
        view = View(page.get_mediabox(), page.get_rotation())
        data = PageData(index + 1, view.width, view.height)
        data.chars = _chars(c, page, view, index + 1, name)
        _paths(c, page, view, data)
        data.chars = [ch for ch in data.chars if not ch.pop("white", False) or _on_dark(ch, data.rects)]
        return data
    finally:
        page.close()


def _chars(c: Any, page: Any, view: View, page_number: int = 0, name: str = "") -> list[dict[str, Any]]:
    """Characters with pdfplumber-like boxes: height = the font size as drawn, from the
    baseline; width = the advance. (pdfium's own loose box takes its height from the
    font's ascent/descent and is wildly off for some fonts, so only its width is used.)"""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        out = []
        rect = c.FS_RECTF()
        m = c.FS_MATRIX()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        rgba = [ctypes.c_uint() for _ in range(4)]
        count = c.FPDFText_CountChars(raw)
        if count > MAX_PAGE_CHARS:
            raise NianbaoError(
                f"PDF 第{page_number}页有 {count:,} 个字符（上限 {MAX_PAGE_CHARS:,} 个），"
                "不像是年度报告的页面，没有导入", file=name or None,
            )
        for i in range(count):
            code = c.FPDFText_GetUnicode(raw, i)
            if code in (0, 0xFFFE, 0xFFFF) or c.FPDFText_IsGenerated(raw, i) == 1:
                continue
            ch = printed_char(code)
            if not ch.strip():
                continue
            if not c.FPDFText_GetCharOrigin(raw, i, ox, oy) or not c.FPDFText_GetLooseCharBox(raw, i, rect):
                continue
            seen = _seen(c, raw, i, rgba)
            if not seen:
                continue
            scale = math.sqrt(abs(m.a * m.d - m.b * m.c)) if c.FPDFText_GetMatrix(raw, i, m) else 1.0
            size = c.FPDFText_GetFontSize(raw, i) * scale or abs(rect.top - rect.bottom)
            corners = [view(x, y) for x in (rect.left, rect.right) for y in (rect.bottom, rect.top)]
            x0 = min(p[0] for p in corners)
            width = max(p[0] for p in corners) - x0
            if not 0 < width <= 1.5 * size:
                x0, width = view(ox.value, oy.value)[0], size
            baseline = view(ox.value, oy.value)[1]
            out.append(
                {
                    "text": ch,
                    "x0": x0,
                    "x1": x0 + width,
                    "top": baseline - 0.7 * size,
                    "bottom": baseline + 0.3 * size,
                    "size": size,
                    "white": seen == "white",
                }
            )
        return dedupe(out)
    finally:
        textpage.close()


def _seen(c: Any, raw: Any, i: int, rgba: list[Any]) -> bool | str:
    """Text a reader sees: not transparent and not a slanted watermark (upright and
    quarter-turned text, like vertical headers, is kept). "white" when it is white: seen
    only on a dark background (see `_on_dark`)."""
    angle = math.degrees(c.FPDFText_GetCharAngle(raw, i)) % 90
    if 2 <= angle <= 88:
        return False
    if c.FPDFText_GetFillColor(raw, i, *rgba):
        r, g, b, a = (v.value for v in rgba)
        if a < 60:
            return False
        if min(r, g, b) >= 235:
            return "white"
    return True


def _on_dark(ch: dict[str, Any], rects: list[dict[str, Any]]) -> bool:
    mx, my = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return any(
        r.get("dark") and r["x0"] <= mx <= r["x1"] and r["top"] <= my <= r["bottom"] for r in rects
    )


def printed_char(code: int) -> str:
    """The character as a reader sees it. Some producers map CJK glyphs to look-alike
    Kangxi radicals or compatibility ideographs (「⼀」 U+2F00 for 「一」): those become
    the ordinary characters, everything else (full-width digits, punctuation) stays."""
    ch = chr(code)
    if 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF:
        return unicodedata.normalize("NFKC", ch)
    return ch


def dedupe(chars: list[dict[str, Any]], tol: float = 1.0) -> list[dict[str, Any]]:
    """Drop "fake bold": the same character drawn again a fraction of a point away."""
    out: list[dict[str, Any]] = []
    last: dict[str, list[dict[str, Any]]] = {}
    for ch in chars:
        same = last.setdefault(ch["text"], [])
        if any(abs(o["x0"] - ch["x0"]) < tol and abs(o["top"] - ch["top"]) < tol for o in same[-4:]):
            continue
        same.append(ch)
        out.append(ch)
    return out


def _paths(c: Any, page: Any, view: View, data: PageData) -> None:
    def walk(objs: list[Any], matrix: tuple[float, ...]) -> None:
        for obj in objs:
            kind = c.FPDFPageObj_GetType(obj)
            if kind not in (_PATH, _FORM):
                continue
            m = c.FS_MATRIX()
            own = (m.a, m.b, m.c, m.d, m.e, m.f) if c.FPDFPageObj_GetMatrix(obj, m) else (1, 0, 0, 1, 0, 0)
            full = _compose(own, matrix)
            if kind == _FORM:
                n = c.FPDFFormObj_CountObjects(obj)
                walk([c.FPDFFormObj_GetObject(obj, i) for i in range(n)], full)
            else:
                _path(c, obj, full, view, data)

    n = c.FPDFPage_CountObjects(page.raw)
    walk([c.FPDFPage_GetObject(page.raw, i) for i in range(n)], (1, 0, 0, 1, 0, 0))


def _compose(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """m then n (PDF row-vector convention)."""
    a, b, c_, d, e, f = m
    A, B, C, D, E, F = n
    return (
        a * A + b * C,
        a * B + b * D,
        c_ * A + d * C,
        c_ * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _path(c: Any, obj: Any, m: tuple[float, ...], view: View, data: PageData) -> None:
    fillmode = ctypes.c_int()
    stroke = ctypes.c_int()
    if not c.FPDFPath_GetDrawMode(obj, fillmode, stroke):
        return
    filled, stroked = fillmode.value != 0, bool(stroke.value)
    if not filled and not stroked:
        return  # a clipping path: draws nothing
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    closed: list[bool] = []
    for i in range(c.FPDFPath_CountSegments(obj)):
        seg = c.FPDFPath_GetPathSegment(obj, i)
        c.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = view(m[0] * x.value + m[2] * y.value + m[4], m[1] * x.value + m[3] * y.value + m[5])
        kind = c.FPDFPathSegment_GetType(seg)
        if kind == _MOVETO or not subpaths:
            subpaths.append([(px, py)])
            closed.append(False)
        else:
            subpaths[-1].append((px, py))
        if c.FPDFPathSegment_GetClose(seg):
            closed[-1] = True
        if kind == _BEZIER:
            closed[-1] = closed[-1]  # curves are never rulings; their straight parts may be
    for pts, is_closed in zip(subpaths, closed):
        box = _as_rect(pts)
        if box is not None and (is_closed or filled or len(pts) >= 4):
            x0, y0, x1, y1 = box
            rect = {"x0": x0, "top": y0, "x1": x1, "bottom": y1, "fill": filled, "stroke": stroked}
            rect["dark"] = filled and _dark_fill(c, obj)
            data.rects.append(rect)
            continue
        if not stroked:
            continue
        for (ax, ay), (bx, by) in zip(pts, pts[1:] + ([pts[0]] if is_closed else [])):
            if abs(ax - bx) < 0.5 or abs(ay - by) < 0.5:
                data.lines.append(
                    {"x0": min(ax, bx), "x1": max(ax, bx), "top": min(ay, by), "bottom": max(ay, by)}
                )


def _dark_fill(c: Any, obj: Any) -> bool:
    rgba = [ctypes.c_uint() for _ in range(4)]
    if not c.FPDFPageObj_GetFillColor(obj, *rgba):
        return False
    r, g, b, a = (v.value for v in rgba)
    return a > 128 and 0.299 * r + 0.587 * g + 0.114 * b < 140


def _as_rect(pts: list[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """The box of a 4-corner axis-aligned subpath (5 points when it returns to the start)."""
    if len(pts) == 5 and abs(pts[0][0] - pts[4][0]) < 0.01 and abs(pts[0][1] - pts[4][1]) < 0.01:
        pts = pts[:4]
    if len(pts) != 4:
        return None
    xs = sorted({round(p[0], 2) for p in pts})
    ys = sorted({round(p[1], 2) for p in pts})
    if len(xs) > 2 or len(ys) > 2:
        return None
    for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1]):
        if abs(ax - bx) > 0.01 and abs(ay - by) > 0.01:
            return None  # a diagonal side: not an axis-aligned box
    return (xs[0], ys[0], xs[-1], ys[-1])
