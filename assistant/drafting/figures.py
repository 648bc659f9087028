"""The figures a draft may state: table cells, derived values, staff facts.

Every figure has a placeholder key; the model writes `{{key}}` and `placeholders.py`
substitutes `Figure.text`. Derived values are computed here, deterministically:

- group totals (总计 column): `derived.t3.disclosed.total` (予以公开 + 部分公开),
  `derived.t3.refused.total`, `derived.t3.unable.total`, `derived.t3.not_processed.total`,
  `derived.t3.other.total` (2021 format: the three 其他处理 rows),
  `derived.t3.new.organizations` (法人或其他组织: the five organisation columns),
  `derived.t4.suit.<column>` (行政诉讼 = 直接起诉 + 复议后起诉);
- shares: `derived.t3.<row>.total.share` = that result row (or group) / （七）总计, in %;
- 同比 against last year, for the 总计 column of 表三, every 表二 cell and the 表四 totals:
  `derived.<key>.previous`, `.change` (signed), `.change_abs`, `.pct_change` (signed %),
  `.pct_change_abs` (%; only when last year's value is not 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from ..report.cells import format_number
from ..report.format import T3_APPLICANT_COLUMNS, T4_COLUMNS, cell_specs, t3_rows
from ..report.model import Report
from .facts import Fact

Family = Literal["count", "money", "percent"]
Origin = Literal["cell", "derived", "fact", "ledger"]

MONEY_UNITS = ("万元", "元", "亿元")


@dataclass(frozen=True)
class Figure:
    key: str
    value: Decimal
    family: Family
    origin: Origin
    description: str
    unit: str = ""

    @property
    def text(self) -> str:
        """As substituted: integers plain, money with its decimals, percentages 0.0%."""
        if self.family == "percent":
            if self.origin == "fact":  # as the office meant it: 100 or 100.0 -> 100%, 99.50 -> 99.5%
                value = self.value
                trimmed = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
                return f"{format_number(trimmed)}%"
            return f"{format_number(self.value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP))}%"
        return format_number(self.value)

    def to_json(self) -> dict:
        return {"key": self.key, "value": self.text, "origin": self.origin, "description": self.description}

    def to_record(self) -> dict:
        """As kept with a written section: enough to re-check it, or to stand for it (facts, ledger)."""
        return {"key": self.key, "value": format_number(self.value), "family": self.family, "origin": self.origin,
                "unit": self.unit, "description": self.description}

    @classmethod
    def from_record(cls, record: dict) -> "Figure":
        return cls(str(record["key"]), Decimal(str(record["value"])), record.get("family", "count"),
                   record.get("origin", "fact"), str(record.get("description", "")), str(record.get("unit", "")))


class FigureSet:
    """Ordered figures by key, with the report year and last year for the year check."""

    def __init__(self, figures: Iterable[Figure], year: int):
        self.by_key: dict[str, Figure] = {f.key: f for f in figures}
        self.year = year

    def __contains__(self, key: str) -> bool:
        return key in self.by_key

    def __getitem__(self, key: str) -> Figure:
        return self.by_key[key]

    def __iter__(self):
        return iter(self.by_key.values())

    def __len__(self) -> int:
        return len(self.by_key)

    def add(self, figure: Figure) -> None:
        self.by_key[figure.key] = figure

    def get(self, key: str) -> Figure | None:
        return self.by_key.get(key)

    def value(self, key: str) -> Decimal | None:
        f = self.by_key.get(key)
        return f.value if f else None

    def select(self, prefixes: Iterable[str]) -> list[Figure]:
        prefixes = tuple(prefixes)
        return [f for f in self.by_key.values() if f.key.startswith(prefixes)]


_GROUPS = {
    "disclosed": ("（一）予以公开与（二）部分公开合计", ("granted", "partly_granted")),
    "refused": ("（三）不予公开合计", None),
    "unable": ("（四）无法提供合计", None),
    "not_processed": ("（五）不予处理合计", None),
    "other": ("（六）其他处理合计", None),
}


def _group_rows(report: Report, group: str) -> list[str]:
    fixed = _GROUPS[group][1]
    if fixed:
        return list(fixed)
    return [r.key for r in t3_rows(report.format) if r.key.startswith(f"{group}.")]


def _cell_figures(report: Report) -> list[Figure]:
    out = []
    for key, spec in cell_specs(report.format).items():
        value = report.number(key)
        if value is None:
            continue
        family: Family = "money" if spec.kind == "money" else "count"
        unit = "万元" if key == "t2.fees.amount" else ""
        out.append(Figure(key, value, family, "cell", spec.label, unit))
    return out


def _sum(report: Report, keys: list[str]) -> Decimal | None:
    values = [report.number(k) for k in keys]
    if not values or any(v is None for v in values):
        return None
    return sum(values, Decimal(0))


def _derived_values(report: Report) -> dict[str, tuple[Decimal, str]]:
    """Group totals of one report: key -> (value, description)."""
    out: dict[str, tuple[Decimal, str]] = {}
    for group, (label, _) in _GROUPS.items():
        rows = _group_rows(report, group)
        if not rows:  # 2019 format: 其他处理 is a single row, i.e. a cell, not a group
            continue
        total = _sum(report, [f"t3.{r}.total" for r in rows])
        if total is not None:
            out[f"derived.t3.{group}.total"] = (total, f"表三{label}（总计列）")
    orgs = _sum(report, [f"t3.new.{c}" for c in T3_APPLICANT_COLUMNS if c != "natural"])
    if orgs is not None:
        out["derived.t3.new.organizations"] = (orgs, "表三本年新收申请中法人或其他组织合计")
    for col, col_label in T4_COLUMNS:
        suit = _sum(report, [f"t4.suit_direct.{col}", f"t4.suit_after_review.{col}"])
        if suit is not None:
            out[f"derived.t4.suit.{col}"] = (suit, f"表四行政诉讼（直接起诉与复议后起诉合计）「{col_label}」")
    return out


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _yoy_keys(report: Report) -> list[str]:
    keys = [f"t3.{r.key}.total" for r in t3_rows(report.format)]
    keys += [k for k in cell_specs(report.format) if k.startswith("t2.")]
    keys += ["t4.review.total", "t4.suit_direct.total", "t4.suit_after_review.total"]
    return keys


def build_figures(report: Report, previous: Report | None = None, facts: Iterable[Fact] = ()) -> FigureSet:
    figures = _cell_figures(report)
    derived = _derived_values(report)
    figures += [Figure(k, v, "count", "derived", d) for k, (v, d) in derived.items()]

    # Shares of the results total.
    results_total = report.number("t3.results_total.total")
    if results_total:
        share_keys = [f"t3.{r.key}.total" for r in t3_rows(report.format) if r.is_result]
        share_keys += [k.removeprefix("derived.") for k in derived if k.startswith("derived.t3.") and k.endswith(".total")]
        for key in share_keys:
            value = report.number(key) if key in report.cells else derived.get(f"derived.{key}", (None,))[0]
            if value is not None:
                figures.append(
                    Figure(f"derived.{key}.share", _percent(value, results_total), "percent", "derived",
                           f"{_describe(report, key, derived)}占办理结果总计的比例")
                )

    # 同比 against last year.
    if previous is not None:
        prev_derived = _derived_values(previous)
        yoy = _yoy_keys(report) + [k.removeprefix("derived.") for k in derived]
        for key in yoy:
            now = report.number(key) if key in report.cells else derived.get(f"derived.{key}", (None,))[0]
            if key in previous.cells:
                before = previous.number(key)
            else:
                before = prev_derived.get(f"derived.{key}", (None,))[0]
            if now is None or before is None:
                continue
            family: Family = "money" if key == "t2.fees.amount" else "count"
            what = _describe(report, key, derived)
            change = now - before
            base = f"derived.{key}"
            figures += [
                Figure(f"{base}.previous", before, family, "derived", f"上年{what}"),
                Figure(f"{base}.change", change, family, "derived", f"{what}同比增减（负数为减少）"),
                Figure(f"{base}.change_abs", abs(change), family, "derived", f"{what}同比增减的绝对值"),
            ]
            if before != 0:
                pct = _percent(change, before)
                figures += [
                    Figure(f"{base}.pct_change", pct, "percent", "derived", f"{what}同比变化百分比（负数为下降）"),
                    Figure(f"{base}.pct_change_abs", abs(pct), "percent", "derived", f"{what}同比变化百分比的绝对值"),
                ]

    for fact in facts:
        unit = fact.unit
        family: Family = "money" if unit in MONEY_UNITS else "percent" if unit in ("%", "％") else "count"
        figures.append(Figure(f"fact.{fact.key}", fact.value, family, "fact", fact.description or fact.key, unit))
    return FigureSet(figures, report.year)


def _describe(report: Report, key: str, derived: dict[str, tuple[Decimal, str]]) -> str:
    specs = cell_specs(report.format)
    if key in specs:
        return specs[key].label
    return derived.get(f"derived.{key}", (None, key))[1]
