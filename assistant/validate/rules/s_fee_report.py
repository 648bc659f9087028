"""S-FEE-REPORT: part 六 states whether 信息处理费 was charged (also when none was).

Only for 2021-format reports: the fee rules (国办函〔2020〕109号) took effect in 2021, so
reports on 2019 and 2020 have nothing to state. Accepted: any mention of 处理费, or a sentence of part 六 that speaks of charging (收取/
收费/费用) for 政府信息公开 / 申请.
"""

from __future__ import annotations

import re

from ...report.format import FormatVersion
from ..finding import Span
from ..narrative import has_narrative
from ..rule import Rule

_FEE = re.compile(r"处理费")
_CHARGE = re.compile(r"收取|收费|缴费|费用")
_ABOUT_REQUESTS = re.compile(r"信息公开|申请")
_SENTENCE = re.compile(r"[^。！？!?\n]+")


def states_fee(text: str) -> bool:
    if _FEE.search(text):
        return True
    return any(_CHARGE.search(s.group()) and _ABOUT_REQUESTS.search(s.group()) for s in _SENTENCE.finditer(text))


class SFeeReport(Rule):
    code = "S-FEE-REPORT"

    def check(self, ctx):
        report = ctx.report
        if report.format is not FormatVersion.V2021 or not has_narrative(report):
            return
        text = report.sections.text("other")
        if not states_fee(text):
            span = Span(section="other", start=0, end=len(text)) if text.strip() else None
            yield self.finding(span=span)
