"""The cases file for 表四: one row per 行政复议 / 行政诉讼 case.

Columns: 编号, 类型 (行政复议 / 直接起诉 / 复议后起诉), 结果 (维持 / 纠正 / 其他 / 尚未审结);
optional 年度 or 收案日期: when one is there, only cases of the report year count (so one file
can hold several years; 年度 wins over the date); without either every row counts for the
report being filled, and the summary says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..report.cells import CellValue
from ..report.format import T4_BLOCKS, T4_COLUMNS
from .dates import NotADate, parse_date
from .headers import CASE_FIELDS
from .records import Problem, ProblemLog, id_text
from .table import ReadNotes, iter_rows
from .vocab import (
    CASE_DATE,
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
    notes: ReadNotes | None = None
    year_from: str | None = None  # 年度 / 收案日期 / None: every row counts

    def __post_init__(self) -> None:
        for block, _ in T4_BLOCKS:
            for col, _ in T4_COLUMNS:
                self.counts.setdefault(f"t4.{block}.{col}", 0)

    def cells(self) -> dict[str, CellValue]:
        return {k: CellValue.of(v) for k, v in self.counts.items()}


def _year(value: object) -> int | None:
    text = id_text(value).removesuffix("年").removesuffix("年度")
    return int(text) if text.isdigit() and len(text) == 4 else None


def count_cases(path: str | Path, year: int, *, include_hidden: bool = False) -> CaseTally:
    tally = CaseTally(year)
    tally.notes = ReadNotes(Path(path).name)
    log = ProblemLog()
    seen: dict[str, str] = {}
    for row in iter_rows(path, CASE_FIELDS, "复议诉讼案件表", tally.notes, include_hidden):
        tally.rows += 1
        problems: list[Problem] = []

        def bad(column: str, message: str, group: str | None = None) -> None:
            problems.append(Problem(row.place(column), message, group))

        case_id = id_text(row.values.get(CASE_ID))
        key = f"{row.sheet}\x00{case_id}" if CASE_ID in row.per_sheet else case_id
        if not case_id:
            bad(CASE_ID, "编号为空")
        elif key in seen:
            bad(CASE_ID, f"编号「{case_id}」重复，{seen[key]}已有同一编号")
        else:
            seen[key] = row.place().text()
        kind_text, result_text = row.text(CASE_KIND), row.text(CASE_RESULT)
        kind, result = case_kind_key(kind_text), case_result_key(result_text)
        if kind is None:
            bad(CASE_KIND, f"不认识的类型「{kind_text}」（可填：{'、'.join(CASE_KINDS.values())}）", f"kind:{kind_text}")
        if result is None:
            bad(
                CASE_RESULT,
                f"不认识的结果「{result_text}」（可填：{'、'.join(CASE_RESULTS.values())}）",
                f"result:{result_text}",
            )
        in_year = True
        if CASE_YEAR in row.values:
            tally.year_from = CASE_YEAR
            case_year = _year(row.values.get(CASE_YEAR))
            if case_year is None:
                bad(CASE_YEAR, f"「{row.text(CASE_YEAR)}」不是年度（应为四位年份，如 {year}）")
            in_year = case_year == year
        elif CASE_DATE in row.values:
            tally.year_from = CASE_DATE
            try:
                day = parse_date(row.values.get(CASE_DATE))
            except NotADate as exc:
                day = None
                bad(CASE_DATE, f"「{exc}」不是日期（应为日期格式，或写成 {year}-03-15）")
            else:
                if day is None:
                    bad(CASE_DATE, "收案日期为空（按收案日期的年度计入表四）")
            in_year = day is not None and day.year == year
        log.extend(problems)
        if problems or not in_year:
            continue
        tally.counts[f"t4.{kind}.{result}"] += 1
        tally.counts[f"t4.{kind}.total"] += 1
        tally.used += 1
    tally.problems = log.problems()
    return tally
