"""X-IN-FORCE: 2021 format, 现行有效 = last year's 现行有效 + 本年制发 − 本年废止.

A warning only: revisions and clean-ups can explain a difference.
"""

from __future__ import annotations

from ...report.format import FormatVersion, cell_specs
from ..rule import Rule
from ..tables import whole, wholes

ROWS = ("rules", "normative_docs")


class XInForce(Rule):
    code = "X-IN-FORCE"
    needs_previous = True

    def check(self, ctx):
        report, previous = ctx.report, ctx.previous
        if previous is None or previous.year != report.year - 1:
            return  # X-CARRY-OVER already says the years do not follow each other
        if report.format is not FormatVersion.V2021 or previous.format is not FormatVersion.V2021:
            return  # the 2019 tables count published documents, not documents in force
        specs = cell_specs(report.format)
        for row in ROWS:
            keys = [f"t2.{row}.issued", f"t2.{row}.repealed", f"t2.{row}.in_force"]
            values = wholes(report, keys)
            before = whole(previous, f"t2.{row}.in_force")
            if values is None or before is None:
                continue
            issued, repealed, in_force = values
            expected = before + issued - repealed
            if expected != in_force:
                yield self.finding(
                    cells=keys,
                    row=specs[keys[0]].row_label,
                    row_key=row,
                    previous_year=previous.year,
                    previous_in_force=before,
                    issued=issued,
                    repealed=repealed,
                    expected=expected,
                    actual=in_force,
                )
