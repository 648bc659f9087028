"""The one chart of the comparison appendix: last year vs this year, grouped bars."""

from __future__ import annotations

import io

from .compare import Change
from .fonts import shipped_fonts


def bar_chart_png(changes: list[Change], last_year: int, this_year: int) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    # Always the shipped font, never the machine's: the same chart everywhere, no missing glyphs.
    font = font_manager.FontProperties(fname=str(shipped_fonts().sans))
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
