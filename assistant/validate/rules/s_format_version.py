"""S-FORMAT-VERSION: reports on 2021 and later use the 2021 tables; 2019 and 2020 the 2019 ones."""

from __future__ import annotations

from ...report.format import FormatVersion
from ..rule import Rule

NOTICES = {
    FormatVersion.V2019: "国办公开办函〔2019〕60号",
    FormatVersion.V2021: "国办公开办函〔2021〕30号",
}


class SFormatVersion(Rule):
    code = "S-FORMAT-VERSION"

    def check(self, ctx):
        report = ctx.report
        expected = FormatVersion.for_year(report.year)
        if report.format is not expected:
            yield self.finding(
                cells=[],
                year=report.year,
                expected=expected.value,
                actual=report.format.value,
                notice=NOTICES[expected],
            )
