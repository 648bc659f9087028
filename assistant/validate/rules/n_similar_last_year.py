"""N-SIMILAR-LAST-YEAR: a part of the narrative repeats more than half of last year's.

Per section, `repeated_fraction` (assistant/text/similarity.py: 10-character shingles,
punctuation, spaces and numbers ignored) against all of last year's narrative, so text
moved between parts still counts. The opening paragraph is left out: its wording is a
formula every report repeats. So are parts 二、三、四: their text restates their tables
in the tables' own words ("予以公开21件，部分公开8件…", "本年度未发生…行政复议、行政诉讼"),
the same every year by design, and N-TABLE-MISMATCH holds it to this year's figures.
Very short parts ("无。") are left out too, and so is a part whose repeated text is
shorter than MIN_REPEATED characters.
"""

from __future__ import annotations

from ...text.similarity import copied_passages, normalised, repeated_fraction
from ..finding import Span
from ..narrative import narrative_sections, section_label
from ..rule import Rule

THRESHOLD = 0.5
MIN_CHARS = 30  # shorter parts say too little to judge
# A part must repeat at least this many characters (punctuation aside, about two lines):
# a short part 六 of set statements ("本年度未收取信息处理费。全年办理人大代表建议…件、
# 政协提案…件，办理结果已公开。") reads alike in any two reports.
MIN_REPEATED = 60
# the opening formula and the parts that restate tables (see above)
SET_WORDING = ("intro", "active", "requests", "review_litigation")


class NSimilarLastYear(Rule):
    code = "N-SIMILAR-LAST-YEAR"
    needs_previous = True

    def check(self, ctx):
        previous = "\n".join(t for k, t in narrative_sections(ctx.previous) if k not in SET_WORDING)
        if not previous.strip():
            return
        for section, text in narrative_sections(ctx.report):
            if section in SET_WORDING or len(text.strip()) < MIN_CHARS:
                continue
            fraction = repeated_fraction(text, previous)
            if fraction <= THRESHOLD or fraction * len(normalised(text)) < MIN_REPEATED:
                continue
            passages = copied_passages(text, previous, min_chars=MIN_CHARS) or [(0, len(text))]
            yield self.finding(
                span=Span(section=section, start=passages[0][0], end=passages[-1][1]),
                where=section_label(section),
                percent=round(fraction * 100),
                fraction=round(fraction, 3),
                passages=[list(p) for p in passages],
            )
