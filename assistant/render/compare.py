"""Year-over-year changes of the main figures, computed from the two reports' cells.

Only cells are used; a change is computed only when both years hold a number, and a
percentage only when last year's figure is not zero. Nothing is estimated.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..report.cells import CellValue, format_number
from ..report.model import Report

# (label, cell keys summed) — keys present in both format versions.
MAIN_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("本年新收政府信息公开申请", ("t3.new.total",)),
    ("上年结转申请", ("t3.carried_in.total",)),
    ("予以公开", ("t3.granted.total",)),
    ("部分公开", ("t3.partly_granted.total",)),
    ("办理结果总计", ("t3.results_total.total",)),
    ("结转下年度继续办理", ("t3.carried_out.total",)),
    ("行政许可处理决定", ("t2.licensing.decisions",)),
    ("行政处罚处理决定", ("t2.punishment.decisions",)),
    ("行政复议", ("t4.review.total",)),
    ("行政诉讼", ("t4.suit_direct.total", "t4.suit_after_review.total")),
)


@dataclass(frozen=True)
class Change:
    label: str
    last: Decimal | None
    this: Decimal | None
    last_text: str = ""  # as printed in the report ("/" stays "/", blank stays "")
    this_text: str = ""

    @property
    def delta(self) -> Decimal | None:
        if self.last is None or self.this is None:
            return None
        return self.this - self.last

    @property
    def percent(self) -> Decimal | None:
        if self.delta is None or not self.last:
            return None
        return (self.delta * 100 / self.last).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def show(self, value: Decimal | None) -> str:
        if value is not None:
            return format_number(value)
        return (self.last_text if value is self.last else self.this_text) or "—"

    @property
    def delta_text(self) -> str:
        d = self.delta
        if d is None:
            return "无法比较"
        return ("+" if d > 0 else "") + format_number(d)

    @property
    def percent_text(self) -> str:
        p = self.percent
        if p is None:
            return "—"
        return ("+" if p > 0 else "") + format_number(p) + "%"


def _sum(report: Report, keys: tuple[str, ...]) -> tuple[Decimal | None, str]:
    """The figure and how it is printed; no number when any cell is blank or n/a."""
    values: list[CellValue] = [report.cells.get(k, CellValue()) for k in keys]
    if any(not v.is_number for v in values):
        marks = {v.display() for v in values if not v.is_number}
        return None, marks.pop() if len(marks) == 1 and len(values) == 1 else ""
    total = sum((v.number for v in values), Decimal(0))  # type: ignore[misc]
    return total, format_number(total)


def changes(report: Report, previous: Report) -> list[Change]:
    out = []
    for label, keys in MAIN_FIGURES:
        (last, last_text), (this, this_text) = _sum(previous, keys), _sum(report, keys)
        out.append(Change(label, last, this, last_text, this_text))
    return out


def appendix_title(report: Report, previous: Report) -> str:
    return f"附：{report.year}年与{previous.year}年主要数据对比"


@dataclass(frozen=True)
class Appendix:
    title: str
    last_year: int
    this_year: int
    changes: list[Change]
    chart_png: bytes | None

    @property
    def chart(self) -> str | None:
        """The chart as base64 for an embedded data: URL."""
        import base64

        return base64.b64encode(self.chart_png).decode("ascii") if self.chart_png else None
