"""S-PARTS: all six parts are there, in the printed order.

A part exists if its heading was found (imported reports), its text is non-empty, or —
for 二/三/四, whose substance is a table — its table has any non-blank cell.
"""

from __future__ import annotations

from ...report.parts import PART_HEADINGS, PART_KEYS, SECTION_LABELS, TABLE_OF_PART
from ..narrative import has_narrative
from ..rule import Rule



class SParts(Rule):
    code = "S-PARTS"

    def check(self, ctx):
        report = ctx.report
        if not has_narrative(report):
            return
        for i, key in enumerate(PART_KEYS):
            if key in report.headings or report.sections.text(key).strip():
                continue
            table = TABLE_OF_PART.get(key)
            cells = [k for k in report.cells if table and k.startswith(table + ".")]
            if cells and any(not report.cells[k].is_blank for k in cells):
                continue
            number, heading = PART_HEADINGS[key].split("、", 1)
            yield self.finding(
                cells=[],
                part=key,
                number=number,
                heading=heading,
                table_note="，表格也全是空白" if table else "",
            )
        printed = [k for k in report.headings if k in PART_KEYS]
        expected = [k for k in PART_KEYS if k in printed]
        if printed != expected:
            yield self.finding(
                variant="order",
                expected=" → ".join(SECTION_LABELS[k] for k in expected),
                actual=" → ".join(f"「{report.headings[k]}」" for k in printed),
                order=printed,
            )
