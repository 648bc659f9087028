"""CELL-INVALID: a negative count, a fraction in a count, a negative money amount.

"Not a number" never reaches a rule: the report-file reader refuses it with the line.
"""

from __future__ import annotations

from ...report.cells import format_number
from ...report.format import cell_specs
from ..finding import Severity
from ..rule import Rule

NEGATIVE_COUNT = "件数不能是负数"
FRACTION = "件数应是整数，不能有小数"
NEGATIVE_MONEY = "金额不能是负数"


class CellInvalid(Rule):
    code = "CELL-INVALID"
    severity = Severity.ERROR
    template = "{cell_label}填的是 {value}：{problem}"

    def check(self, ctx):
        report = ctx.report
        specs = cell_specs(report.format)
        for key, cell in report.cells.items():
            if cell.number is None:
                continue
            kind = specs[key].kind
            problems = []
            if kind == "money":
                if cell.number < 0:
                    problems.append(NEGATIVE_MONEY)
            else:
                if kind == "count" and cell.number < 0:  # 2019 本年增/减 may be negative
                    problems.append(NEGATIVE_COUNT)
                if not cell.is_integral:
                    problems.append(FRACTION)
            if problems:
                yield self.finding(
                    cells=[key],
                    cell_label=specs[key].label,
                    value=format_number(cell.number),
                    problem="；".join(problems),
                )
