"""Import: one published report (text, HTML, Word, PDF) read into a report file, never an invented number."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..errors import NianbaoError
from ..ingest import ImportResult, import_report
from ..report.io import model_error, write_report
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
    with named_errors(str(request.source)):
        result = import_report(
            request.source, agency=request.agency, year=request.year, issuer_kind=request.issuer_kind
        )
    if request.output is not None:
        write_report(result.report, request.output)
    return ImportOutcome(result, request.output)


def import_upload(
    settings: Settings, data: bytes, name: str, *, agency: str | None = None, year: int | None = None
) -> ImportResult:
    """An uploaded file (the web app): the same readers, via a private temporary copy.

    `name` is a plain file name (the web checks it). Messages name the upload, never the
    server's temporary folder.
    """
    if Path(name).name != name or name in ("", ".", "..") or "\x00" in name:
        raise NianbaoError("上传的文件名无效，应是不含路径的文件名，如 2024年报.docx", file=name[:100])
    with tempfile.TemporaryDirectory(prefix="nianbao-import-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        with named_errors(name, hide=tmp):
            result = import_report(path, agency=agency, year=year)
    result.report.source = name
    return result


@contextlib.contextmanager
def named_errors(name: str, hide: str | None = None) -> Iterator[None]:
    """Errors of one import as NianbaoError naming the document (and never the folder `hide`)."""
    try:
        yield
    except NianbaoError as error:
        if hide:
            error.file = name if error.file and error.file.startswith(hide) else error.file
            error.message = error.message.replace(f"{hide}/", "").replace(hide, "")
            error.details = [d.replace(f"{hide}/", "").replace(hide, "") for d in error.details]
        raise
    except ValidationError as exc:  # e.g. an agency name too long to be one: named, not internal
        raise model_error(exc, name) from None
