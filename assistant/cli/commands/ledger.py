"""nianbao ledger …: the 依申请公开台账 template."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click


@click.group("ledger")
def group():
    """依申请公开台账：生成模板。填写后用 nianbao fill 计算表三。"""


@group.command("template")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("台账模板.xlsx"),
    show_default=True,
    help="模板文件（.xlsx）",
)
@click.option("--year", type=int, default=None, help="按哪一年度的年报格式列出办理结果（默认今年）")
def template(output: Path, year: int | None):
    """生成台账模板（.xlsx）：表头、申请人类型和办理结果下拉列表、日期格式、填写说明。"""
    from ...errors import NianbaoError
    from ...ledger.template import write_template

    if output.suffix.lower() != ".xlsx":
        raise NianbaoError("模板文件的扩展名应为 .xlsx", file=str(output))
    year = year or dt.date.today().year
    if year < 2019:
        raise NianbaoError(f"年度 {year} 早于现行格式（2019 年起）")
    write_template(output, year)
    click.echo(f"已写入 {output}", err=True)
