"""X-CARRY-OVER for a filled report: this year's 上年结转 (from the ledger) against last
year's printed 结转下年度继续办理, per column, with the 编号 that make up the ledger's count."""

from __future__ import annotations

from ..errors import NianbaoError
from ..report.format import T3_COLUMNS
from ..report.model import Report
from ..validate import Finding
from ..validate.rules.x_carry_over import carry_over_finding, previous_blank_finding
from .fill import EXPLAIN_IDS, Tally


def check_previous(report: Report, previous: Report) -> None:
    if previous.year != report.year - 1:
        raise NianbaoError(
            f"--previous 给的是 {previous.year} 年度的报告，本报告是 {report.year} 年度，"
            f"应给 {report.year - 1} 年度的报告"
        )


def carry_over_findings(report: Report, previous: Report, tally: Tally) -> list[Finding]:
    """X-CARRY-OVER per column, explained by the 编号 of the applications the ledger counts."""
    findings = []
    blank = []
    for col, _ in T3_COLUMNS:
        now = tally.counts[f"t3.carried_in.{col}"]
        last = previous.number(f"t3.carried_out.{col}")
        if last is None:
            blank.append((col, now))  # nothing to compare: said once, as validate says it
            continue
        if last == now:
            continue
        explanation = ""
        ids = _ids(tally, col, tally.carried_in_ids)
        if ids:
            explanation += f"；台账中这些申请在 {previous.year} 年底未办结：{'、'.join(ids)}"
            if now > len(ids):
                explanation += f" 等 {now} 件"
        if last > now:
            explanation += (
                "；台账中的少于上年报告：可能上年结转的申请没有录入台账，"
                f"或其答复日期被记在了 {previous.year} 年内"
            )
            late = _ids(tally, col, tally.late_answered_ids)
            if late:
                explanation += f"（台账中 {previous.year} 年 12 月答复的申请：{'、'.join(late)}）"
        else:
            explanation += (
                "；台账中的多于上年报告：可能上年报告漏计，或有申请的收到日期、答复日期记录有误"
            )
        findings.append(carry_over_finding(col, now, previous.year, last, ledger=True, year=report.year,
                                           explanation=explanation, ids=ids))
    if blank:
        findings.append(previous_blank_finding(previous.year, blank))
    return findings


def _ids(tally: Tally, col: str, by_column: dict[str, list[str]]) -> list[str]:
    if col != "total":
        return list(by_column.get(col, []))
    merged: list[str] = []
    for ids in by_column.values():
        merged.extend(ids)
    return merged[:EXPLAIN_IDS]
