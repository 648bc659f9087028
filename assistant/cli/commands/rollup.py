"""nianbao rollup: sum departments' reports into the 本级政府 total, plus rollup.csv."""

from __future__ import annotations

from pathlib import Path

import click

from ..common import settings


@click.command("rollup")
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="汇总报告文件（.yaml/.json）"
)
@click.option("--agency", default=None, help="本级政府名称，如 某某区人民政府")
def command(reports, output, agency):
    """把同一年度、同一格式的各部门报告汇总：表二、表三、表四逐格相加。

    先检查每份报告并列出问题；某个单元格在部分报告中为空白时列出这些报告（合计只加已填的数字），
    所有报告都空白的单元格在汇总中仍为空白。各部门明细写入汇总文件旁的 rollup.csv。
    """
    from ...services.rollup import RollupRequest, rollup

    result = rollup(settings(), RollupRequest(list(reports), output, agency))

    echo = click.echo
    for checked in result.inputs:
        blocking = checked.blocking
        echo(
            f"{checked.agency}（{checked.file}）：{len(blocking)} 个错误或数据不一致，"
            f"{len(checked.findings) - len(blocking)} 个警告或提示"
        )
        for f in blocking:
            echo(f"  [{f.severity.label}] {f.code} {f.message}")
    if result.blank_cells:
        echo(f"{len(result.blank_cells)} 个单元格在部分报告中为空白（合计只加了已填的数字）：")
        for cell in result.blank_cells:
            echo(f"  - {cell.label}：{'、'.join(cell.agencies)}")
    echo(f"已写入 {result.written}", err=True)
    echo(f"已汇总 {len(result.inputs)} 份报告；各部门明细见 {result.breakdown}")
