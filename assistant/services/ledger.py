"""ledger template: the 依申请公开台账 workbook an office can start from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import NianbaoError
from ..ledger.template import write_template
from ..settings import Settings

FIRST_YEAR = 2019  # the format in force since the 2019 report year


@dataclass(frozen=True)
class TemplateRequest:
    output: Path
    year: int | None = None  # default: this year


@dataclass(frozen=True)
class TemplateResult:
    year: int
    written: Path


def template(settings: Settings, request: TemplateRequest) -> TemplateResult:
    output = Path(request.output)
    if output.suffix.lower() != ".xlsx":
        raise NianbaoError("模板文件的扩展名应为 .xlsx", file=str(output))
    year = request.year or dt.date.today().year
    if year < FIRST_YEAR:
        raise NianbaoError(f"年度 {year} 早于现行格式（{FIRST_YEAR} 年起）")
    return TemplateResult(year, write_template(output, year))
