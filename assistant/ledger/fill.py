"""Count 表三 from the ledger for one report year, and put the counts into the report.

For year Y (1 January .. 31 December):
  new         received in Y
  carried_in  received before Y and not answered before 1 January Y
  results     answered in Y, by result row
  carried_out received by 31 December Y and not answered by then
so new + carried_in = results_total + carried_out in every column by construction.
Rows are counted as they stream past; memory holds the counts, the 编号 seen (for
duplicates) and a few 编号 per column for explaining carry-over differences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NianbaoError
from ..report.cells import CellValue
from ..report.format import T3_APPLICANT_COLUMNS, FormatVersion, cell_specs, t3_rows
from ..report.model import Report
from .records import Application, Problem, ProblemLog, read_ledger
from .table import Place, ReadNotes
from .vocab import COL_RESULT, result_row
from .words import Words, load_words

EXPLAIN_IDS = 20  # 编号 kept per column to explain a carry-over difference


@dataclass
class Tally:
    year: int
    version: FormatVersion
    counts: dict[str, int] = field(default_factory=dict)  # t3 cell key -> count
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0  # non-empty ledger rows read
    used: int = 0  # applications that count in this year's table
    carried_in_ids: dict[str, list[str]] = field(default_factory=dict)  # column -> first 编号
    # answered in December of the year before: if last year's report still counted them as
    # open, their answer date may have been entered or changed afterwards
    late_answered_ids: dict[str, list[str]] = field(default_factory=dict)
    notes: ReadNotes | None = None  # sheets read and left out, hidden rows, columns chosen
    words: Words | None = None  # office words read, with counts

    def __post_init__(self) -> None:
        for row in t3_rows(self.version):
            for col in T3_APPLICANT_COLUMNS + ("total",):
                self.counts.setdefault(f"t3.{row.key}.{col}", 0)

    def _add(self, row: str, column: str) -> None:
        self.counts[f"t3.{row}.{column}"] += 1
        self.counts[f"t3.{row}.total"] += 1

    def add(self, app: Application) -> Problem | None:
        """Count one application; a Problem (and no count) when it cannot be counted."""
        start, end = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        answered_in_year = app.answered is not None and start <= app.answered <= end
        row = None
        if answered_in_year:
            assert app.result is not None
            row = result_row(app.result, self.version)
            if row is None:
                return Problem(
                    Place(app.place.sheet, app.place.row, COL_RESULT),
                    f"「其他处理」是 2019 版格式的结果；{self.year} 年度用 2021 版格式，"
                    "请改填具体情形（逾期不补正 / 逾期未缴费 / 其他）",
                    "result:2019-other",
                )
        col = app.applicant
        counted = False
        if start <= app.received <= end:
            self._add("new", col)
            counted = True
        elif app.received < start and (app.answered is None or app.answered >= start):
            self._add("carried_in", col)
            ids = self.carried_in_ids.setdefault(col, [])
            if len(ids) < EXPLAIN_IDS:
                ids.append(app.id)
            counted = True
        elif app.answered is not None and dt.date(self.year - 1, 12, 1) <= app.answered < start:
            ids = self.late_answered_ids.setdefault(col, [])
            if len(ids) < EXPLAIN_IDS:
                ids.append(app.id)
        if row is not None:
            self._add(row, col)
            self._add("results_total", col)
        if app.open_at(end):
            self._add("carried_out", col)
        self.used += counted
        return None

    def cells(self) -> dict[str, CellValue]:
        return {k: CellValue.of(v) for k, v in self.counts.items()}


def tally(applications: Iterable[Application], year: int, version: FormatVersion | None = None) -> Tally:
    """Count already-read applications (no file involved)."""
    t = Tally(year, version or FormatVersion.for_year(year))
    for app in applications:
        problem = t.add(app)
        if problem:
            t.problems.append(problem)
    return t


def count_ledger(
    path: str | Path,
    year: int,
    version: FormatVersion | None = None,
    *,
    words: Words | None = None,
    include_hidden: bool = False,
    sheets: tuple[str, ...] = (),
) -> Tally:
    """Stream the ledger file and count it; bad rows go to `problems` and are not counted.
    What was read and left out (sheets, hidden rows, words mapped) is in `notes`/`words`."""
    t = Tally(year, version or FormatVersion.for_year(year))
    t.notes = ReadNotes(Path(path).name)
    t.words = words if words is not None else load_words(Path(path))
    log = ProblemLog()
    for app, problems in read_ledger(path, notes=t.notes, words=t.words, include_hidden=include_hidden, sheets=sheets):
        t.rows += 1
        if problems:
            log.extend(problems)
            continue
        if app is None:  # a void entry (words file: 不计入), counted in `words`
            continue
        problem = t.add(app)
        if problem:
            log.add(problem)
    t.problems = log.problems()
    return t


@dataclass(frozen=True)
class Difference:
    key: str
    label: str
    old: CellValue
    new: CellValue

    def text(self) -> str:
        return f"{self.label}：报告中为 {self.old.display() or '（空白）'}，按台账计算为 {self.new.display()}"


def differences(report: Report, computed: dict[str, CellValue]) -> list[Difference]:
    """Cells already filled in the report (not blank) whose value differs from the computed one."""
    specs = cell_specs(report.format)
    out = []
    for key, new in computed.items():
        old = report.cells[key]
        if old.is_blank or (old.number is not None and old.number == new.number):
            continue
        out.append(Difference(key, specs[key].label, old, new))
    return out


def apply(
    report: Report,
    computed: dict[str, CellValue],
    *,
    source: str,
    overwrite: bool = False,
) -> list[Difference]:
    """Write the computed cells into the report (with provenance); refuses to change
    hand-entered cells unless `overwrite`. Returns the cells that were changed from a value."""
    diffs = differences(report, computed)
    if diffs and not overwrite:
        raise NianbaoError(
            f"报告中已有 {len(diffs)} 个单元格与按{source}计算的结果不同，未写入。"
            "确认以计算结果为准时，请加 --overwrite",
            file=None,
            details=[d.text() for d in diffs],
        )
    for key, value in computed.items():
        report.set(key, value)
        report.provenance[key] = {"kind": "computed", "from": source}
    return diffs
