"""X-CARRY-OVER: per 表三 column, this year's 上年结转 = last year's 结转下年度.

表三 columns are the same in both format versions, so a 2020 (2019-format) report
checks a 2021 one as well.
"""

from __future__ import annotations

from ...report.format import T3_COLUMNS
from ..finding import Severity
from ..rule import Rule
from ..tables import whole


class XCarryOver(Rule):
    code = "X-CARRY-OVER"
    severity = Severity.INCONSISTENCY
    needs_previous = True
    template = (
        "表三「{column}」列：本年「二、上年结转政府信息公开申请数量」填的是 {carried_in}，"
        "但 {previous_year} 年度报告「四、结转下年度继续办理」是 {previous_carried_out}"
    )
    wrong_year = (
        "作为上一年度报告给出的是 {previous_year} 年度的报告，本报告是 {year} 年度，"
        "应与 {expected_year} 年度报告比对；跨年度结转未检查"
    )

    def check(self, ctx):
        report, previous = ctx.report, ctx.previous
        if previous is None:
            return
        if previous.year != report.year - 1:
            yield self.finding(
                severity=Severity.WARNING,
                template=self.wrong_year,
                previous_year=previous.year,
                year=report.year,
                expected_year=report.year - 1,
            )
            return
        for col, col_label in T3_COLUMNS:
            key = f"t3.carried_in.{col}"
            now = whole(report, key)
            before = whole(previous, f"t3.carried_out.{col}")
            if now is None or before is None:
                continue
            if now != before:
                yield self.finding(
                    cells=[key],
                    column=col_label,
                    column_key=col,
                    carried_in=now,
                    previous_year=previous.year,
                    previous_carried_out=before,
                )
