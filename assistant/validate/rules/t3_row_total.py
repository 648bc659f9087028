"""T3-ROW-TOTAL: in every 表三 row, 总计 = the sum of the six applicant columns."""

from __future__ import annotations

from ...report.format import T3_APPLICANT_COLUMNS, cell_specs, t3_rows
from ..finding import Severity
from ..rule import Rule


class T3RowTotal(Rule):
    code = "T3-ROW-TOTAL"
    severity = Severity.INCONSISTENCY
    template = "表三「{row_label}」行：六类申请人合计为 {expected}，但「总计」列填的是 {actual}"

    def check(self, ctx):
        report = ctx.report
        for row in t3_rows(report.format):
            keys = [f"t3.{row.key}.{c}" for c in T3_APPLICANT_COLUMNS]
            total_key = f"t3.{row.key}.total"
            total = report.number(total_key)
            parts = [report.number(k) for k in keys]
            if total is None or any(p is None for p in parts):
                continue  # blanks and n/a are CELL-BLANK's business, not arithmetic
            expected = sum(parts)
            if expected != total:
                yield self.finding(
                    cells=keys + [total_key],
                    row_label=cell_specs(report.format)[total_key].row_label,
                    expected=expected,
                    actual=total,
                )
