"""fill: 表三 from the office's register (and 表四 from its cases file) into a report file.

The policy lives here, not in the CLI: bad rows refuse the fill unless the caller asks to
skip them; cells already filled with another number refuse it unless the caller asks to
overwrite; the filled report is checked for arithmetic and, with last year's report, for
carry-over. Nothing is written when the fill is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NianbaoError
from ..ledger.carry import carry_over_findings, check_previous
from ..ledger.cases import CaseTally, count_cases
from ..ledger.fill import Difference, apply, count_ledger, differences
from ..ledger.words import load_words
from ..report.io import read_report, write_report
from ..settings import Settings
from ..validate import Finding, blocking, validate

ARITHMETIC = {"T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE", "T4-BLOCK-TOTAL"}


@dataclass(frozen=True)
class FillRequest:
    report: Path
    ledger: Path
    cases: Path | None = None
    previous: Path | None = None  # last year's report: carry-over check
    skip_bad_rows: bool = False
    overwrite: bool = False
    output: Path | None = None  # default: write back into `report`
    include_hidden: bool = False  # count hidden sheets and rows too
    words: Path | None = None  # the office's own words; default 台账用语.csv beside the ledger
    sheets: tuple[str, ...] = ()  # read only these sheets of the ledger (default: every register sheet)


@dataclass
class FillResult:
    year: int
    ledger_rows: int  # non-empty register rows read
    new: int  # 本年新收 (total)
    carried_in: int
    answered: int  # 办结 (results total)
    carried_out: int
    case_rows: int | None = None  # None: no cases file given
    cases_used: int | None = None
    skipped: list[str] = field(default_factory=list)  # problem rows left out (file, sheet, row, column)
    overwritten: list[Difference] = field(default_factory=list)  # cells changed from another number
    findings: list[Finding] = field(default_factory=list)
    previous_year: int | None = None
    written: Path | None = None
    ledger_notes: list[str] = field(default_factory=list)  # sheets read/left out, hidden rows, columns
    case_notes: list[str] = field(default_factory=list)
    words_mapped: list[str] = field(default_factory=list)  # 「个人」按「自然人」计 35 行 …

    @property
    def blocking(self) -> bool:
        return blocking(self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.blocking else 0


def fill(settings: Settings, request: FillRequest) -> FillResult:

    target = read_report(request.report)
    last = read_report(request.previous) if request.previous is not None else None
    if last is not None:
        check_previous(target, last)

    words = load_words(Path(request.ledger), request.words)
    tally = count_ledger(
        request.ledger,
        target.year,
        target.format,
        words=words,
        include_hidden=request.include_hidden,
        sheets=tuple(request.sheets),
    )
    case_tally = (
        count_cases(request.cases, target.year, include_hidden=request.include_hidden)
        if request.cases is not None
        else None
    )
    problems = [(request.ledger, p) for p in tally.problems]
    if case_tally is not None:
        problems += [(request.cases, p) for p in case_tally.problems]
    lines = [f"{Path(f).name} {p.text()}" for f, p in problems]
    if problems and not request.skip_bad_rows:
        raise NianbaoError(
            f"有 {len(problems)} 处问题，报告未写入。请改正后重试，或加 --skip-bad-rows 跳过这些行：",
            details=lines,
        )

    computed = tally.cells()
    if case_tally is not None:
        computed.update(case_tally.cells())
    diffs = differences(target, computed)
    if diffs and not request.overwrite:
        raise NianbaoError(
            f"报告中已填的 {len(diffs)} 个单元格与按台账计算的结果不同，报告未写入。"
            "确认以台账为准时，请加 --overwrite：",
            details=[d.text() for d in diffs],
        )
    apply(target, tally.cells(), source=f"台账 {Path(request.ledger).name}", overwrite=True)
    if case_tally is not None:
        apply(target, case_tally.cells(), source=f"案件表 {Path(request.cases).name}", overwrite=True)

    findings = validate(target, codes=ARITHMETIC)
    if last is not None:
        findings += carry_over_findings(target, last, tally)
    written = request.output or request.report
    write_report(target, written)

    c = tally.counts
    return FillResult(
        year=target.year,
        ledger_rows=tally.rows,
        new=c["t3.new.total"],
        carried_in=c["t3.carried_in.total"],
        answered=c["t3.results_total.total"],
        carried_out=c["t3.carried_out.total"],
        case_rows=case_tally.rows if case_tally is not None else None,
        cases_used=case_tally.used if case_tally is not None else None,
        skipped=lines if problems else [],
        overwritten=diffs,
        findings=findings,
        previous_year=last.year if last is not None else None,
        written=Path(written),
        ledger_notes=tally.notes.lines() if tally.notes else [],
        case_notes=_case_notes(case_tally) if case_tally is not None else [],
        words_mapped=words.lines(),
    )


def _case_notes(tally: CaseTally) -> list[str]:
    notes = tally.notes.lines() if tally.notes else []
    if tally.year_from is None and tally.rows:
        notes.append(f"没有「年度」或「收案日期」列：全部 {tally.used} 件计入 {tally.year} 年度")
    elif tally.year_from is not None:
        notes.append(f"案件按「{tally.year_from}」计入年度")
    return notes
