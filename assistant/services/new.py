"""New: a blank report of the right format version for the year."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..errors import NianbaoError
from ..report.io import model_error, write_report
from ..report.kind import infer_issuer_kind
from ..report.model import Report, blank_report
from ..settings import Settings

FIRST_FORMAT_YEAR = 2019


@dataclass(frozen=True)
class NewRequest:
    year: int
    agency: str
    issuer_kind: str | None = None  # None: inferred from the name (report/kind.py), and said so
    output: Path | None = None  # None: the caller shows the report


@dataclass(frozen=True)
class NewResult:
    report: Report
    written: Path | None
    inferred: str | None = None  # why the issuer kind was chosen, when the user did not give it


def new_report(settings: Settings, request: NewRequest) -> NewResult:
    if request.year < FIRST_FORMAT_YEAR:
        raise NianbaoError(f"年度 {request.year} 早于现行格式（2019 年起），无法新建")
    kind, why = request.issuer_kind, None
    if kind is None:
        kind, why = infer_issuer_kind(request.agency)
    try:
        report = blank_report(request.year, request.agency.strip(), kind)
    except ValidationError as exc:  # a year out of range, an over-long name: named in Chinese
        raise model_error(exc) from None
    if request.output is not None:
        write_report(report, request.output)
    return NewResult(report, request.output, why)
