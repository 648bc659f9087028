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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import NianbaoError
from ..ingest import IMPORT_PATHS
from ..ingest.readers import EXTENSIONS, KIND_LABELS
from ..settings import Settings
from ..validate.catalogue import merge, summarize, summary_blocks
from ..validate.finding import SEVERITY_ORDER

SEVERITIES = tuple(s.value for s in SEVERITY_ORDER)
SEVERITY_LABELS = {s.value: s.label for s in SEVERITY_ORDER}


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
    path: str | None = None  # how it was read (text layer, converter text, …)
    cells_ambiguous: int | None = None
    findings: dict[str, int] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)
    report_file: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class AuditRequest:
    paths: list[Path]  # files, or folders read recursively
    out: Path  # summary.csv/json/html and reports/ go here
    workers: int | None = None  # None: every core
    report_format: str = "json"
    resume: bool = True  # skip documents an interrupted run of the same audit finished


@dataclass(frozen=True)
class AuditResult:
    rows: list[AuditRow]
    out: Path
    skipped: int = 0  # finished by an earlier, interrupted run

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
    done = 0

    def tick(row: AuditRow) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, row)

    run = _Run(files, request.out, request.workers or os.cpu_count() or 1, tick, request.report_format, request.resume)
    run.load()
    total = len(files) - run.skipped  # the documents this run has to do
    if progress:
        progress(0, total, None)
    rows = run.run()
    return AuditResult(rows, request.out, run.skipped)


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
        findings = merge(result.findings, validate(report))
        counts = summarize(findings)
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
            path=result.summary.path,
            cells_ambiguous=result.summary.cells_ambiguous,
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


JOURNAL = "audit-progress.jsonl"  # one line per finished document: an interrupted audit resumes from it
TASKS_PER_WORKER = 200  # the workers are replaced after this many documents each: memory stays bounded


def run_audit(
    files: list[Path],
    out: Path,
    *,
    workers: int = 2,
    progress: Callable[[AuditRow], None] | None = None,
    report_format: str = "json",
    resume: bool = True,
) -> list[AuditRow]:
    """Import + validate every file; write the summaries and one report file per document.

    Report files are JSON by default: writing YAML costs more than importing a text report.
    Each finished document is noted in out/audit-progress.jsonl, so a run stopped halfway
    (Ctrl-C, a reboot) skips what was done when started again with `resume`.
    """
    return _Run(files, out, workers, progress, report_format, resume).run()


class _Run:
    def __init__(self, files, out, workers, progress, report_format, resume) -> None:
        self.files = files
        self.out = out
        self.workers = workers
        self.progress = progress
        self.targets = [str(out / "reports" / n) for n in report_names(files, f".{report_format}")]
        self.rows: list[AuditRow | None] = [None] * len(files)
        self.header = {"version": __version__, "report_format": report_format}
        self.skipped = 0
        self.resume = resume
        self.journal_path = out / JOURNAL
        self.loaded = False

    def run(self) -> list[AuditRow]:
        self.load()
        self.out.mkdir(parents=True, exist_ok=True)
        journal = self.journal_path
        with journal.open("a" if self.skipped else "w", encoding="utf-8") as self.journal:
            if not self.skipped:
                self._note(self.header)
            todo = [i for i, row in enumerate(self.rows) if row is None]
            if self.workers <= 1 or len(todo) <= 1:
                for i in todo:
                    self._done(i, audit_one(str(self.files[i]), self.targets[i]))
            else:
                self._in_workers(todo)
        done = [r for r in self.rows if r is not None]
        write_summaries(done, self.out)
        return done

    def load(self) -> None:
        """Rows of documents finished by an earlier, interrupted run of the same audit."""
        journal, loaded, self.loaded = self.journal_path, self.loaded, True
        if loaded or not self.resume or not journal.exists():
            return
        lines = []
        with journal.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    lines.append(json.loads(line))
                except ValueError:  # a line cut short by the interruption: that document is done again
                    continue
        if not lines or lines[0] != self.header:
            return
        finished = {tuple(entry["key"]): entry["row"] for entry in lines[1:] if "key" in entry}
        for i, f in enumerate(self.files):
            data = finished.get(tuple(_key(f)))
            if data is None or data.get("report_file") not in (None, self.targets[i]):
                continue
            if data.get("ok") and not Path(self.targets[i]).exists():
                continue
            self.rows[i] = AuditRow(**data)
            self.skipped += 1

    def _note(self, entry: dict) -> None:
        self.journal.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.journal.flush()

    def _done(self, i: int, row: AuditRow, crashed: bool = False) -> None:
        self.rows[i] = row
        if not crashed:  # a crashed worker is tried again next time
            self._note({"key": _key(self.files[i]), "row": asdict(row)})
        if self.progress:
            self.progress(row)

    def _in_workers(self, todo: list[int]) -> None:
        """At most two documents per worker in flight (memory bounded by the workers, not the batch).

        A worker that dies (out of memory, a crash in a parser) breaks the pool: the documents
        then in flight are tried again each on its own, so only the one that kills its worker
        alone gets a row with the reason.
        """
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        _preload()  # forked workers inherit the imports instead of paying for them each
        queue = list(reversed(todo))
        while queue:
            # a fresh pool every TASKS_PER_WORKER documents per worker: memory stays bounded
            budget, suspects = TASKS_PER_WORKER * self.workers, []
            with ProcessPoolExecutor(self.workers) as pool:
                flight: dict = {}
                while ((queue and budget) or flight) and not suspects:
                    while queue and budget and len(flight) < 2 * self.workers:
                        i = queue.pop()
                        budget -= 1
                        flight[pool.submit(audit_one, str(self.files[i]), self.targets[i])] = i
                    finished, _ = wait(flight, return_when=FIRST_COMPLETED)
                    for future in finished:
                        i = flight.pop(future)
                        try:
                            self._done(i, future.result())
                        except BrokenProcessPool:
                            suspects.append(i)
                        except Exception as error:  # noqa: BLE001 - one document never stops the batch
                            self._crashed(i, error)
                suspects += flight.values()
            for i in suspects:
                self._alone(i)

    def _alone(self, i: int) -> None:
        from concurrent.futures.process import BrokenProcessPool

        with ProcessPoolExecutor(1) as solo:
            try:
                self._done(i, solo.submit(audit_one, str(self.files[i]), self.targets[i]).result())
            except BrokenProcessPool as error:
                self._crashed(i, error)

    def _crashed(self, i: int, error: BaseException) -> None:
        reason = "处理这份文件的进程意外退出（可能是内存不足或文件引起解析程序崩溃）" if not str(error) else str(error)
        row = AuditRow(file=str(self.files[i]), ok=False, error=f"处理进程异常退出：{reason}")
        self._done(i, row, crashed=True)


def _preload() -> None:
    from ..ingest import import_report  # noqa: F401
    from ..validate import all_rules

    all_rules()


def _key(path: Path) -> list:
    """A document as the journal knows it: where it is, its size and modification time."""
    stat = path.stat()
    return [str(path.resolve()), stat.st_size, stat.st_mtime_ns]


# -- the three summaries ---------------------------------------------------------------

CSV_HEADER = ["文件", "机关", "年度", "格式版本", "文件类型", "读取单元格", "应有单元格", "可信度", "导入途径", "无法确定的单元格"] + [
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
        IMPORT_PATHS.get(r.path or "", r.path or ""),
        "" if r.cells_ambiguous is None else r.cells_ambiguous,
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
        cls = "failed" if not r.ok else ("blocking" if summary_blocks(r.findings) else "")
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
