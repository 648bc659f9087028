"""N-CLAIM: a sentence saying the office did or achieved something has a source.

The assertions are the drafting catalogue's (drafting/assertions.py: 纳入考核, 开展评议,
组织培训, 办理结果已公开, 未收取信息处理费, 满意率…). A drafted section carries the source
of each of its assertions (drafting/record.py); one added to it later, by hand or by a model,
with no fact, table, ledger or last year's own text behind it, is flagged for the reviewer.
A section a person wrote from the start (no draft record: an imported or hand-written report)
is that person's own statement and is not second-guessed.
"""

from __future__ import annotations

from ...report.format import SECTION_KEYS, SECTION_LABELS
from ..narrative import has_narrative
from ..rule import Rule


class NClaim(Rule):
    code = "N-CLAIM"

    def check(self, ctx):
        from ...drafting.assertions import BY_ID, find, ids_in
        from ...drafting.lastyear import same_agency
        from ...drafting.record import record_of

        report = ctx.report
        if not has_narrative(report):
            return
        last_year: set[str] = set()
        if ctx.previous is not None and same_agency(ctx.previous.agency, report.agency):
            last_year = ids_in("\n".join(t or "" for _, t in ctx.previous.sections.items()))
        for key in SECTION_KEYS:
            text = report.sections.text(key)
            if not text.strip():
                continue
            rec = record_of(report, key)
            if rec is None:
                continue
            supported = set(rec.get("claims") or {}) | last_year
            for found in find(text):
                if found.id in supported:
                    continue
                a = BY_ID[found.id]
                yield self.finding(span=_span(key, found), section=key,
                                   section_label=SECTION_LABELS[key], clause=found.clause[:40], label=a.label,
                                   need=a.need, claim=found.id)


def _span(section, found):
    from ..finding import Span

    return Span(section=section, start=found.start, end=found.end)
