"""T3-RESULTS-TOTAL: per 表三 column, （七）总计 = the sum of every result row.

The group labels （三）–（六） have no cells, so the sum runs over the numbered items.
"""

from __future__ import annotations

from ...report.format import T3_COLUMNS, t3_result_rows
from ..rule import Rule
from ..tables import sum_mismatch


class T3ResultsTotal(Rule):
    code = "T3-RESULTS-TOTAL"

    def check(self, ctx):
        report = ctx.report
        rows = t3_result_rows(report.format)
        for col, col_label in T3_COLUMNS:
            keys = [f"t3.{r.key}.{col}" for r in rows]
            total_key = f"t3.results_total.{col}"
            mismatch = sum_mismatch(report, keys, total_key)
            if mismatch:
                expected, total = mismatch
                yield self.finding(
                    cells=keys + [total_key],
                    column=col_label,
                    column_key=col,
                    expected=expected,
                    actual=total,
                )
