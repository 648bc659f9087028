"""Import published reports (web text, HTML, Word, PDF) into report files.

    result = import_report("2021-某某局.txt")
    result.report      # Report: cells read (with provenance), parts, metadata
    result.summary     # cells read / expected, not found, confidence, warnings
    result.findings    # IMPORT-… findings: deviations from the template, gate failures

Two rooms: `readers/` (text, HTML, DOCX, PDF) turn a source into a `Document`;
`recognition/` finds the tables by their labels (`recognize`, `labels`, `tokens`) and
takes the prose (`narrative`); `gate` re-checks every number against the source at its
provenance. Nothing is ever filled in that was not printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NianbaoError
from ..report.format import SECTION_KEYS, FormatVersion, cell_keys
from ..report.model import Report, Sections
from ..validate.catalogue import make
from ..validate.finding import Finding, Severity
from .document import Document
from .gate import gate
from .recognition.narrative import extract, issuer_kind_of
from .readers import read_document
from .recognition.recognize import Recognition, recognize, report_missing

__all__ = ["ImportResult", "ImportSummary", "import_bytes", "import_document", "import_report", "read_document"]


# the path a document took through the importer (a scanned page without a text layer is
# not read yet: the PDF reader says so)
IMPORT_PATHS = {
    "pdf": "PDF 文字层",
    "text": "文字（网页复制、转换工具或识别软件生成的文字）",
    "html": "网页",
    "docx": "Word 文件",
}


@dataclass
class ImportSummary:
    cells_read: int
    cells_expected: int
    not_found: list[str] = field(default_factory=list)
    confidence: float = 0.0
    warnings: list[str] = field(default_factory=list)
    format: str = "2021"
    path: str = ""  # how the document was read: IMPORT_PATHS
    cells_ambiguous: int = 0  # left blank by IMPORT-AMBIGUOUS (label and numbers printed apart)

    @property
    def shares(self) -> dict[str, float]:
        """Cells read, blank and ambiguous, as shares of the cells expected."""
        n = self.cells_expected or 1
        blank = self.cells_expected - self.cells_read - self.cells_ambiguous
        return {"read": round(self.cells_read / n, 3), "blank": round(blank / n, 3), "ambiguous": round(self.cells_ambiguous / n, 3)}

    def to_json(self) -> dict[str, Any]:
        return {
            "cells_read": self.cells_read,
            "cells_expected": self.cells_expected,
            "not_found": self.not_found,
            "confidence": self.confidence,
            "warnings": self.warnings,
            "format": self.format,
            "path": self.path,
            "cells_ambiguous": self.cells_ambiguous,
            "shares": self.shares,
        }

    def lines(self) -> list[str]:
        """The summary as a user reads it (Chinese)."""
        out = [f"读取单元格 {self.cells_read}/{self.cells_expected}，可信度 {self.confidence:.2f}"]
        sh = self.shares
        out.append(
            f"导入途径：{IMPORT_PATHS.get(self.path, self.path)}；单元格读出 {sh['read']:.0%}、"
            f"空白 {sh['blank']:.0%}、无法确定属于哪一行 {sh['ambiguous']:.0%}"
        )
        if self.not_found:
            out.append(f"未找到 {len(self.not_found)} 个单元格：{_rows_of(self.not_found, self.format)}")
        out += [f"注意：{w}" for w in self.warnings]
        return out


@dataclass
class ImportResult:
    report: Report
    summary: ImportSummary
    findings: list[Finding] = field(default_factory=list)
    kind: str = "text"

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.report.source,
            "kind": self.kind,
            "summary": self.summary.to_json(),
            "findings": [f.to_json() for f in self.findings],
        }


def import_report(
    path: str | Path, *, agency: str | None = None, year: int | None = None, issuer_kind: str | None = None
) -> ImportResult:
    """Read one published report from a file (kind detected from content and extension)."""
    doc = read_document(path)
    return import_document(doc, agency=agency, year=year, issuer_kind=issuer_kind)


def import_bytes(
    data: bytes, name: str, *, agency: str | None = None, year: int | None = None, issuer_kind: str | None = None
) -> ImportResult:
    """Import an uploaded file (the web app): same readers, via a private temporary copy."""
    import tempfile

    safe = Path(name).name or "upload.txt"
    with tempfile.TemporaryDirectory(prefix="nianbao-import-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        result = import_report(path, agency=agency, year=year, issuer_kind=issuer_kind)
    result.report.source = safe
    return result


def import_document(
    doc: Document, *, agency: str | None = None, year: int | None = None, issuer_kind: str | None = None
) -> ImportResult:
    name = doc.source
    rec = recognize(doc, fallback=FormatVersion.for_year(year) if year else None)
    story = extract(rec.lines, rec.table_lines(), t4_end=rec.spans["t4"][1] if "t4" in rec.spans else None)
    if not rec.cells and not rec.spans and len(story.headings) < 2:
        raise NianbaoError(
            "没有找到年报的表格或部分标题，这份文件看起来不是政府信息公开工作年度报告",
            file=name,
        )
    warnings = list(rec.warnings)
    year = year or story.year or _year_from_name(name)
    if year is None:
        raise NianbaoError("没有找到报告年度（标题和开头段落里都没有），请用 --year 指定", file=name)
    if story.year is None and year:
        warnings.append(f"正文没有写明报告年度，按 {year} 年导入")
    fmt = rec.format or FormatVersion.for_year(year)
    if rec.format is None:
        warnings.append(f"表格标签不足以判断格式版本，按 {year} 年使用 {fmt.value} 版格式")
        before = len(rec.warnings)
        report_missing(rec, fmt)
        warnings += rec.warnings[before:]  # 「没有找到表二」…
    agency = (agency or story.agency or "").strip()
    if not agency:
        agency = Path(name).stem
        warnings.append(f"没有找到机关名称，暂用文件名「{agency}」，请用 --agency 指定")
    kind = issuer_kind or issuer_kind_of(agency)

    findings = list(rec.findings)
    findings += [make("IMPORT-DEVIATION", note, part="problems") for note in story.notes]
    kept, failed = gate(doc, rec, _raw_lines(doc))
    findings += failed
    keys = set(cell_keys(fmt))
    cells = {k: c.value for k, c in kept.items() if k in keys}
    provenance = {k: {**c.where.to_dict(), "text": c.token.text, "assigned": c.how} for k, c in kept.items() if k in cells}
    report = Report(
        agency=agency,
        issuer_kind=kind,  # type: ignore[arg-type]
        year=year,
        format=fmt,
        published=story.published,
        contact=story.contact,
        source=Path(name).name,
        cells=cells,
        sections=Sections(**{k: story.sections.get(k) for k in SECTION_KEYS}),
        headings=story.headings,
        provenance=provenance,
    )
    summary = _summary(report, rec, findings, warnings, doc.kind)
    return ImportResult(report=report, summary=summary, findings=findings, kind=doc.kind)


def _raw_lines(doc: Document) -> list[str] | None:
    """The page source of an HTML document, for the gate's second look (None otherwise)."""
    if doc.kind != "html":
        return None
    try:
        from .readers.text import decode

        return decode(Path(doc.source).read_bytes(), doc.source).splitlines(keepends=True)
    except (OSError, NianbaoError):
        return None  # built from a string (tests, web upload): the extracted text is the source


