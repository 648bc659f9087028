"""S-PROBLEMS-EMPTY: part 五 names the problems and at least one improvement measure.

"Improvement measure" = the text uses one of the words that introduce one (改进, 整改,
下一步, 今后, 将…, 措施 …); a part that only lists shortcomings ("有待加强") has none.
"""

from __future__ import annotations

import re

from ..finding import Span
from ..narrative import has_narrative
from ..rule import Rule

_NOTHING = re.compile(r"^[\s。.，,、；;：:（）()]*(无|暂无|没有|无问题|不存在|没有问题|无。)?[\s。.，,；;]*$")
_MEASURE = re.compile(
    r"改进|整改|下一步|下步|下阶段|下一阶段|今后|接下来|明年|新的一年|计划|拟|措施|举措|着力|着重|努力"
    r"|以下工作|以下几个方面|以下几方面|以下方面|加以解决|对策|改进方向|整改情况|下一年度?|来年|发力"
    r"|(?:我们|我局|我委|我办|我厅|我市|我区|我县|我镇|本机关|本单位|本部门|[市区县镇]政府)(?:将|要|会)"
    r"|将(?:进一步|继续|持续|加强|加大|完善|严格|不断|全面|积极|推进|推动|强化|提升|提高|优化|建立|健全|做好|落实|按照|深化|规范)"
    r"|(?:一是|二是|三是)(?:加强|加大|完善|健全|强化|提升|提高|优化|推进|规范|建立|严格)"
)


class SProblemsEmpty(Rule):
    code = "S-PROBLEMS-EMPTY"

    def check(self, ctx):
        report = ctx.report
        if not has_narrative(report):
            return
        text = report.sections.text("problems")
        stripped = text.strip()
        if not stripped:
            yield self.finding(problem="没有内容，应写明存在的主要问题和改进措施", reason="empty")
        elif _NOTHING.match(stripped) or len(re.sub(r"\W", "", stripped)) <= 4:
            yield self.finding(
                span=Span(section="problems", start=0, end=len(text)),
                problem=f"只写了“{stripped}”，应写明存在的主要问题和改进措施",
                reason="nothing",
            )
        elif not _MEASURE.search(text):
            yield self.finding(
                span=Span(section="problems", start=0, end=len(text)),
                problem="只列了问题，没有写改进措施或下一步打算",
                reason="no_measure",
            )
