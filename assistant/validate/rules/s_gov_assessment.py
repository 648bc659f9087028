"""S-GOV-ASSESSMENT: a 人民政府 report covers 工作考核、社会评议和责任追究结果
(条例 第五十条(四)); departments need not.

Only what the report says counts: the name of the subject itself (the drafter's heading
「（含工作考核、社会评议和责任追究结果情况）」, a lead-in 「关于工作考核、社会评议和责任追究结果：」)
and unfilled notes 〔请填写…〕 or {{placeholders}} say nothing about the results.
"""

from __future__ import annotations

import re

from ..narrative import has_narrative, narrative_sections
from ..rule import Rule
from .s_fill_in_left import FILL_IN_NOTE

TOPICS = (
    ("工作考核", re.compile(r"考核|考评|绩效评估")),
    ("社会评议", re.compile(r"社会评议|评议|评价|测评|满意度|好差评")),
    # "未对相关责任人进行追究", "追究相关人员责任": any 追究 speaks of accountability here
    ("责任追究", re.compile(r"责任追究|追责|问责|追究")),
)


# the subject's own name, as a heading or lead-in prints it
_SUBJECT = re.compile(r"(?:工作)?考核、社会评议和责任追究(?:结果)?(?:情况)?")


def said(text: str) -> str:
    """The text without the subject's name and without unfilled notes."""
    return _SUBJECT.sub("", FILL_IN_NOTE.sub("", text))


class SGovAssessment(Rule):
    code = "S-GOV-ASSESSMENT"

    def check(self, ctx):
        report = ctx.report
        if not report.is_government or not has_narrative(report):
            return
        text = said("\n".join(t for _, t in narrative_sections(report)))
        missing = [name for name, pattern in TOPICS if not pattern.search(text)]
        if missing:
            yield self.finding(missing="、".join(missing), topics=missing)
