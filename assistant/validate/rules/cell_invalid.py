"""CELL-INVALID: a negative count, a fraction in a count, a negative money amount.

"Not a number" never reaches a rule: the report-file reader refuses it with the line.
"""

from __future__ import annotations

from ...report.cells import cell_problems, format_number
from ...report.format import cell_specs
from ..rule import Rule


class CellInvalid(Rule):
    code = "CELL-INVALID"

    def check(self, ctx):
        report = ctx.report
        specs = cell_specs(report.format)
        for key, cell in report.cells.items():
            problems = cell_problems(specs[key].kind, cell)
            if problems:
                yield self.finding(
                    cells=[key],
                    cell_label=specs[key].label,
                    value=format_number(cell.number),
                    problem="；".join(problems),
                )
