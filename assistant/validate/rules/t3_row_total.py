"""T3-ROW-TOTAL: in every 表三 row, 总计 = the sum of the six applicant columns."""

from __future__ import annotations

from ...report.format import T3_APPLICANT_COLUMNS, cell_specs, t3_rows
from ..rule import Rule
from ..tables import row_name, sum_mismatch


class T3RowTotal(Rule):
    code = "T3-ROW-TOTAL"

    def check(self, ctx):
        report = ctx.report
        specs = cell_specs(report.format)
        for row in t3_rows(report.format):
            keys = [f"t3.{row.key}.{c}" for c in T3_APPLICANT_COLUMNS]
            total_key = f"t3.{row.key}.total"
            mismatch = sum_mismatch(report, keys, total_key)
            if mismatch:
                expected, total = mismatch
                yield self.finding(
                    cells=keys + [total_key],
                    row=row_name(specs[total_key]),
                    row_key=row.key,
                    expected=expected,
                    actual=total,
                )
