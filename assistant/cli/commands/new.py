"""nianbao new: a blank report file of the right format version for the year."""

from __future__ import annotations

import click

from ...report.format import ISSUER_KINDS
from ..common import output_option, print_report, settings


@click.command("new")
@click.option("--year", type=int, required=True, help="报告年度，如 2025")
@click.option("--agency", required=True, help="机关名称，如 某某区人民政府")
@click.option(
    "--issuer-kind",
    type=click.Choice(ISSUER_KINDS),
    default=None,
    help="发布机关类型（不给则按名称判断：人民政府、管委会、街道办事处、乡镇为人民政府，其余为部门）",
)
@output_option()
def command(year: int, agency: str, issuer_kind: str, output):
    """新建空白报告文件：按年度选择格式版本（2019、2020 年用 2019 版，2021 年起用 2021 版），所有单元格为空。"""
    from ...services.new import NewRequest, new_report

    result = new_report(settings(), NewRequest(year, agency, issuer_kind, output))
    if result.inferred:
        click.echo(f"发布机关类型：{result.report.issuer_kind}（{result.inferred}；如不对，请用 --issuer-kind 指定，"
                   f"或用 nianbao set 报告文件 issuer_kind=…… 修改）", err=True)
    print_report(result.report, result.written)