def _rows_of(keys: list[str], version: str) -> str:
    """Cell keys as the rows a reader recognizes: 表三「（一）予以公开」（7格）、…"""
    from ..report.format import TABLE_NAMES, cell_specs

    specs = cell_specs(version)
    rows: dict[str, int] = {}
    columns: dict[str, int] = {}
    for key in keys:
        spec = specs.get(key)
        if spec is None:
            continue
        table = TABLE_NAMES[spec.table]
        row = f"{table}「{spec.row_label if spec.table != 't4' else spec.group}」"
        col = f"{table}「{spec.column_label}」列"
        rows[row] = rows.get(row, 0) + 1
        columns[col] = columns.get(col, 0) + 1
    groups = columns if len(columns) < len(rows) else rows  # a missing column reads better as one
    shown = [f"{name}（{n}格）" for name, n in groups.items()]
    return "、".join(shown[:6]) + ("等" if len(shown) > 6 else "")


def _year_from_name(name: str) -> int | None:
    m = re.search(r"(20\d{2})", Path(name).name)
    return int(m.group(1)) if m else None


def _summary(report: Report, rec: Recognition, findings: list[Finding], warnings: list[str], kind: str) -> ImportSummary:
    expected = cell_keys(report.format)
    read = [k for k in expected if k in report.provenance]
    not_found = [k for k in expected if k not in report.provenance]
    deviations = sum(1 for f in findings if f.severity in (Severity.WARNING, Severity.ERROR) and f.code != "IMPORT-NOT-FOUND")
    confidence = len(read) / len(expected) if expected else 0.0
    confidence = max(0.0, round(confidence * (0.9**deviations), 3))
    ambiguous = {k for f in findings if f.code == "IMPORT-AMBIGUOUS" for k in f.cells if k in not_found}
    return ImportSummary(
        len(read), len(expected), not_found, confidence, warnings, report.format.value, kind, len(ambiguous)
    )

