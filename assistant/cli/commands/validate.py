"""nianbao validate: check a report file; exit 0 clean, 1 errors/inconsistencies, 2 unusable input."""

from __future__ import annotations

import click

from ..common import load, previous_option, report_argument


@click.command("validate")
@report_argument()
@previous_option()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出方式：text 为按严重程度分组的表格，json 供其他程序使用",
)
def command(report, previous, output_format):
    """检查报告文件 REPORT：表格勾稽关系、单元格、结构和文字。

    有“错误”或“数据不一致”时退出码为 1，没有时为 0；文件无法使用时为 2。
    """
    from ...errors import NianbaoError, error_body
    from ...report.io import dumps_json
    from ...validate import validate
    from ...validate.output import blocking, render_text, validation_json

    try:
        current = load(report)
        last = load(previous)
    except NianbaoError as error:
        if output_format == "json":  # programs get a JSON body too; the message still goes to stderr
            click.echo(dumps_json(error_body(error)), nl=False)
        raise
    findings = validate(current, last)
    if output_format == "json":
        click.echo(dumps_json(validation_json(current, findings, report)), nl=False)
    else:
        import shutil
        import sys

        # a terminal gets its own width; pipes and files a fixed, readable one
        width = max(80, shutil.get_terminal_size((120, 24)).columns) if sys.stdout.isatty() else 120
        click.echo(render_text(current, findings, report, last, width=width), nl=False)
    return 1 if blocking(findings) else 0
