"""The comparison chart groups figures by scale, so small counts stay readable beside large ones."""

from __future__ import annotations

import io
from decimal import Decimal

from PIL import Image

from assistant.render.chart import SCALE_RATIO, bar_chart_png, figure, scale_groups
from assistant.render.compare import Change


def change(label: str, last: int, this: int) -> Change:
    return Change(label, Decimal(last), Decimal(this))


CHANGES = [
    change("本年新收政府信息公开申请", 12, 20),
    change("上年结转申请", 0, 0),
    change("予以公开", 5, 9),
    change("行政许可处理决定", 3200, 2900),
    change("行政处罚处理决定", 1500, 1800),
    change("行政复议", 3, 1),
    change("行政诉讼", 0, 2),
]


def peak(c: Change) -> Decimal:
    return max(c.last, c.this)


def test_thousands_and_single_digits_never_share_a_panel():
    groups = scale_groups(CHANGES)
    assert [[c.label for c in g] for g in groups] == [
        ["行政许可处理决定", "行政处罚处理决定"],
        ["本年新收政府信息公开申请", "上年结转申请", "予以公开", "行政复议", "行政诉讼"],
    ]
    for group in groups:
        nonzero = [peak(c) for c in group if peak(c)]
        assert max(nonzero) <= SCALE_RATIO * min(nonzero)


def test_every_bar_is_visible_and_carries_its_number():
    fig = figure(CHANGES, 2021, 2022)
    assert len(fig.axes) == 2
    for ax in fig.axes:
        widths = [patch.get_width() for patch in ax.patches]
        right = ax.get_xlim()[1]
        assert all(w == 0 or w / right >= 1 / (SCALE_RATIO * 1.2 * 3) for w in widths)  # 1 of 20: still a bar
        numbers = [t.get_text() for t in ax.texts]
        assert len(numbers) == len(widths)
    small = [t.get_text() for t in fig.axes[1].texts]
    assert {"3", "1", "0", "2", "5", "9"} <= set(small)


def test_png_prints_at_full_resolution():
    png = bar_chart_png(CHANGES, 2021, 2022)
    width, height = Image.open(io.BytesIO(png)).size
    assert width >= 1100  # 200 dpi over about 150 mm
    assert bar_chart_png([Change("行政复议", None, Decimal(1))], 2021, 2022) is None  # nothing comparable
