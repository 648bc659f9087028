"""nianbao set: enter cells by hand (e.g. 表二, which no ledger covers)."""

from __future__ import annotations

from pathlib import Path

import click

from ..common import output_option, report_argument, settings


@click.command("set")
@report_argument()
@click.argument("assignments", nargs=-1)
@click.option(
    "--from",
    "from_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="从 YAML 文件读取「单元格键: 数值」",
)
@output_option("输出文件（不给则改写原报告文件）")
def command(report: Path, assignments: tuple[str, ...], from_file: Path | None, output: Path | None):
    """手工填写单元格，如：nianbao set 2022.yaml t2.rules.issued=0 t2.fees.amount=12.50

    值可以是数字、“/”（不适用）或 null（空白）。全部检查通过才写入。
    """
    from ...services.set_cells import SetRequest, set_cells

    result = set_cells(settings(), SetRequest(report, assignments, from_file, output))
    click.echo(f"已写入 {result.written}", err=True)
    if result.kind_change:
        click.echo(f"  发布机关类型：{result.kind_change[0]} → {result.kind_change[1]}", err=True)
    for change in result.changes:
        old = change.old.display() or "（空白）"
        new = change.new.display() or "（空白）"
        click.echo(f"  {change.label}：{old} → {new}", err=True)
    click.echo(f"共改动 {len(result.changes)} 个单元格。", err=True)
