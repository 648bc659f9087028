"""nianbao audit: import and check many published reports, write summary.csv/json/html."""

from __future__ import annotations

import os
from pathlib import Path

import click


@click.command("audit")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("audit-out"),
    show_default=True,
    help="输出文件夹：汇总表和每份报告文件",
)
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="并行进程数（默认为 CPU 核数，最多 4）")
@click.option(
    "--report-format",
    type=click.Choice(["json", "yaml"]),
    default="json",
    show_default=True,
    help="每份报告文件的格式（YAML 便于阅读，JSON 写得更快）",
)
def command(paths, out, workers, report_format):
    """批量导入并检查 PATHS 中的年报（可给文件或文件夹，文件夹中的文件逐个读取）。

    在 --out 文件夹写出 summary.csv、summary.json、summary.html（每份文件一行）和
    reports/ 下的报告文件。某份文件无法导入时在汇总中注明原因，不影响其他文件。
    全部导入成功时退出码为 0，有文件无法导入时为 1。
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ...errors import NianbaoError
    from ...ingest.audit import collect, run_audit

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise NianbaoError("找不到这些文件或文件夹", details=missing)
    files = collect(paths)
    if not files:
        raise NianbaoError("没有找到可导入的文件（.txt .md .html .htm .docx .pdf）", details=[str(p) for p in paths])
    workers = workers or min(4, os.cpu_count() or 1)
    columns = (TextColumn("导入并检查"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=_stderr_console(), transient=False) as bar:
        task = bar.add_task("audit", total=len(files))
        rows = run_audit(
            files, out, workers=workers, progress=lambda row: bar.advance(task), report_format=report_format
        )
    failed = [r for r in rows if not r.ok]
    click.echo(f"共 {len(rows)} 份：导入 {len(rows) - len(failed)} 份，无法导入 {len(failed)} 份。", err=True)
    for r in failed:
        click.echo(f"  无法导入 {r.file}：{r.error}", err=True)
    click.echo(f"汇总已写入 {out / 'summary.csv'}、{out / 'summary.json'}、{out / 'summary.html'}", err=True)
    return 1 if failed else 0


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)
