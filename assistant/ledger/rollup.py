"""Sum several agencies' reports (same year, same format) into the 本级政府 total.

表二, 表三 and 表四 are summed cell by cell (money as Decimal; 2019 `previous`/`change`
too). Blank and n/a never count as zero:
  - the total is the sum of the printed numbers;
  - a cell blank in some inputs is listed (`blank_inputs`) so the office can chase it;
  - a cell without any number stays blank, or "/" when every input printed "/".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..errors import NianbaoError
from ..report.cells import BLANK, CellValue
from ..report.format import cell_specs
from ..report.model import Report, blank_report
from ..validate import Finding, validate

DEFAULT_AGENCY = "本级政府（各部门汇总）"


@dataclass
class Rollup:
    total: Report
    inputs: list[tuple[str, Report]]  # (file name, report)
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # file -> findings
    blank_inputs: dict[str, list[str]] = field(default_factory=dict)  # cell key -> files blank there


def check_compatible(inputs: list[tuple[str, Report]]) -> None:
    if not inputs:
        raise NianbaoError("没有给出要汇总的报告文件")
    kinds = {(r.year, r.format.value) for _, r in inputs}
    if len(kinds) > 1:
        raise NianbaoError(
            "只能汇总同一年度、同一格式版本的报告，这些报告不一致：",
            details=[f"{name}：{r.agency} {r.year} 年度，{r.format.value} 版格式" for name, r in inputs],
        )
    seen: dict[str, str] = {}
    for name, report in inputs:
        if report.agency in seen:
            raise NianbaoError(
                f"「{report.agency}」的报告出现了两次（{seen[report.agency]} 和 {name}），汇总会重复计数"
            )
        seen[report.agency] = name


def rollup(inputs: list[tuple[str, Report]], agency: str | None = None) -> Rollup:
    check_compatible(inputs)
    first = inputs[0][1]
    total = blank_report(first.year, agency or DEFAULT_AGENCY, "人民政府")
    result = Rollup(total=total, inputs=inputs)
    for name, report in inputs:
        result.findings[name] = validate(report)
    for key, spec in cell_specs(first.format).items():
        values = [(name, r.cells[key]) for name, r in inputs]
        numbers = [c.number for _, c in values if c.number is not None]
        blanks = [name for name, c in values if c.is_blank]
        if blanks and numbers:
            result.blank_inputs[key] = blanks
        if numbers:
            total.set(key, CellValue(number=sum(numbers, Decimal(0))))
            total.provenance[key] = {"kind": "computed", "from": "rollup", "inputs": len(numbers)}
        elif all(c.is_na for _, c in values):
            total.set(key, CellValue.na("/"))
        else:
            total.set(key, BLANK)
    return result


def write_breakdown(result: Rollup, path: str | Path) -> Path:
    """rollup.csv: one line per cell, one column per agency, then the total (UTF-8 with BOM
    so Excel opens it right)."""
    path = Path(path)
    specs = cell_specs(result.total.format)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["单元格", "位置"] + [r.agency for _, r in result.inputs] + ["合计"])
        for key, spec in specs.items():
            writer.writerow(
                [key, spec.label]
                + [r.cells[key].display() for _, r in result.inputs]
                + [result.total.cells[key].display()]
            )
    return path
