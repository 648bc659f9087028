"""N-NUMBER-SUPPORT: every number of a drafted section still has its support.

`draft --write` keeps, with each section, the figure behind every number (drafting/record.py):
a table cell, a derived value, a fact, a ledger count, or a number a person confirmed with
--accept-flagged. This rule re-reads the section as it is now — edited by hand or not — and
flags a number that none of them gives at today's values: a figure typed in later, or one
left behind after the table changed. Sections never drafted are N-TABLE-MISMATCH's.
"""

from __future__ import annotations

from ...report.format import SECTION_KEYS, SECTION_LABELS
from ..rule import Rule


class NNumberSupport(Rule):
    code = "N-NUMBER-SUPPORT"

    def check(self, ctx):
        from ...drafting.checks import check_numbers
        from ...drafting.record import record_of, recorded_figures
        from .n_table_mismatch import NTableMismatch

        # one fact, one finding: a number N-TABLE-MISMATCH already names (wrong for its row) is its
        mismatched = [f.span for f in NTableMismatch().check(ctx) if f.span is not None]

        for key in SECTION_KEYS:
            rec = record_of(ctx.report, key)
            text = ctx.report.sections.text(key)
            if rec is None or not text.strip():
                continue
            figures = recorded_figures(ctx.report, ctx.previous, rec)
            literals = [ctx.report.agency, *(rec.get("literals") or [])]
            taken = [(s.start, s.end) for s in mismatched if s.section == key]
            for f in check_numbers(text, figures, key, literals, skip=taken):
                if f.code == "NUM-UNSUPPORTED":
                    yield self.finding(span=f.span, section=key, section_label=SECTION_LABELS[key],
                                       raw=f.args["raw"])
