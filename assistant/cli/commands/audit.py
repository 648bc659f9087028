"""nianbao audit: import and check many published reports, write summary.csv/json/html."""

from __future__ import annotations

from pathlib import Path

import click

from ..common import settings


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
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="并行进程数（默认为 CPU 核数）")
@click.option(
    "--report-format",
    type=click.Choice(["json", "yaml"]),
    default="json",
    show_default=True,
    help="每份报告文件的格式（YAML 便于阅读，JSON 写得更快）",
)
@click.option("--restart", is_flag=True, help="从头重做：不跳过上次中断前已完成的文件")
def command(paths, out, workers, report_format, restart):
    """批量导入并检查 PATHS 中的年报（可给文件或文件夹，文件夹中的文件逐个读取）。

    在 --out 文件夹写出 summary.csv、summary.json、summary.html（每份文件一行）和
    reports/ 下的报告文件。某份文件无法导入时在汇总中注明原因，不影响其他文件。
    中途中断（Ctrl-C、断电）后用同样的命令再运行，会跳过已完成的文件接着做（见 --restart）。
    全部导入成功时退出码为 0，有文件无法导入时为 1。
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from ...services.audit import AuditRequest, audit

    columns = (TextColumn("导入并检查"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("剩余"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("audit", total=None)
        result = audit(
            settings(),
            AuditRequest(list(paths), out, workers, report_format, resume=not restart),
            progress=lambda done, total, row: bar.update(task, completed=done, total=total),
        )
    rows, failed = result.rows, result.failed
    if result.skipped:
        click.echo(f"上次中断前已完成 {result.skipped} 份，本次跳过。", err=True)
    click.echo(f"共 {len(rows)} 份：导入 {len(rows) - len(failed)} 份，无法导入 {len(failed)} 份。", err=True)
    for r in failed:
        click.echo(f"  无法导入 {r.file}：{r.error}", err=True)
    click.echo(f"汇总已写入 {'、'.join(str(p) for p in result.summaries)}", err=True)
    return 1 if failed else 0
