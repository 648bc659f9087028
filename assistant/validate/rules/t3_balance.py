"""T3-BALANCE: the printed 勾稽关系, per 表三 column: 一 + 二 = 三（七）总计 + 四."""

from __future__ import annotations

from ...report.format import T3_COLUMNS
from ..finding import Severity
from ..rule import Rule
from ..tables import wholes


class T3Balance(Rule):
    code = "T3-BALANCE"
    severity = Severity.INCONSISTENCY
    template = (
        "表三「{column}」列不符合勾稽关系（第一项加第二项之和，等于第三项加第四项之和）："
        "本年新收 {new} + 上年结转 {carried_in} = {received}，"
        "而办理结果总计 {results_total} + 结转下年度 {carried_out} = {handled}"
    )

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
