"""Import: one published report (text, HTML, Word, PDF) read into a report file, never an invented number."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..ingest import ImportResult, import_bytes, import_report
from ..report.io import write_report
from ..settings import Settings


@dataclass(frozen=True)
class ImportRequest:
    source: Path
    output: Path | None = None  # None: the caller shows the report
    agency: str | None = None
    year: int | None = None
    issuer_kind: str | None = None


@dataclass(frozen=True)
class ImportOutcome:
    result: ImportResult  # the report, the summary, the findings of the import
    written: Path | None


def import_file(settings: Settings, request: ImportRequest) -> ImportOutcome:
    result = import_report(request.source, agency=request.agency, year=request.year, issuer_kind=request.issuer_kind)
    if request.output is not None:
        write_report(result.report, request.output)
    return ImportOutcome(result, request.output)


def import_upload(
    settings: Settings, data: bytes, name: str, *, agency: str | None = None, year: int | None = None
) -> ImportResult:
    """An uploaded file (the web app): the same readers, via a private temporary copy."""
    return import_bytes(data, name, agency=agency, year=year)
