"""CELL-BLANK: cells left blank (write 0 when there were none).

One finding per table when the whole table is blank, otherwise one per printed row
(表四: per block), so a half-filled report gets a short list, not 200 lines.
"""

from __future__ import annotations

from ...report.format import TABLE_NAMES, TABLE_TITLES, cell_specs
from ..rule import Rule
from ..tables import row_name


class CellBlank(Rule):
    code = "CELL-BLANK"

    def check(self, ctx):
        report = ctx.report
        specs = cell_specs(report.format)
        for table in ("t2", "t3", "t4"):
            keys = [k for k, s in specs.items() if s.table == table]
            blank = [k for k in keys if report.cells[k].is_blank]
            if not blank:
                continue
            if len(blank) == len(keys):
                yield self.finding(
                    cells=blank,
                    variant="whole_table",
                    where=f"{TABLE_NAMES[table]}（{TABLE_TITLES[table]}）",
                    table=table,
                    count=len(blank),
                )
                continue
            rows: dict[str, list[str]] = {}
            for key in blank:
                rows.setdefault(row_name(specs[key]), []).append(key)
            for where, row_keys in rows.items():
                yield self.finding(
                    cells=row_keys,
                    where=where,
                    table=table,
                    count=len(row_keys),
                    columns="、".join(f"「{specs[k].column_label}」" for k in row_keys),
                )
