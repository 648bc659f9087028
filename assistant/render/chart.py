"""The one chart of the comparison appendix: last year vs this year, grouped bars."""

from __future__ import annotations

import io
from functools import cache

from .compare import Change

_CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC")


@cache
def cjk_font_path() -> str | None:
    """A CJK font installed on this machine (none downloaded), via matplotlib's font list."""
    from matplotlib import font_manager

    for family in _CJK_FAMILIES:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            continue
        if path:
            return path
    for path in font_manager.findSystemFonts():
        if "CJK" in path or "wqy" in path.lower():
            return path
    return None


def bar_chart_png(changes: list[Change], last_year: int, this_year: int) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    font_path = cjk_font_path()
    font = font_manager.FontProperties(fname=font_path) if font_path else None
    shown = [c for c in changes if c.last is not None and c.this is not None]
    fig = Figure(figsize=(7.2, 3.6), dpi=120)
    ax = fig.add_subplot()
    xs = range(len(shown))
    width = 0.38
    ax.bar([x - width / 2 for x in xs], [float(c.last) for c in shown], width, label=f"{last_year}年", color="#9aa7b8")
    ax.bar([x + width / 2 for x in xs], [float(c.this) for c in shown], width, label=f"{this_year}年", color="#b22222")
    ax.set_xticks(list(xs))
    ax.set_xticklabels([c.label for c in shown], rotation=30, ha="right", fontproperties=font, fontsize=8)
    ax.set_title("主要数据对比", fontproperties=font)
    ax.legend(prop=font)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
