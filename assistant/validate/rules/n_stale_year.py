"""N-STALE-YEAR: the narrative speaks of another year as if it were the report year —
text copied from an earlier (or later) report and not updated.

Two shapes count: a year that opens a sentence or clause as its time frame
("2022年，我局…", "2022年全区受理…") and a year in the report's own title
("现公布2022年…年度报告", also a later year). Mentions that place the year relative
to the report year (与2022年相比, 较2022年, 2022年以来, 截至2022年底) are fine, and a
later year opening a sentence is a plan ("2024年，我局将…"/"2024年，继续…"). So is an
earlier year set against the report year in the same sentence ("2022年共受理申请40件，
2023年增至46件"), and an evaluation of an earlier year ("在2022年度全市政务公开考核中，我局获评优秀"), and a
past act of publishing an earlier report ("按时发布《…2022年…年度报告》") outside the
opening paragraph.
"""

from __future__ import annotations

import re

from ...text.numbers import find_quantities
from ..finding import Span
from ..narrative import mark_before, narrative_sections, section_label
from ..rule import Rule

_CLAUSE_END = re.compile(r"[。！？!?\n；;]")
_MARKER = re.compile(
    r"^[\s\u3000]*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是要]|\d{1,2}[.、．]|[①-⑳])?[\s\u3000]*(?:在|于)?[\s\u3000]*$"
)
_AS_FRAME = re.compile(r"^(?:度)?[\s\u3000]*(?:[，,]|全年|上半年|下半年|年内|我|本|全|共|累计|各|该|市|区|县|省|镇|街道|党|政府)")
_RELATIVE_AFTER = re.compile(r"^(?:度)?[\s\u3000]*(?:以来|相比|同期|底|末|初|前|以前|之前|比|相较)")
_TITLE = re.compile(r"(?:现公布|现予公布|特发布|现发布|现将|发布|公布|编制|形成)[^。；\n]{0,12}$")
# Only these verbs name the report in hand wherever they stand; plain 发布/公布 outside the
# opening paragraph tell of a past act ("按时发布《…2022年…年度报告》" in a 2023 report).
_OWN_TITLE = re.compile(r"^(?:现公布|现予公布|特发布|现发布|现将)")
# "在2022年度全市政务公开考核中" / "2022年度考评结果": an evaluation of that year, reported
# when its result came out (the next year) — a reference, not the report's time frame.
_EVALUATION_AFTER = re.compile(
    r"^(?:度)?[^，,。；;\n]{0,20}?(?:考核|考评|评估|测评|评议|评比|评价|排名|检查|督查|评选)(?:中|结果|情况|排名|等次|位列|获评|被评为|工作中)"
)
# "…政府信息公开工作年度报告", or "现将…2022年度政府信息公开工作情况报告如下"
_TITLE_AFTER = re.compile(r"^(?:度)?[^。；\n]{0,30}?(?:政府信息公开|政务公开)[^。；\n]{0,8}(?:年度报告|报告如下)")
# the report year opening a later clause of the same sentence
_REPORT_YEAR_LATER = re.compile(r"[，,][\s\u3000]*\x00年")
_COMPARE = re.compile(r"相比|同比|环比|比上年|较上年|上年同期|相较")


class NStaleYear(Rule):
    code = "N-STALE-YEAR"

    def check(self, ctx):
        report = ctx.report
        for section, text in narrative_sections(report):
            for q in find_quantities(text):
                if q.kind != "year" or int(q.value) == report.year:
                    continue
                year = int(q.value)
                clause_start = mark_before(text, q.start, _CLAUSE_END)
                end_m = _CLAUSE_END.search(text, q.end)
                clause_end = end_m.start() if end_m else len(text)
                before = text[clause_start : q.start]
                after = text[q.end : clause_end]
                clause = text[clause_start:clause_end]
                title = _TITLE.search(before)
                is_title = (
                    bool(title)
                    and bool(_TITLE_AFTER.match(after))
                    and (section == "intro" or bool(_OWN_TITLE.match(title.group())))
                )
                # a later year opening a sentence is a plan ("2024年，我局将…"), never a copy
                is_frame = (
                    year < report.year
                    and bool(_MARKER.match(before))
                    and bool(_AS_FRAME.match(after))
                    and not _RELATIVE_AFTER.match(after)
                    and not _EVALUATION_AFTER.match(after)
                )
                if not (is_title or is_frame):
                    continue
                if _COMPARE.search(clause) or _REPORT_YEAR_LATER.search(after.replace(str(report.year), "\0")):
                    continue  # "2022年共受理申请40件，2023年增至46件": a comparison
                span_start = clause_start + title.start() if is_title and title else q.start
                span_end = min(clause_end, q.end + 20)
                yield self.finding(
                    span=Span(section=section, start=span_start, end=span_end),
                    where=section_label(section),
                    text=text[span_start:span_end].strip(),
                    stated=year,
                    year=report.year,
                )
