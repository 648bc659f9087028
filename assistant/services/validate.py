"""Validate: the findings of one report file (or an uploaded one), with the previous year's if given."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..report.io import read_report, report_from_bytes
from ..report.model import Report
from ..settings import Settings
from ..validate import validate
from ..validate.finding import Finding
from ..validate.output import blocking, validation_json


@dataclass(frozen=True)
class ValidateRequest:
    report: Path
    previous: Path | None = None


@dataclass(frozen=True)
class ValidateResult:
    report: Report
    findings: list[Finding]
    name: str  # the file as the user named it (shown in the output)
    previous: Report | None = None

    @property
    def blocking(self) -> bool:
        """An error or inconsistency: the report cannot be final (exit code 1)."""
        return blocking(self.findings)

    def to_json(self) -> dict[str, Any]:
        """The shape shared by `nianbao validate --format json` and the web app."""
        return validation_json(self.report, self.findings, self.name)


def validate_file(settings: Settings, request: ValidateRequest) -> ValidateResult:
    current = read_report(request.report)
    last = read_report(request.previous) if request.previous is not None else None
    return ValidateResult(current, validate(current, last), str(request.report), last)


def validate_upload(settings: Settings, data: bytes, name: str) -> ValidateResult:
    report = report_from_bytes(data, name)
    return ValidateResult(report, validate(report), name)
