"""Audit: import and validate many published reports, one summary row per document.

A supervisor points this at folders of reports; every document is handled on its own
(in worker processes), so one broken file only gives one row with its error.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import NianbaoError
from ..ingest.readers import EXTENSIONS, KIND_LABELS
from ..settings import Settings

SEVERITIES = ("error", "inconsistency", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "inconsistency": "数据不一致", "warning": "警告", "info": "提示"}


@dataclass
class AuditRow:
    file: str
    ok: bool
    agency: str | None = None
    year: int | None = None
    format: str | None = None
    kind: str | None = None
    cells_read: int | None = None
    cells_expected: int | None = None
    confidence: float | None = None
    findings: dict[str, int] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)
    report_file: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class AuditRequest:
    paths: list[Path]  # files, or folders read recursively
    out: Path  # summary.csv/json/html and reports/ go here
    workers: int | None = None  # None: the CPU count, at most 4
    report_format: str = "json"


@dataclass(frozen=True)
class AuditResult:
    rows: list[AuditRow]
    out: Path

    @property
    def failed(self) -> list[AuditRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def summaries(self) -> list[Path]:
        return [self.out / name for name in ("summary.csv", "summary.json", "summary.html")]


def audit(
    settings: Settings,
    request: AuditRequest,
    progress: Callable[[int, int, AuditRow | None], None] | None = None,
) -> AuditResult:
    """Import and check every document; `progress(done, total, row)` is told of each (row None at the start)."""
    missing = [str(p) for p in request.paths if not Path(p).exists()]
    if missing:
        raise NianbaoError("找不到这些文件或文件夹", details=missing)
    files = collect(request.paths)
    if not files:
        raise NianbaoError(
            "没有找到可导入的文件（.txt .md .html .htm .docx .pdf）", details=[str(p) for p in request.paths]
        )
    total, done = len(files), 0

    def tick(row: AuditRow) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, row)

    if progress:
        progress(0, total, None)
    workers = request.workers or min(4, os.cpu_count() or 1)
    rows = run_audit(files, request.out, workers=workers, progress=tick, report_format=request.report_format)
    return AuditResult(rows, request.out)


def collect(paths: Iterable[str | Path]) -> list[Path]:
    """The documents named or found (recursively) in folders, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = [
                f
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in EXTENSIONS and not f.name.startswith((".", "~$"))
            ]
            out += sorted(found)
        else:
            out.append(p)
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def audit_one(path: str, report_path: str | None) -> AuditRow:
    """Import + validate one document; never raises (the error goes into the row)."""
    from ..ingest import import_report
    from ..report.io import write_report
    from ..validate import validate
    from .import_report import named_errors

    try:
        with named_errors(str(path)):
            result = import_report(path)
        report = result.report
        findings = list(result.findings) + validate(report)
        counts = {s: sum(1 for f in findings if f.severity.value == s) for s in SEVERITIES}
        codes = sorted({f.code for f in findings})
        if report_path:
            Path(report_path).parent.mkdir(parents=True, exist_ok=True)
            write_report(report, report_path)
        return AuditRow(
            file=str(path),
            ok=True,
            agency=report.agency,
            year=report.year,
            format=report.format.value,
            kind=result.kind,
            cells_read=result.summary.cells_read,
            cells_expected=result.summary.cells_expected,
            confidence=result.summary.confidence,
            findings=counts,
            codes=codes,
            report_file=report_path,
        )
    except NianbaoError as error:
        return AuditRow(file=str(path), ok=False, error=error.message)
    except Exception as error:  # one broken document never stops the batch
        return AuditRow(file=str(path), ok=False, error=f"内部错误：{type(error).__name__}: {error}")


def report_names(files: list[Path], suffix: str = ".json") -> list[str]:
    """One report file name per document, unique even when stems repeat across folders."""
    names, used = [], set()
    for f in files:
        base = f.stem or "report"
        name, n = f"{base}{suffix}", 2
        while name in used:
            name, n = f"{base}-{n}{suffix}", n + 1
        used.add(name)
        names.append(name)
    return names


