"""nianbao ledger …: the 依申请公开台账 template."""

from __future__ import annotations

from pathlib import Path

import click

from ..common import settings


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
    from ...services.ledger import TemplateRequest
    from ...services.ledger import template as write

    result = write(settings(), TemplateRequest(output, year))
    click.echo(f"已写入 {result.written}", err=True)
