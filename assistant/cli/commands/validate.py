"""nianbao validate: check a report file; exit 0 clean, 1 errors/inconsistencies, 2 unusable input."""

from __future__ import annotations

import click

from ..common import previous_option, report_argument, settings


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
    from ...report.io import dumps_json
    from ...services.validate import ValidateRequest, validate_file

    # a file that cannot be used: the entry point prints the error body for --format json
    result = validate_file(settings(), ValidateRequest(report, previous))
    if output_format == "json":
        click.echo(dumps_json(result.to_json()), nl=False)
    else:
        from ...validate.output import render_text

        click.echo(render_text(result.report, result.findings, report, result.previous, width=_width()), nl=False)
    return 1 if result.blocking else 0


def _width() -> int:
    """A terminal gets its own width; pipes and files a fixed, readable one."""
    import shutil
    import sys

    return max(80, shutil.get_terminal_size((120, 24)).columns) if sys.stdout.isatty() else 120
