"""The Chinese fonts the install itself provides, for the PDF and the charts.

A fresh machine may have no CJK font at all (Debian's font packages are not something a
pip install brings), so the PDF and the charts never rely on the system: they embed the
Noto fonts shipped in the PyPI package `pylopdf-fonts-zh-cn` (SIL Open Font License 1.1),
a main dependency. Nothing is downloaded at run time. Without it rendering stops with a
clear message rather than writing a page of empty boxes.

Stand-ins for the faces GB/T 9704 names (Noto has no 仿宋 or 楷体 design; no open-licence
仿宋/楷体 font is published on PyPI): 宋体/仿宋/楷体 → Noto Serif SC, 黑体 → Noto Sans SC.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import NianbaoError

PACKAGE = "pylopdf-fonts-zh-cn"
MISSING = (
    f"找不到随安装提供的中文字体（Python 包 {PACKAGE}），输出的 PDF 和图表中的中文会显示为方框，因此不输出。"
    f"请运行：pip install '{PACKAGE}'（或重新安装 nianbao）"
)
SERIF_FAMILY = "Nianbao Serif SC"  # the names the PDF stylesheet uses for the shipped files
SANS_FAMILY = "Nianbao Sans SC"


@dataclass(frozen=True)
class ShippedFonts:
    serif: Path  # Noto Serif SC: title, body, （一） headings, tables, page numbers
    sans: Path  # Noto Sans SC: 一、 headings, charts, the draft mark

    def css(self) -> str:
        """@font-face rules binding the stylesheet's family names to the shipped files."""
        return "".join(
            f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); }}\n'
            for family, path in ((SERIF_FAMILY, self.serif), (SANS_FAMILY, self.sans))
        )

    @property
    def urls(self) -> frozenset[str]:
        return frozenset({self.serif.as_uri(), self.sans.as_uri()})


@cache
def shipped_fonts() -> ShippedFonts:
    try:
        import pylopdf_fonts_zh_cn as package
    except ImportError as exc:
        raise NianbaoError(MISSING) from exc
    fonts = ShippedFonts(serif=package.serif_path(), sans=package.sans_path())
    missing = [str(p) for p in (fonts.serif, fonts.sans) if not p.is_file()]
    if missing:
        raise NianbaoError(MISSING, details=[f"缺少字体文件：{p}" for p in missing])
    return fonts


@cache
def dash_top_in_line(size_pt: float) -> float:
    """Where the top of the 一字线 (U+2014) of the shipped serif sits below the top of a line
    box of `size_pt` height set in that font at `size_pt` (CSS half-leading), in points."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    font = TTFont(shipped_fonts().serif, lazy=True)
    units = font["head"].unitsPerEm
    ascent, descent = font["hhea"].ascent / units, -font["hhea"].descent / units
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[0x2014]].draw(pen)
    dash_top = pen.bounds[3] / units
    baseline = (size_pt - (ascent + descent) * size_pt) / 2 + ascent * size_pt
    return baseline - dash_top * size_pt
