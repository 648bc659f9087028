"""nianbao import: one published report (text, HTML, Word, PDF) -> a report file."""

from __future__ import annotations

from pathlib import Path

import click

from ...report.format import ISSUER_KINDS
from ..common import output_option, settings


@click.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@output_option("输出的报告文件（.yaml 或 .json）；不给则把报告输出到屏幕，摘要输出到标准错误")
@click.option("--agency", help="机关名称（文中找不到或与文中不同时指定）")
@click.option("--year", type=int, help="报告年度（文中找不到时指定）")
@click.option("--issuer-kind", type=click.Choice(ISSUER_KINDS), help="发布机关类型（默认按机关名称判断）")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["yaml", "json"]),
    default=None,
    help="输出到屏幕时的格式（默认 yaml）；写文件时按扩展名决定",
)
def command(source, output, agency, year, issuer_kind, output_format):
    """导入已发布的年报 SOURCE（网页复制的文本、HTML、Word .docx、PDF），生成报告文件。

    只导入原文中印出的数：找不到的单元格留空并在摘要中列出，与模板不符之处作为提示列出。
    """
    from ...report.io import dumps_report
    from ...services.import_report import ImportRequest, import_file

    outcome = import_file(settings(), ImportRequest(source, output, agency, year, issuer_kind))
    result, report = outcome.result, outcome.result.report
    if outcome.written is None:
        click.echo(dumps_report(report, output_format or "yaml"), nl=False)
    # the summary goes to stderr: it never mixes with a report printed to stdout
    click.echo(f"{source}：{report.agency} {report.year} 年（{report.format.value} 版格式，{report.issuer_kind}）", err=True)
    for line in result.summary.lines():
        click.echo(f"  {line}", err=True)
    for f in result.findings:
        click.echo(f"  [{f.code}] {f.message}", err=True)
    if outcome.written is not None:
        click.echo(f"已写入 {outcome.written}", err=True)
    return 0
