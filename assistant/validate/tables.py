"""Helpers the table rules share: whole-number reads and printed row/column names.

Arithmetic rules read a cell only when it holds a whole number; blank, n/a and
fractional cells are skipped there because CELL-BLANK / CELL-INVALID report them.
"""

from __future__ import annotations

from ..report.format import TABLE_NAMES, CellSpec, cell_specs
from ..report.model import Report


def whole(report: Report, key: str) -> int | None:
    """The cell as int, or None when blank, n/a or not a whole number."""
    return report.cells[key].as_int()


def wholes(report: Report, keys: list[str]) -> list[int] | None:
    """All cells as ints, or None when any of them is not a whole number."""
    values = [whole(report, k) for k in keys]
    return None if any(v is None for v in values) else values  # type: ignore[return-value]


def sum_mismatch(report: Report, keys: list[str], total_key: str) -> tuple[int, int] | None:
    """(sum of the parts, printed total) when they differ; None when equal or not all whole.

    Blanks, n/a and fractions are CELL-BLANK's / CELL-INVALID's business, not arithmetic's.
    """
    total = whole(report, total_key)
    parts = wholes(report, keys)
    if total is None or parts is None or sum(parts) == total:
        return None
    return sum(parts), total


def row_name(spec: CellSpec) -> str:
    """The printed row (表二/表三) or block (表四) of a cell, e.g. 表三「一、本年新收…」行."""
    return spec.label.rsplit("「", 1)[0]


def describe_cells(keys: list[str], version) -> list[str]:
    """Cell keys as printed locations, one line per row: 表三「…」行：「自然人」、「总计」列.

    A whole row reads 「整行」 and a whole table 「全表」, so long lists stay short.
    """
    specs = cell_specs(version)
    wanted = set(keys)
    lines: list[str] = []
    for table in ("t2", "t3", "t4"):
        in_table = [k for k, s in specs.items() if s.table == table]
        if len(in_table) > 1 and wanted.issuperset(in_table):
            lines.append(f"{TABLE_NAMES[table]}：全表 {len(in_table)} 个单元格")
            continue
        rows: dict[str, list[str]] = {}
        for key in in_table:
            rows.setdefault(row_name(specs[key]), []).append(key)
        for row, row_keys in rows.items():
            chosen = [k for k in row_keys if k in wanted]
            if not chosen:
                continue
            if len(row_keys) > 1 and len(chosen) == len(row_keys):
                lines.append(f"{row}：整行 {len(row_keys)} 个单元格")
                continue
            suffix = "" if table == "t4" else "列"
            lines.append(f"{row}：{'、'.join(f'「{specs[k].column_label}」' for k in chosen)}{suffix}")
    lines.extend(k for k in keys if k not in specs)
    return lines
