"""T3-BALANCE: the printed 勾稽关系, per 表三 column: 一 + 二 = 三（七）总计 + 四."""

from __future__ import annotations

from ...report.format import T3_COLUMNS
from ..rule import Rule
from ..tables import wholes


class T3Balance(Rule):
    code = "T3-BALANCE"

    def check(self, ctx):
        report = ctx.report
        for col, col_label in T3_COLUMNS:
            keys = [f"t3.{r}.{col}" for r in ("new", "carried_in", "results_total", "carried_out")]
            values = wholes(report, keys)
            if values is None:
                continue
            new, carried_in, results_total, carried_out = values
            if new + carried_in != results_total + carried_out:
                yield self.finding(
                    cells=keys,
                    column=col_label,
                    column_key=col,
                    new=new,
                    carried_in=carried_in,
                    received=new + carried_in,
                    results_total=results_total,
                    carried_out=carried_out,
                    handled=results_total + carried_out,
                )
