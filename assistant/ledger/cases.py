"""The cases file for 表四: one row per 行政复议 / 行政诉讼 case.

Columns: 编号, 类型 (行政复议 / 直接起诉 / 复议后起诉), 结果 (维持 / 纠正 / 其他 / 尚未审结);
optional 年度: when the column is there, only rows of the report year count (so one file
can hold several years); without it every row counts for the report being filled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..report.cells import CellValue
from ..report.format import T4_BLOCKS, T4_COLUMNS
from .records import Problem, id_text
from .table import iter_rows
from .vocab import (
    CASE_COLUMNS,
    CASE_ID,
    CASE_KIND,
    CASE_KINDS,
    CASE_RESULT,
    CASE_RESULTS,
    CASE_YEAR,
    case_kind_key,
    case_result_key,
)


@dataclass
class CaseTally:
    year: int
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    used: int = 0

    def __post_init__(self) -> None:
        for block, _ in T4_BLOCKS:
            for col, _ in T4_COLUMNS:
                self.counts.setdefault(f"t4.{block}.{col}", 0)

    def cells(self) -> dict[str, CellValue]:
        return {k: CellValue.of(v) for k, v in self.counts.items()}


def _year(value: object) -> int | None:
    text = id_text(value).removesuffix("年").removesuffix("年度")
    return int(text) if text.isdigit() and len(text) == 4 else None


def count_cases(path: str | Path, year: int) -> CaseTally:
    tally = CaseTally(year)
    seen: dict[str, str] = {}
    for row in iter_rows(path, CASE_COLUMNS, "复议诉讼案件表"):
        tally.rows += 1
        before = len(tally.problems)

        def bad(column: str, message: str) -> None:
            tally.problems.append(Problem(row.place(column), message))

        case_id = id_text(row.values.get(CASE_ID))
        if not case_id:
            bad(CASE_ID, "编号为空")
        elif case_id in seen:
            bad(CASE_ID, f"编号「{case_id}」重复，{seen[case_id]}已有同一编号")
        else:
            seen[case_id] = row.place().text()
        kind_text, result_text = row.text(CASE_KIND), row.text(CASE_RESULT)
        kind, result = case_kind_key(kind_text), case_result_key(result_text)
        if kind is None:
            bad(CASE_KIND, f"不认识的类型「{kind_text}」（可填：{'、'.join(CASE_KINDS.values())}）")
        if result is None:
            bad(CASE_RESULT, f"不认识的结果「{result_text}」（可填：{'、'.join(CASE_RESULTS.values())}）")
        in_year = True
        if CASE_YEAR in row.values:
            case_year = _year(row.values.get(CASE_YEAR))
            if case_year is None:
                bad(CASE_YEAR, f"「{row.text(CASE_YEAR)}」不是年度（应为四位年份，如 {year}）")
            in_year = case_year == year
        if len(tally.problems) > before or not in_year:
            continue
        tally.counts[f"t4.{kind}.{result}"] += 1
        tally.counts[f"t4.{kind}.total"] += 1
        tally.used += 1
    return tally
