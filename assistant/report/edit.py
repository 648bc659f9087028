"""Cells entered by a person: parse, check against the format, apply, and say what changed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..errors import NianbaoError
from .cells import TOO_LONG, CellValue, cell_problems, number_in_bounds
from .format import cell_specs, version_of_key
from .io import parse_cell_value
from .model import Report


@dataclass(frozen=True)
class CellChange:
    key: str
    label: str
    old: CellValue
    new: CellValue


def parse_assignment(text: str) -> tuple[str, str]:
    """`t2.rules.issued=3` -> (key, "3")."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise NianbaoError(f"「{text}」应写成 单元格键=数值，如 t2.rules.issued=3")
    return key.strip(), value.strip()


def apply_cells(report: Report, values: dict[str, Any], origin: str = "命令行") -> list[CellChange]:
    """Apply person-entered values; all are checked (each cell's own checks too) before any is applied."""
    specs = cell_specs(report.format)
    parsed: dict[str, CellValue] = {}
    problems: list[str] = []
    for key, raw in values.items():
        if key not in specs:
            other = [v.value for v in version_of_key(key)]
            if other:
                problems.append(f"「{key}」属于 {other[0]} 版格式，本报告是 {report.format.value} 版格式")
            else:
                close = difflib.get_close_matches(key, list(specs), n=1)
                problems.append(f"未知的单元格「{key}」" + (f"，是否应为「{close[0]}」？" if close else ""))
            continue
        if isinstance(raw, str) and raw.lower() in ("", "null", "空", "空白"):
            raw = None
        cell = parse_cell_value(raw)
        if cell is None:
            problems.append(f"「{key}」（{specs[key].label}）的值「{raw}」不是数字，也不是空白或“/”")
            continue
        wrong = cell_problems(specs[key].kind, cell) if number_in_bounds(cell.number or Decimal(0)) else [TOO_LONG]
        if wrong:
            problems.append(f"「{key}」（{specs[key].label}）的值「{cell.display()}」：{'；'.join(wrong)}")
            continue
        parsed[key] = cell
    if problems:
        raise NianbaoError(f"{origin}中有 {len(problems)} 处无法填写，报告未改动", details=problems)
    changes = []
    for key, cell in parsed.items():
        old = report.cell(key)
        if old != cell:
            changes.append(CellChange(key, specs[key].label, old, cell))
            report.set(key, cell)
    return changes
