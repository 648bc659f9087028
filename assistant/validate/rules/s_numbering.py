"""S-NUMBERING: part headings and sub-items are numbered consistently.

Part headings: all in the same style (一、… not "6、" among "一、…五、"), each numbered
as its part (总体情况 is 一, 其他需要报告的事项 is 六).
Heading findings point at the heading with an empty span at the start of the part.
Sub-items inside each section: every list continues 1, 2, 3 … in one style ("（1）"
followed by "（二）" breaks it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ...report.format import PART_KEYS, SECTION_KEYS
from ...text.structure import heading_number, numbering_breaks, split_items
from ..finding import Span
from ..narrative import section_label
from ..rule import Rule


class SNumbering(Rule):
    code = "S-NUMBERING"

    def check(self, ctx):
        report = ctx.report
        yield from self._headings(report)
        for key in SECTION_KEYS:
            text = report.sections.text(key)
            # a part printed 「一、总体情况」 whose topics go on 「二、组织保障」「三、…」 (the report
            # restarts its numbering with the tables): the topics continue the heading's list
            heading = [replace(h, start=-1, end=-1) for h in split_items(report.headings.get(key, "").strip())[:1]]
            for brk in numbering_breaks(heading + split_items(text)):
                item = brk.item
                if item.start < 0:
                    continue
                if brk.previous is not None:
                    problem = f"前面是“{brk.previous.marker}”，同一组编号的样式不一致，请统一写法"
                else:
                    problem = f"不连续，按顺序这里应为第{brk.expected}项"
                yield self.finding(
                    span=Span(section=key, start=item.start, end=item.start + len(item.marker)),
                    where=section_label(key),
                    marker=item.marker,
                    problem=problem,
                    previous=brk.previous.marker if brk.previous else None,
                    expected=brk.expected,
                )

    def _headings(self, report):
        numbered = [(k, h, heading_number(h)) for k, h in report.headings.items()]
        numbered = [(k, h, n) for k, h, n in numbered if n is not None]
        if not numbered:
            return
        style = Counter(n[0] for _, _, n in numbered).most_common(1)[0][0]
        for key, heading, (item_style, number) in numbered:
            expected = PART_KEYS.index(key) + 1 if key in PART_KEYS else number
            marker = split_items(heading.strip())[0].marker
            if item_style != style:
                yield self.finding(
                    variant="heading",
                    span=Span(section=key, start=0, end=0),
                    heading=heading,
                    marker=marker,
                    style=style,
                )
            elif number != expected:
                yield self.finding(
                    variant="heading_seq",
                    span=Span(section=key, start=0, end=0),
                    heading=heading,
                    number=number,
                    expected=expected,
                )
