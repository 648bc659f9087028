"""Set: cells entered by a person (e.g. 表二, which no ledger covers), all checked before any is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import NianbaoError
from ..report.edit import CellChange, apply_cells, parse_assignment
from ..report.format import ISSUER_KINDS
from ..report.io import read_cell_values, read_report, write_report
from ..settings import Settings


@dataclass(frozen=True)
class SetRequest:
    report: Path
    assignments: Sequence[str] = ()  # "t2.rules.issued=3"
    from_file: Path | None = None  # YAML of 「单元格键: 数值」
    output: Path | None = None  # None: rewrite the report file


@dataclass(frozen=True)
class SetResult:
    changes: list[CellChange]
    written: Path
    kind_change: tuple[str, str] | None = None  # issuer_kind (old, new), when set


def set_cells(settings: Settings, request: SetRequest) -> SetResult:
    doc = read_report(request.report)
    values: dict[str, Any] = {}
    if request.from_file is not None:
        values.update(read_cell_values(request.from_file))
    for text in request.assignments:
        key, value = parse_assignment(text)
        values[key] = value
    kind = values.pop("issuer_kind", None)  # the one metadata field a person sets like a cell
    if kind is not None and str(kind).strip() not in ISSUER_KINDS:
        raise NianbaoError(f"issuer_kind 的值「{kind}」不可用，报告未改动",
                           details=[f"可用的值：{'、'.join(ISSUER_KINDS)}"])
    if not values and kind is None:
        raise NianbaoError("没有要填写的单元格：请给出 键=数值，或用 --from 指定文件")
    origin = str(request.from_file) if request.from_file and not request.assignments else "输入"
    changes = apply_cells(doc, values, origin=origin) if values else []
    kind_change = None
    if kind is not None and str(kind).strip() != doc.issuer_kind:
        kind_change = (doc.issuer_kind, str(kind).strip())
        doc.issuer_kind = kind_change[1]  # type: ignore[assignment]
    target = request.output or request.report
    write_report(doc, target)
    return SetResult(changes, target, kind_change)
