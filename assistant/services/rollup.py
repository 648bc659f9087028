"""rollup: sum departments' reports (same year, same format) into the 本级政府 total.

Each input is checked and its findings returned; cells blank in some inputs are listed by
agency; the total and the per-department breakdown (rollup.csv beside it) are written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NianbaoError
from ..ledger.rollup import rollup as sum_reports
from ..ledger.rollup import write_breakdown
from ..report.format import cell_specs
from ..report.io import file_format, read_report, write_report
from ..settings import Settings
from ..validate import Finding
from ..validate.catalogue import blocking_findings


@dataclass(frozen=True)
class RollupRequest:
    reports: list[Path]
    output: Path
    agency: str | None = None  # 本级政府名称; default 「本级政府（各部门汇总）」


@dataclass(frozen=True)
class InputCheck:
    file: str
    agency: str
    findings: list[Finding]

    @property
    def blocking(self) -> list[Finding]:
        return blocking_findings(self.findings)


@dataclass(frozen=True)
class BlankCell:
    key: str
    label: str
    agencies: list[str]  # the agencies whose report leaves this cell blank


@dataclass
class RollupResult:
    inputs: list[InputCheck] = field(default_factory=list)
    blank_cells: list[BlankCell] = field(default_factory=list)
    written: Path | None = None
    breakdown: Path | None = None


def rollup(settings: Settings, request: RollupRequest) -> RollupResult:
    output = Path(request.output)
    file_format(output)  # refuse a bad extension before any work
    resolved = [Path(p).resolve() for p in request.reports]
    if output.resolve() in resolved:
        raise NianbaoError("汇总文件不能覆盖输入的报告文件", file=str(output))
    dupes = sorted({str(p) for p in request.reports if resolved.count(Path(p).resolve()) > 1})
    if dupes:
        raise NianbaoError("同一份报告给了不止一次：" + "、".join(dupes))
    inputs = [(str(p), read_report(p)) for p in request.reports]
    agency = request.agency.strip() if request.agency else None
    summed = sum_reports(inputs, agency or None)

    specs = cell_specs(summed.total.format)
    result = RollupResult(
        inputs=[InputCheck(name, report.agency, summed.findings[name]) for name, report in inputs],
        blank_cells=[
            BlankCell(key, specs[key].label, [r.agency for n, r in inputs if n in files])
            for key, files in summed.blank_inputs.items()
        ],
    )
    write_report(summed.total, output)
    result.written = output
    result.breakdown = write_breakdown(summed, output.with_name("rollup.csv"))
    return result
