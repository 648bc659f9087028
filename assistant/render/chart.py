"""The chart of the comparison appendix: last year vs this year, one panel per scale.

Counts in the thousands (行政许可、行政处罚) and in single digits (复议、诉讼) cannot share an
axis: the small bars would vanish. Figures are grouped so that within a panel the largest is
at most SCALE_RATIO times the smallest, each panel has its own axis, and every bar carries
its number, so each figure reads at print size (the chart prints 150 mm wide). Figures that
are 0 in both years go to the smallest panel.
"""

from __future__ import annotations

import io
from decimal import Decimal

from ..report.cells import format_number
from .compare import Change
from .fonts import shipped_fonts

SCALE_RATIO = 10
WIDTH_IN = 6.0  # about the printed width: font sizes below are sizes on paper
LAST_COLOR, THIS_COLOR = "#9aa7b8", "#b22222"


def _peak(change: Change) -> Decimal:
    return max(change.last, change.this)  # type: ignore[type-var]


def scale_groups(changes: list[Change]) -> list[list[Change]]:
    """Comparable figures in panels by scale (largest panel first, table order inside)."""
    shown = [c for c in changes if c.delta is not None]
    groups: list[list[Change]] = []
    for change in sorted(shown, key=_peak, reverse=True):
        # 0 in both years joins the smallest panel: shown as 0, never stretching an axis
        if groups and (_peak(change) * SCALE_RATIO >= _peak(groups[-1][0]) or not _peak(change)):
            groups[-1].append(change)
        else:
            groups.append([change])
    order = {c.label: i for i, c in enumerate(changes)}
    return [sorted(g, key=lambda c: order[c.label]) for g in groups]


def figure(changes: list[Change], last_year: int, this_year: int):
    """The matplotlib Figure (None when no figure is comparable)."""
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    groups = scale_groups(changes)
    if not groups:
        return None
    # Always the shipped font, never the machine's: the same chart everywhere, no missing glyphs.
    font = font_manager.FontProperties(fname=str(shipped_fonts().sans), size=9)
    rows = sum(len(g) for g in groups)
    fig = Figure(figsize=(WIDTH_IN, 0.9 + 0.48 * rows + 0.35 * len(groups)), dpi=200)
    axes = fig.subplots(len(groups), 1, squeeze=False, gridspec_kw={"height_ratios": [len(g) for g in groups]})
    height = 0.38
    for ax, group in zip(axes[:, 0], groups):
        ys = list(range(len(group)))[::-1]  # table order from the top
        last = [float(c.last) for c in group]  # type: ignore[arg-type]
        this = [float(c.this) for c in group]  # type: ignore[arg-type]
        bars_last = ax.barh([y + height / 2 for y in ys], last, height, color=LAST_COLOR, label=f"{last_year}年")
        bars_this = ax.barh([y - height / 2 for y in ys], this, height, color=THIS_COLOR, label=f"{this_year}年")
        for bars, group_values in ((bars_last, [c.last for c in group]), (bars_this, [c.this for c in group])):
            ax.bar_label(bars, labels=[format_number(v) for v in group_values], padding=3, fontproperties=font)
        ax.set_yticks(ys)
        ax.set_yticklabels([c.label for c in group], fontproperties=font)
        ax.set_xlim(0, max(max(last), max(this), 1) * 1.18)  # room for the numbers at the bar ends
        ax.tick_params(axis="x", labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle("主要数据对比" + ("（按数量级分栏，各栏刻度不同）" if len(groups) > 1 else ""), fontproperties=font)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    top = 1 - 0.62 / fig.get_figheight()  # title and legend take the first 0.62 inch
    fig.legend(handles, labels, prop=font, loc="upper center", bbox_to_anchor=(0.5, top + 0.3 / fig.get_figheight()),
               frameon=False, ncols=2)
    fig.tight_layout(rect=(0, 0, 1, top))
    return fig


def bar_chart_png(changes: list[Change], last_year: int, this_year: int) -> bytes | None:
    import matplotlib

    matplotlib.use("Agg")
    fig = figure(changes, last_year, this_year)
    if fig is None:
        return None
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
