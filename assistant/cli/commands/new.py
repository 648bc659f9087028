"""nianbao new: a blank report file of the right format version for the year."""

from __future__ import annotations

import click

from ...errors import NianbaoError
from ...report.model import blank_report
from ..common import output_option, save


@click.command("new")
@click.option("--year", type=int, required=True, help="报告年度，如 2025")
@click.option("--agency", required=True, help="机关名称，如 某某区人民政府")
@click.option(
    "--issuer-kind",
    type=click.Choice(["人民政府", "部门"]),
    default="部门",
    show_default=True,
    help="发布机关类型",
)
@output_option()
def command(year: int, agency: str, issuer_kind: str, output):
    """新建空白报告文件：按年度选择格式版本（2019、2020 年用 2019 版，2021 年起用 2021 版），所有单元格为空。"""
    if year < 2019:
        raise NianbaoError(f"年度 {year} 早于现行格式（2019 年起），无法新建")
    save(blank_report(year, agency.strip(), issuer_kind), output)
