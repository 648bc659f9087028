"""CELL-BLANK: cells left blank (write 0 when there were none).

One fact, one finding: one finding per table when the whole table is blank; one per
表三 column left blank in every row (naming the columns); otherwise one per printed row
(表四: per block), so a half-filled report gets a short list, not 200 lines. A 2021 表三
whose three （六）其他处理 rows are all blank while the rest is filled most likely printed
其他处理 as one row (the 2019 shape): one note (info) for the three rows.
"""

from __future__ import annotations

from ...report.format import T3_COLUMNS, TABLE_NAMES, TABLE_TITLES, FormatVersion, cell_specs
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
            where = f"{TABLE_NAMES[table]}（{TABLE_TITLES[table]}）"
            if len(blank) == len(keys):
                yield self.finding(cells=blank, variant="whole_table", where=where, table=table, count=len(blank))
                continue
            if table == "t3":
                left = yield from self._other_rows(report, keys, blank, where)
                noted = set(blank) - set(left)
                blank = yield from self._whole_columns(specs, [k for k in keys if k not in noted], left, where)
            rows: dict[str, list[str]] = {}
            for key in blank:
                rows.setdefault(row_name(specs[key]), []).append(key)
            for row, row_keys in rows.items():
                yield self.finding(
                    cells=row_keys,
                    where=row,
                    table=table,
                    count=len(row_keys),
                    columns="、".join(f"「{specs[k].column_label}」" for k in row_keys),
                )

    def _other_rows(self, report, keys, blank, where):
        """2021 表三: the three 其他处理 rows all blank, the table otherwise not: one note."""
        other = [k for k in keys if k.startswith("t3.other.")]
        if report.format is not FormatVersion.V2021 or not set(blank).issuperset(other):
            return blank
        if all(k in blank for k in keys if k not in other):
            return blank
        yield self.finding(cells=other, variant="other_rows", where=where, table="t3", count=len(other))
        return [k for k in blank if k not in set(other)]

    def _whole_columns(self, specs, keys, blank, where):
        """表三 columns blank in every row: one finding naming them; the blanks left over."""
        blank_set = set(blank)
        whole = []
        for col, label in T3_COLUMNS:
            cells = [k for k in keys if specs[k].column == col]
            if len(cells) > 1 and blank_set.issuperset(cells):
                whole.append((label, cells))
        if whole:
            cells = [k for _, group in whole for k in group]
            yield self.finding(
                cells=cells,
                variant="whole_column",
                where=where,
                table="t3",
                count=len(cells),
                columns="、".join(f"「{label}」" for label, _ in whole),
                column_keys=[specs[group[0]].column for _, group in whole],
            )
            blank = [k for k in blank if k not in set(cells)]
        return blank
