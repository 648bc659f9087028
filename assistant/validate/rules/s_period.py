"""S-PERIOD: the opening paragraph or 总体情况 states the statistical period, and it is the
report year (1月1日 to 12月31日 of that year).

A statement is a sentence that mentions 统计 together with a date, or a date range
running from 1月1日 to 12月31日; its years are every year or date written in it, except
a data cut-off after the year ("数据统计截至2025年1月10日"): offices close their figures
some days into the next year, and that date is not the period.
"""

from __future__ import annotations

import re

from ...report.parts import SECTION_LABELS
from ...text.numbers import find_quantities
from ..finding import Span
from ..narrative import has_narrative, sentence_bounds
from ..rule import Rule

_STAT = re.compile(r"统计(期限|时限|期间|区间|周期|时间|范围|截止|口径)|数据统计|统计数据|所列数据")
_CUTOFF_BEFORE = re.compile(r"(?:截至|截止(?:时间|日期)?(?:为|是|到|至)?)[\s\u3000]*$")
_RANGE = re.compile(
    r"(?<![\d十])1\s*月\s*1\s*日.{0,14}?(至|到|—|-|－|~|～).{0,14}?12\s*月\s*31\s*日"
    r"|(?<!十)一月一日.{0,16}?(至|到|—).{0,16}?十二月三十一日"
)


class SPeriod(Rule):
    code = "S-PERIOD"

    def check(self, ctx):
        report = ctx.report
        if not has_narrative(report):
            return
        wrong = None
        for section in ("intro", "overview"):
            text = report.sections.text(section)
            for start, end in _statements(text):
                sentence = text[start:end]
                years = {
                    y
                    for q in find_quantities(sentence)
                    if (y := _year(q)) is not None and not _is_cutoff(sentence, q, y, report.year)
                }
                if years == {report.year}:
                    return
                if years and wrong is None:
                    wrong = (section, start, end, sentence.strip(), sorted(years))
        if wrong is None:
            yield self.finding(year=report.year)
            return
        section, start, end, sentence, years = wrong
        yield self.finding(
            variant="wrong",
            span=Span(section=section, start=start, end=end),
            where=SECTION_LABELS[section] if section == "intro" else f"「{SECTION_LABELS[section]}」",
            text=sentence,
            year=report.year,
            stated_years=years,
        )


def _is_cutoff(sentence: str, q, year: int, report_year: int) -> bool:
    """A later full date introduced by 截至/截止: when the figures were closed."""
    return year > report_year and q.kind == "date" and bool(_CUTOFF_BEFORE.search(sentence[max(0, q.start - 10) : q.start]))


def _year(q) -> int | None:
    """The year a year or a full date names (dates are YYYYMMDD; 2月18日 has none)."""
    if q.kind == "year":
        return int(q.value)
    if q.kind == "date" and q.value >= 10000000:
        return int(q.value) // 10000
    return None


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")  # one-to-one: offsets hold


def _statements(text: str) -> list[tuple[int, int]]:
    """Sentences that state a statistical period."""
    found: list[tuple[int, int]] = []
    norm = text.translate(_FULLWIDTH)
    for pattern in (_RANGE, _STAT):
        for m in pattern.finditer(norm):
            bounds = sentence_bounds(text, m.start())
            if bounds not in found:
                found.append(bounds)
    found.sort()
    return found