def run_audit(
    files: list[Path],
    out: Path,
    *,
    workers: int = 2,
    progress: Callable[[AuditRow], None] | None = None,
    report_format: str = "json",
) -> list[AuditRow]:
    """Import + validate every file; write the summaries and one report file per document.

    Report files are JSON by default: writing YAML costs more than importing a text report.
    """
    out.mkdir(parents=True, exist_ok=True)
    targets = [str(out / "reports" / n) for n in report_names(files, f".{report_format}")]
    rows: list[AuditRow | None] = [None] * len(files)
    if workers <= 1 or len(files) <= 1:
        for i, (f, t) in enumerate(zip(files, targets)):
            rows[i] = audit_one(str(f), t)
            if progress:
                progress(rows[i])  # type: ignore[arg-type]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(audit_one, str(f), t): i for i, (f, t) in enumerate(zip(files, targets))}
            for future in as_completed(futures):
                i = futures[future]
                try:
                    rows[i] = future.result()
                except Exception as error:  # a worker died (e.g. out of memory)
                    rows[i] = AuditRow(file=str(files[i]), ok=False, error=f"处理进程异常退出：{error}")
                if progress:
                    progress(rows[i])  # type: ignore[arg-type]
    done = [r for r in rows if r is not None]
    write_summaries(done, out)
    return done


# -- the three summaries ---------------------------------------------------------------

CSV_HEADER = ["文件", "机关", "年度", "格式版本", "文件类型", "读取单元格", "应有单元格", "可信度"] + [
    SEVERITY_LABELS[s] for s in SEVERITIES
] + ["规则代码", "报告文件", "出错原因"]


def _csv_row(r: AuditRow) -> list:
    return [
        r.file,
        r.agency or "",
        r.year or "",
        r.format or "",
        KIND_LABELS.get(r.kind or "", r.kind or ""),
        "" if r.cells_read is None else r.cells_read,
        "" if r.cells_expected is None else r.cells_expected,
        "" if r.confidence is None else f"{r.confidence:.2f}",
        *[r.findings.get(s, "") if r.ok else "" for s in SEVERITIES],
        " ".join(r.codes),
        r.report_file or "",
        r.error or "",
    ]


def write_summaries(rows: list[AuditRow], out: Path) -> None:
    with (out / "summary.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_HEADER)
        writer.writerows(_csv_row(r) for r in rows)
    data = {
        "generated": dt.datetime.now().isoformat(timespec="seconds"),
        "documents": len(rows),
        "imported": sum(1 for r in rows if r.ok),
        "failed": sum(1 for r in rows if not r.ok),
        "rows": [asdict(r) for r in rows],
    }
    (out / "summary.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "summary.html").write_text(summary_html(rows, data), encoding="utf-8")


def summary_html(rows: list[AuditRow], data: dict) -> str:
    esc = html.escape
    head = "".join(f"<th>{esc(h)}</th>" for h in CSV_HEADER)
    body = []
    for r in rows:
        cells = []
        for h, v in zip(CSV_HEADER, _csv_row(r)):
            text = str(v)
            if h == "报告文件" and text:
                text = os.path.relpath(text, start=str(Path(text).parents[1])) if Path(text).is_absolute() else text
            cells.append(f"<td>{esc(text)}</td>")
        cls = "failed" if not r.ok else ("blocking" if (r.findings.get("error") or r.findings.get("inconsistency")) else "")
        body.append(f'<tr class="{cls}">' + "".join(cells) + "</tr>")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>年报批量检查汇总</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em; }}
table {{ border-collapse: collapse; font-size: 14px; }}
th, td {{ border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }}
th {{ background: #eee; }}
tr.failed td {{ background: #fde2e2; }}
tr.blocking td {{ background: #fff4d6; }}
</style></head>
<body>
<h1>年报批量检查汇总</h1>
<p>共 {data['documents']} 份文件：导入 {data['imported']} 份，无法导入 {data['failed']} 份。生成时间：{esc(data['generated'])}。</p>
<p>红色：无法导入（见“出错原因”）；黄色：有错误或数据不一致。</p>
<table><thead><tr>{head}</tr></thead><tbody>
{chr(10).join(body)}
</tbody></table>
</body></html>
"""
